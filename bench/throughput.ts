// Decisions per second with several approvers deciding at the same moment, each on a ticket of their own.
import type { SiteClient } from '../test/support/site-client';
import { MANAGED_ADDON_TEAMS } from '../emulator/site/demo';
import { median, timed } from './stats';

export interface ThroughputPoint {
  readonly approvers: number;
  /** Median over the runs of decisions / wall seconds. */
  readonly perSecond: number;
  readonly runs: readonly number[];
}

/**
 * For each level of concurrency: `approvers` workers, worker j acting as the approver of the j-th demo team (round robin)
 * on a ticket of its own, each re-affirming its approval until `decisions` are made in all. `runs` runs, each going
 * through every level in turn, so a change in the machine's load touches every level alike.
 */
export async function benchThroughput(client: SiteClient, levels: readonly number[], decisions: number, runs: number): Promise<ThroughputPoint[]> {
  const workersOf: { team: string; key: string }[][] = [];
  for (const approvers of levels) {
    workersOf.push(
      await Promise.all(
        Array.from({ length: approvers }, async (_, j) => {
          const team = MANAGED_ADDON_TEAMS[j % MANAGED_ADDON_TEAMS.length]?.key ?? 'sre-p';
          const { key } = await client.createTicket(`Bench throughput ${approvers}-${j}`);
          await client.approve(key, team);
          return { team, key };
        }),
      ),
    );
  }
  await client.site.drainEvents();
  const rates: number[][] = levels.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [level, workers] of workersOf.entries()) {
      let next = 0;
      const elapsed = await timed(() =>
        Promise.all(
          workers.map(async ({ team, key }) => {
            while (next < decisions) {
              next++;
              await client.approve(key, team);
            }
          }),
        ),
      );
      rates[level]?.push(decisions / (elapsed / 1000));
    }
  }
  return levels.map((approvers, level) => ({ approvers, perSecond: median(rates[level] ?? []), runs: rates[level] ?? [] }));
}
