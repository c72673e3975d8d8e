import type { GateConfigV2 } from '../../../src/gate/v2/config';
import type { WaiverRecord, WaiverTarget } from '../../../src/gate/v2/records';
import { RelativeTime } from '../../shared/time';
import { call } from './panel-call';
import type { PanelProps } from './panel-section';
import { ReasonDialog } from './reason-dialog';

const sameTarget = (a: WaiverTarget, b: WaiverTarget): boolean => a.kind === b.kind && a.key === b.key;

/**
 * What a waiver's target is called: the team's or number's name, the item's text in quotes.
 *
 * @example
 * targetName(config, { kind: 'team', key: 'layered-sre' }) // 'Layered SRE'
 */
export function targetName(config: GateConfigV2, target: WaiverTarget): string {
  if (target.kind === 'team') return config.teams.find((t) => t.key === target.key)?.name ?? target.key;
  if (target.kind === 'number') return config.numbers.find((n) => n.key === target.key)?.label ?? target.key;
  const item = config.items.find((i) => i.key === target.key);
  return item === undefined ? target.key : `“${item.text}”`;
}

/**
 * When a waiver stops counting: at the earliest of the lifetimes of the stages that need its target, if any has one.
 *
 * @example
 * waiverExpiry(config, waiver) // { at: '2026-12-29T10:00:00.000Z', stage: 'Go live' }
 */
export function waiverExpiry(config: GateConfigV2, waiver: WaiverRecord): { readonly at: string; readonly stage: string } | undefined {
  const { kind, key } = waiver.target;
  const needing = config.stages.filter((s) =>
    kind === 'team' ? s.teams.some((t) => t.team === key) : kind === 'number' ? s.numbers.includes(key) : config.items.some((i) => i.key === key && i.requiredFor.includes(s.key)),
  );
  const expiries = needing.flatMap((s) => (s.waiverLifetimeDays === undefined ? [] : [{ at: new Date(Date.parse(waiver.at) + s.waiverLifetimeDays * 86_400_000).toISOString(), stage: s.name }]));
  return expiries.sort((a, b) => a.at.localeCompare(b.at))[0];
}

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
