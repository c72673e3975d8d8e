import { AREA_NAMES, AREAS } from '../../../src/gate/constants';
import type { Verdict } from '../../../src/gate/verdict';
import { RelativeTime } from '../../shared/time';
import { DecisionSourceLink } from './decision-source-link';
import { StateLozenge } from './state-lozenge';

/** One stage: its verdict in the validator's own words, why, and each gating team's state grouped by area. */
export function StageCard({ verdict, now, nameOf }: { readonly verdict: Verdict; readonly now: string; readonly nameOf: (accountId: string) => string }) {
  const headingId = `stage-${verdict.stage}-heading`;
  const status = verdict.overridden ? 'overridden' : verdict.allowed ? 'ready' : 'blocked';
  const areas = AREAS.map((area) => ({ area, teams: verdict.teams.filter((t) => t.area === area) })).filter((g) => g.teams.length > 0);
  const otherTeams = verdict.teams.filter((t) => !(AREAS as readonly string[]).includes(t.area));
  if (otherTeams.length > 0) areas.push({ area: 'review', teams: otherTeams });
  // Team and number reasons are shown beside each team and number below; the list keeps the rest (questions...).
  const otherReasons = verdict.reasons.filter((reason) => !verdict.teams.some((t) => t.reason === reason) && !verdict.numbers.some((n) => n.reason === reason));
  return (
    <article className={`card stage-card stage-${status}`} aria-labelledby={headingId} data-stage={verdict.stage}>
      <h3 id={headingId} className="stage-verdict">
        <span className={`stage-icon stage-icon-${status}`} aria-hidden="true" />
        {verdict.message}
      </h3>
      {verdict.teams.length === 0 ? null : (
        <p className="subtle">
          {verdict.teams.filter((t) => t.state === 'approved').length} of {verdict.teams.length} {verdict.teams.length === 1 ? 'team has' : 'teams have'} approved.
        </p>
      )}
      {verdict.override === undefined ? null : (
        <div className="override-banner" role="note" aria-label={`${verdict.stageName} was overridden`}>
          <strong>Overridden</strong> by {nameOf(verdict.override.by)} <RelativeTime at={verdict.override.at} now={now} />
          {' '}(via {verdict.override.via}). Justification: <q className="user-text">{verdict.override.justification}</q>
        </div>
      )}
      {!verdict.allowed && otherReasons.length > 0 ? (
        <ul className="reasons" aria-label={`Why ${verdict.stageName} is blocked`}>
          {otherReasons.map((reason) => <li key={reason}>{reason}</li>)}
        </ul>
      ) : null}
      {areas.map(({ area, teams }) => (
        <section key={area} className="area" aria-label={`${AREA_NAMES[area]} teams for ${verdict.stageName}`}>
          <h4>{AREA_NAMES[area]}</h4>
          <ul className="team-states">
            {teams.map((team) => (
              <li key={team.team} className="team-state">
                <span className="team-name">{team.name}</span> <StateLozenge state={team.state} />
                {team.decision === undefined ? (
                  team.state === 'pending' ? null : <span className="subtle team-reason"> {team.reason}</span>
                ) : (
                  <>
                    <span className="subtle">
                      {' '}{team.decision.decision} by {nameOf(team.decision.by)} <RelativeTime at={team.decision.at} now={now} />
                    </span>
                    <DecisionSourceLink source={team.decision.source} />
                    {team.state === 'approved' || team.state === 'declined' ? null : <span className="subtle team-reason"> ({team.reason})</span>}
                    {team.decision.comment ? <p className="comment user-text">{team.decision.comment}</p> : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {verdict.numbers.length > 0 ? (
        <p className="subtle">
          Numbers:{' '}
          {verdict.numbers.map((n, i) => (
            <span key={n.key}>
              {i > 0 ? ', ' : ''}
              {n.state === 'recorded' && n.value !== undefined ? `${n.label} ${n.value}${n.unit ? ` ${n.unit}` : ''}` : n.reason}
            </span>
          ))}
        </p>
      ) : null}
    </article>
  );
}
