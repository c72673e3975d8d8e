import type { TeamVerdict } from '../../../src/gate/verdict';
import { siteHref, useFrameContext } from '../../shared/site-href';
import { loadContext, navigate } from './decision-source-link';
import type { PanelProps, PanelSection } from './panel-section';

// Agreement on a linked ticket (issue 15): teams whose approval was given on a ticket linked to this one, each with a
// link to that ticket, and whether it counts here.

/** Each team of the current stage's verdicts whose decision was given on a linked ticket, once. */
function linkedTeams({ gate }: Pick<PanelProps, 'gate'>): TeamVerdict[] {
  const byTeam = new Map<string, TeamVerdict>();
  for (const verdict of gate.verdicts) for (const team of verdict.teams) if (team.decision?.linkedIssue !== undefined && !byTeam.has(team.team)) byTeam.set(team.team, team);
  return [...byTeam.values()];
}

function LinkedAgreement({ gate }: PanelProps) {
  const siteUrl = useFrameContext(loadContext)?.siteUrl;
  return (
    <ul className="linked-agreement">
      {linkedTeams({ gate }).map((team) => {
        const key = team.decision?.linkedIssue ?? '';
        const path = `/browse/${encodeURIComponent(key)}`;
        return (
          <li key={team.team}>
            <strong>{team.name}</strong>{' '}
            <span className="subtle">
              approved on{' '}
              <a
                href={siteHref(siteUrl, path)}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(path);
                }}
              >
                {key}
              </a>
              : {team.reason}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Teams that agreed on a linked ticket; left out when none did. */
export const LINKED_AGREEMENT_SECTION: PanelSection = {
  key: 'linked-agreement',
  title: 'Agreed on linked tickets',
  summary: ({ gate }) => {
    const teams = linkedTeams({ gate });
    if (teams.length === 0) return undefined;
    return teams.map((team) => `${team.name} on ${team.decision?.linkedIssue ?? ''}`).join(' · ');
  },
  Body: LinkedAgreement,
};
