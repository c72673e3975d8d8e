import type { StageTeamRights } from '../../../src/gate/v2/permissions';
import type { TeamVerdictV2 } from '../../../src/gate/v2/verdict';
import { call } from './panel-call';
import type { PanelProps } from './panel-section';
import { teamAsks } from './stage-asks';
import { TeamAskForm } from './team-ask';
import { WaiveAction } from './waivers';

const asSentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** A team the viewer cannot decide for, and why (the reason at the first stage that needs the team). */
interface NotYours {
  readonly team: string;
  readonly name: string;
  readonly reason: string;
}

function notYours(props: PanelProps, mine: ReadonlySet<string>): NotYours[] {
  const { verdicts, stagePermissions } = props;
  const seen = new Map<string, NotYours>();
  for (const verdict of verdicts) {
    for (const team of verdict.teams) {
      if (mine.has(team.team) || seen.has(team.team) || team.applicability.status === 'not-required') continue;
      const rights: StageTeamRights | undefined = stagePermissions.find((p) => p.stage === verdict.stage && p.team === team.team);
      seen.set(team.team, { team: team.team, name: team.name, reason: rights?.reason ?? `You are not an approver for ${team.name}` });
    }
  }
  return [...seen.values()];
}

/** Why the viewer cannot decide for each of these teams, one line each (behind a disclosure). */
function WhyNot({ teams, withNames }: { readonly teams: readonly NotYours[]; readonly withNames: (text: string) => string }) {
  return (
    <ul className="team-list">
      {teams.map((team) => (
        <li key={team.team} className="team-item" data-team={team.team}>
          <p className="why-not">You can’t decide for {team.name}. {asSentence(withNames(team.reason))}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * Whether the viewer may mark the team not applicable where it is still required; a standing waiver is withdrawn from
 * its own line in the list of waivers, so the panel offers each action once.
 */
const waivable = (props: PanelProps, team: string): boolean =>
  props.waiverPermissions.some((w) => w.target.kind === 'team' && w.target.key === team && w.canWaive) &&
  props.verdicts.some((v) => v.passed === undefined && v.teams.some((t: TeamVerdictV2) => t.team === team && t.applicability.status === 'required'));

/**
 * The top of the panel: what is asked of the viewer, per team and naming the stage ("Managed Tenants SRE needs your
 * decision for Promote to prod: Approve Promote to prod · Decline"), or one line for someone who acts for no team; why
 * not for the other teams on demand.
 */
export function YourDecisions(props: PanelProps) {
  const { gate, verdicts, stagePermissions, nameOf, act, withNames } = props;
  const asks = teamAsks(verdicts, stagePermissions);
  const others = notYours(props, new Set(asks.map((a) => a.team)));

  if (asks.length === 0) {
    return (
      <section className="your-decisions" aria-label="Asked of you">
        <div className="ask-none">
          <p>You are not an approver for any team of this gate: you can follow its progress here.</p>
          {others.length === 0 ? null : (
            <details className="why-not-all">
              <summary>Why?</summary>
              <WhyNot teams={others} withNames={withNames} />
            </details>
          )}
        </div>
      </section>
    );
  }
  return (
    <section className="your-decisions" aria-label="Asked of you">
      <ul className="asks">
        {asks.map((ask) => (
          <TeamAskForm
            key={`${ask.team}:${ask.stages.filter((s) => s.waiting).map((s) => s.stage).join(',')}`}
            ask={ask}
            nameOf={nameOf}
            now={gate.now}
            onDecide={(payload, done) => act(() => call('decide', payload), done)}
            {...(waivable(props, ask.team) ? { waive: <WaiveAction {...props} target={{ kind: 'team', key: ask.team }} what={ask.teamName} /> } : {})}
          />
        ))}
      </ul>
      {others.length === 0 ? null : (
        <details className="other-teams">
          <summary>Why you can’t decide for the other {others.length === 1 ? 'team' : `${others.length} teams`}</summary>
          <WhyNot teams={others} withNames={withNames} />
        </details>
      )}
    </section>
  );
}
