import { AREA_NAMES, AREAS } from '../../../src/gate/constants';
import { stageStatus } from '../../../src/gate/glance';
import type { Area } from '../../../src/gate/constants';
import type { Team } from '../../../src/gate/v2/config';
import type { TeamStateV2, TeamVerdictV2, VerdictV2 } from '../../../src/gate/v2/verdict';
import { Avatar } from '../../shared/avatar';
import { RelativeTime } from '../../shared/time';
import type { PanelProps } from './panel-section';
import { approvalCount } from './stage-asks';
import { StateLozenge } from './state-lozenge';
import { DecisionSourceLink } from './decision-source-link';

const STATUS_WORDS = { ready: 'Ready', blocked: 'Blocked', overridden: 'Overridden' } as const;
const STATUS_APPEARANCE = { ready: 'success', blocked: 'danger', overridden: 'warning' } as const;

/** What "ticket-wide" means, on hover (and in the cell's accessible text through the verdict's reason). */
const LEGACY_WORDS = 'Approved before approvals were per stage: this ticket-wide approval counts for every stage that requires the team';

/** States whose lozenge alone does not say why (a stale approval, a record edited outside the app, a waiver...). */
const EXPLAINED: readonly TeamStateV2[] = ['stale', 'expired', 'unverified', 'waived', 'not-required'];

/** Teams grouped by area in the order of AREAS; teams of another area last, under "Review". */
function byArea(teams: readonly Team[]): { area: Area; teams: Team[] }[] {
  const known = AREAS.map((area) => ({ area, teams: teams.filter((t) => t.area === area) }));
  const others = teams.filter((t) => !(AREAS as readonly string[]).includes(t.area));
  return [...known, { area: 'review' as const, teams: others }].filter((g) => g.teams.length > 0);
}

/** One team's state for one stage, with "1 of 2 approvals" where the team needs more than one; a dash where the stage does not need the team. */
function StateCell({ verdict, stage, withNames }: { readonly verdict: TeamVerdictV2 | undefined; readonly stage: VerdictV2; readonly withNames: (text: string) => string }) {
  if (verdict === undefined) {
    return (
      <td className="matrix-cell">
        <span className="subtlest" aria-hidden="true">–</span>
        <span className="visually-hidden">Not needed for {stage.stageName}</span>
      </td>
    );
  }
  const reason = withNames(verdict.reason);
  const explained = EXPLAINED.includes(verdict.state);
  const counted = verdict.needed > 1 && verdict.state !== 'waived' && verdict.state !== 'not-required';
  return (
    <td className="matrix-cell" title={reason}>
      <StateLozenge state={verdict.state} />
      {counted ? <span className="matrix-approvals subtle"> {approvalCount(verdict)}</span> : null}
      {verdict.legacy ? <span className="matrix-legacy subtle" title={LEGACY_WORDS}> ticket-wide</span> : null}
      {explained ? <span className="visually-hidden"> {reason}</span> : null}
    </td>
  );
}

/** The team's latest decision on the ticket at any stage (or its ticket-wide one from before approvals were per stage). */
function latestDecision({ records }: PanelProps, team: string) {
  const perStage = records.decisions.filter((d) => d.team === team).map((d) => ({ ...d, legacy: false }));
  const legacy = Object.hasOwn(records.legacy, team) ? records.legacy[team] : undefined;
  const all = [...perStage, ...(legacy === undefined ? [] : [{ ...legacy, stage: undefined, legacy: true }])];
  return all.sort((a, b) => b.at.localeCompare(a.at))[0];
}

/**
 * Every gating team against every stage, with Jira-style lozenges and "1 of 2 approvals" where a team needs several;
 * who decided last (name, avatar, time on hover, the stage) and their comment behind a disclosure.
 */
export function TeamMatrix(props: PanelProps) {
  const { gate, config, verdicts, nameOf, fullNameOf, stageName, withNames } = props;
  const gating = config.teams.filter((t) => verdicts.some((v) => v.teams.some((tv) => tv.team === t.key)));
  if (gating.length === 0) return null;
  const columns = verdicts.length + 2;
  return (
    <table className="matrix" aria-label="Teams and stages">
      <thead>
        <tr>
          <th scope="col">Team</th>
          {verdicts.map((v) => {
            const status = stageStatus(v);
            const required = v.teams.filter((t) => t.applicability.status === 'required');
            const approved = required.filter((t) => t.state === 'approved').length;
            return (
              <th key={v.stage} scope="col" data-stage={v.stage} className="matrix-stage">
                {v.stageName}{' '}
                {v.passed === undefined ? <span className={`lozenge lozenge-${STATUS_APPEARANCE[status]}`}>{STATUS_WORDS[status]}</span> : <span className="lozenge lozenge-success">Passed</span>}
                {required.length === 0 ? null : <span className="matrix-count subtle"> {approved} of {required.length}</span>}
              </th>
            );
          })}
          <th scope="col">Last decision</th>
        </tr>
      </thead>
      {byArea(gating).map(({ area, teams }) => (
        <tbody key={area}>
          <tr className="matrix-area">
            <th scope="rowgroup" colSpan={columns}>{AREA_NAMES[area]}</th>
          </tr>
          {teams.map((team) => {
            const decision = latestDecision(props, team.key);
            return (
              <tr key={team.key} data-team={team.key}>
                <th scope="row" className="matrix-team">{team.name}</th>
                {verdicts.map((v) => <StateCell key={v.stage} verdict={v.teams.find((t) => t.team === team.key)} stage={v} withNames={withNames} />)}
                <td className="matrix-decision">
                  {decision === undefined ? null : (
                    <span className="person">
                      <Avatar name={fullNameOf(decision.by)} />
                      <span>
                        {decision.decision}
                        {decision.stage === undefined ? <span title={LEGACY_WORDS}> ticket-wide</span> : ` ${stageName(decision.stage)}`} by {nameOf(decision.by)}{' '}
                        <RelativeTime at={decision.at} now={gate.now} />
                        <DecisionSourceLink source={decision.source} />
                      </span>
                    </span>
                  )}
                  {decision?.comment === undefined || decision.comment === '' ? null : (
                    <details className="comment-toggle">
                      <summary>Comment</summary>
                      <p className="comment user-text">{decision.comment}</p>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
