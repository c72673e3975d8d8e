// Validating a transition as the configuration grows from 13 to 200 teams.
import type { GateConfigInput } from '../src/gate/config';
import { AREAS } from '../src/gate/constants';
import { isRecordProperty } from '../src/gate/records';
import { MANAGED_ADDON_TEAMS, OVERRIDERS_GROUP, teamGroup } from '../emulator/site/demo';
import type { Cost } from './counts';
import { costOf, TRANSITION_POST } from './counts';
import type { SiteClient } from '../test/support/site-client';
import { DEMO } from '../test/support/site-client';
import { inBatches } from './in-batches';
import type { Timing } from './stats';
import { pooled, sample } from './stats';

export interface TeamsPoint {
  readonly teams: number;
  /** Over every repetition of every round. */
  readonly timing: Timing;
  readonly cost: Cost;
  /** The app's records on the ticket, each with a head in KVS: the validator reads the heads 100 a page. */
  readonly records: number;
  /** Per round, this size's median over the first size's median (rounds interleave the sizes, so load drifts cancel). */
  readonly roundRatios: readonly number[];
}

/** Approvals in flight at once while preparing a ticket (different teams on one ticket, as in real life). */
const APPROVE_CONCURRENCY = 4;
const STAGE_KEYS = ['promote-to-prod', 'go-live'] as const;

/** Team i shares the Jira group (and so the approver) of the i-th demo team, round robin. */
const demoTeamOf = (i: number): string => MANAGED_ADDON_TEAMS[i % MANAGED_ADDON_TEAMS.length]?.key ?? 'sre-p';

/** `teams` teams, every one required by both gated stages; one person may approve for several teams (shared groups). */
function configWith(teams: number, version: number): GateConfigInput {
  const keys = Array.from({ length: teams }, (_, i) => `team-${String(i).padStart(3, '0')}`);
  return {
    version,
    teams: keys.map((key, i) => ({ key, name: `Team ${i + 1}`, area: AREAS[i % AREAS.length] ?? 'review', groups: [teamGroup(demoTeamOf(i))], description: '' })),
    stages: STAGE_KEYS.map((key) => ({ key, name: key === 'go-live' ? 'Go live' : 'Promote to prod', requiredTeams: keys })),
    numbers: [],
    questions: [],
    policies: { reporterMayApprove: false, onePersonOneTeam: false, overrideGroups: [OVERRIDERS_GROUP] },
  };
}

async function saveTeams(client: SiteClient, teams: number): Promise<string[]> {
  const current = await client.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey: DEMO.projectKey });
  const saved = await client.call(DEMO.admin, 'settings', 'saveConfig', { config: configWith(teams, current.config?.version ?? 0) }, { projectKey: DEMO.projectKey });
  return saved.config?.teams.map((team) => team.key) ?? [];
}

/**
 * For each size, a ticket that every team but the first approved (the heaviest ticket that still blocks, so nothing moves
 * and the run repeats), prepared under a configuration of that many teams (saved by the admin through saveConfig).
 * Then `rounds` rounds: each saves each size's configuration in turn and times the PM's "Promote to Prod" on that size's
 * ticket `repetitionsPerRound` times. Team keys are the same prefix at every size, so each ticket stays valid.
 */
export async function benchTeams(client: SiteClient, sizes: readonly number[], rounds: number, repetitionsPerRound: number): Promise<TeamsPoint[]> {
  const tickets: string[] = [];
  const records: number[] = [];
  for (const teams of sizes) {
    const teamKeys = await saveTeams(client, teams);
    const { key } = await client.createTicket(`Bench ${teams} teams`);
    await inBatches(teamKeys.slice(1), APPROVE_CONCURRENCY, (team, i) => client.approve(key, team, DEMO.approverOf(demoTeamOf(i + 1))));
    tickets.push(key);
    records.push(await recordCount(client, key));
  }
  await client.site.drainEvents();
  const validate = (key: string) => (): Promise<void> => client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 400);
  const costs: Cost[] = [];
  const samples: Timing[][] = sizes.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [s, teams] of sizes.entries()) {
      await saveTeams(client, teams);
      const key = tickets[s] ?? '';
      if (round === 0) costs.push(costOf(await client.count(validate(key)), { kinds: { [TRANSITION_POST]: 1 } }));
      samples[s]?.push(await sample(repetitionsPerRound, validate(key)));
    }
  }
  return sizes.map((teams, s) => {
    const rounds = samples[s] ?? [];
    return {
      teams,
      timing: pooled(rounds),
      cost: costs[s] ?? { jira: {}, kvs: {}, invokes: {} },
      records: records[s] ?? 0,
      roundRatios: rounds.map((timing, r) => timing.medianMs / (samples[0]?.[r]?.medianMs ?? Number.NaN)),
    };
  });
}

/** How many of the ticket's properties are the app's records (the validator reads one KVS head for each). */
async function recordCount(client: SiteClient, issueKey: string): Promise<number> {
  const listed = (await client.restOk(DEMO.pm, 'GET', `/rest/api/3/issue/${issueKey}/properties`, undefined, 200)) as { readonly keys: readonly { readonly key: string }[] };
  return listed.keys.filter(({ key }) => isRecordProperty(key)).length;
}
