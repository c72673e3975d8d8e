import type { WaiverTarget } from '../../../src/gate/v2/records';
import { RelativeTime } from '../../shared/time';
import { call } from './panel-call';
import type { PanelProps } from './panel-section';
import { ReasonDialog } from './reason-dialog';
import { targetName, waiverExpiry } from '../../../src/gate/v2/waiver-target';

const sameTarget = (a: WaiverTarget, b: WaiverTarget): boolean => a.kind === b.kind && a.key === b.key;

/**
 * "Not applicable…" for a team, number or item when the viewer may mark it so (that team, or an override-group
 * member), or "Applies again…" to withdraw a standing waiver; nothing otherwise. Both ask for a reason in a dialog.
 */
export function WaiveAction({ gate, config, records, waiverPermissions, act, target, what }: PanelProps & { readonly target: WaiverTarget; readonly what: string }) {
  const permission = waiverPermissions.find((w) => sameTarget(w.target, target));
  if (permission?.canWaive !== true) return null;
  const standing = records.waivers.some((w) => sameTarget(w.target, target) && w.status === 'waived');
  if (standing) {
    return (
      <ReasonDialog
        opener="Withdraw…"
        openerLabel={`Withdraw: ${what} applies again`}
        title={`${what} applies to this ticket again`}
        explanation={`Withdrawing makes ${what} required again wherever the gate needs it. Say why; everyone sees it and it is kept in the audit trail.`}
        confirm="Withdraw"
        onConfirm={(reason) => act(() => call('withdrawWaiver', { target, reason }), `${what} applies again.`)}
      />
    );
  }
  return (
    <ReasonDialog
      opener="Not applicable…"
      openerLabel={`Mark ${what} not applicable`}
      title={`Mark ${what} not applicable on ${gate.issue.key}`}
      explanation={`The gate stops asking for ${what} on this ticket${config.stages.some((s) => s.waiverLifetimeDays !== undefined) ? ' until the waiver expires' : ''}. Say why in words; everyone sees it and it is kept in the audit trail.`}
      confirm="Mark not applicable"
      onConfirm={(reason) => act(() => call('waive', { target, reason }), `${what} marked not applicable.`)}
    />
  );
}

/** Every standing waiver on the ticket: a "Not applicable" lozenge, what, who, when, why, until when; withdrawable. */
export function WaiverList(props: PanelProps) {
  const { gate, config, records, nameOf } = props;
  const standing = records.waivers.filter((w) => w.status === 'waived');
  if (standing.length === 0) return null;
  return (
    <ul className="waivers" aria-label="Not applicable on this ticket">
      {standing.map((waiver) => {
        const what = targetName(config, waiver.target);
        const expiry = waiverExpiry(config, waiver);
        return (
          <li key={`${waiver.target.kind}.${waiver.target.key}`} className="waiver" data-waiver={`${waiver.target.kind}.${waiver.target.key}`}>
            <span className="lozenge lozenge-info">Not applicable</span> <strong>{what}</strong>{' '}
            <span className="subtle">
              by {nameOf(waiver.by)} <RelativeTime at={waiver.at} now={gate.now} />: <q className="user-text">{waiver.reason}</q>
              {expiry === undefined ? null : <> Expires <RelativeTime at={expiry.at} now={gate.now} /> for {expiry.stage}.</>}
            </span>{' '}
            <WaiveAction {...props} target={waiver.target} what={what} />
          </li>
        );
      })}
    </ul>
  );
}
