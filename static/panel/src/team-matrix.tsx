import { AREA_NAMES, AREAS } from '../../../src/gate/constants';
import { stageStatus } from '../../../src/gate/glance';
import type { Area } from '../../../src/gate/constants';
import type { Team } from '../../../src/gate/config';
import type { TeamState, TeamVerdict } from '../../../src/gate/verdict';
import { Avatar } from '../../shared/avatar';
import { RelativeTime } from '../../shared/time';
import type { PanelProps } from './panel-section';
import { StateLozenge } from './state-lozenge';
import { DecisionSourceLink } from './decision-source-link';

const STATUS_WORDS = { ready: 'Ready', blocked: 'Blocked', overridden: 'Overridden' } as const;
const STATUS_APPEARANCE = { ready: 'success', blocked: 'danger', overridden: 'warning' } as const;

/** States whose lozenge alone does not say why (a stale approval, a record edited outside the app...). */
const EXPLAINED: readonly TeamState[] = ['stale', 'expired', 'unverified'];

/** Teams grouped by area in the order of AREAS; teams of another area last, under "Review". */
function byArea(teams: readonly Team[]): { area: Area; teams: Team[] }[] {
  const known = AREAS.map((area) => ({ area, teams: teams.filter((t) => t.area === area) }));
  const others = teams.filter((t) => !(AREAS as readonly string[]).includes(t.area));
  return [...known, { area: 'review' as const, teams: others }].filter((g) => g.teams.length > 0);
}

/** One team's state for one stage; a dash where the stage does not need the team. */
function StateCell({ verdict, stageName }: { readonly verdict: TeamVerdict | undefined; readonly stageName: string }) {
  if (verdict === undefined) {
    return (
      <td className="matrix-cell">
        <span className="subtlest" aria-hidden="true">–</span>
        <span className="visually-hidden">Not needed for {stageName}</span>
      </td>
    );
  }
  const explained = EXPLAINED.includes(verdict.state);
  return (
    <td className="matrix-cell" {...(explained ? { title: verdict.reason } : {})}>
      <StateLozenge state={verdict.state} />
      {explained ? <span className="visually-hidden"> {verdict.reason}</span> : null}
    </td>
  );
}

/**
 * Every gating team against every stage, with Jira-style lozenges; who decided last (name, avatar, time on hover) and
 * their comment behind a disclosure.
 */
export function TeamMatrix({ gate, config, nameOf, fullNameOf }: PanelProps) {
  const gating = config.teams.filter((t) => gate.verdicts.some((v) => v.teams.some((tv) => tv.team === t.key)));
  if (gating.length === 0) return null;
  const columns = gate.verdicts.length + 2;
  return (
    <table className="matrix" aria-label="Teams and stages">
      <thead>
        <tr>
          <th scope="col">Team</th>
          {gate.verdicts.map((v) => {
            const status = stageStatus(v);
            const approved = v.teams.filter((t) => t.state === 'approved').length;
            return (
              <th key={v.stage} scope="col" data-stage={v.stage} className="matrix-stage">
                {v.stageName} <span className={`lozenge lozenge-${STATUS_APPEARANCE[status]}`}>{STATUS_WORDS[status]}</span>
                {v.teams.length === 0 ? null : <span className="matrix-count subtle"> {approved} of {v.teams.length}</span>}
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
            const decision = gate.records.decisions[team.key];
            return (
              <tr key={team.key} data-team={team.key}>
                <th scope="row" className="matrix-team">{team.name}</th>
                {gate.verdicts.map((v) => <StateCell key={v.stage} verdict={v.teams.find((t) => t.team === team.key)} stageName={v.stageName} />)}
                <td className="matrix-decision">
                  {decision === undefined ? null : (
                    <span className="person">
                      <Avatar name={fullNameOf(decision.by)} />
                      <span>
                        {decision.decision} by {nameOf(decision.by)} <RelativeTime at={decision.at} now={gate.now} />
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
