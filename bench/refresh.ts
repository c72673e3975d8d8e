// The hourly refresh (scheduled trigger go-live-gate-hourly-refresh) over 1,000 and 5,000 gated tickets: its requests and
// time for a sweep (the configuration's timed rules changed, every gated ticket is recomputed) and for the hourly run
// that follows (only what is due).
import { SUMMARY_PROPERTY } from '../src/gate/records';
import type { Cost } from './counts';
import { costOf } from './counts';
import type { SiteClient } from '../test/support/site-client';
import { DEMO } from '../test/support/site-client';
import { inBatches } from './in-batches';

/** The second demo project (Kubernetes PRR): its tickets are the refresh's, the reviews part's are on SKU. */
const PROJECT_KEY = 'KEP';
export const REFRESH_TRIGGER = 'go-live-gate-hourly-refresh';
/** One ticket in this many gets a summary gone out of date, which the sweep must rewrite; the others it leaves alone. */
export const OUTDATED_EVERY = 10;
const SEED_CONCURRENCY = 8;

export interface RefreshRun {
  readonly cost: Cost;
  readonly ms: number;
}

export interface RefreshPoint {
  readonly tickets: number;
  readonly outdated: number;
  /** Gated projects besides KEP: each costs its run one search for what is due. */
  readonly otherProjects: number;
  readonly sweep: RefreshRun;
  readonly hourly: RefreshRun;
}

async function runRefresh(client: SiteClient): Promise<RefreshRun> {
  let ms = 0;
  const counts = await client.count(async () => {
    const started = performance.now();
    const run = (await client.restOk('app', 'POST', `/__site/scheduled-triggers/${REFRESH_TRIGGER}/run`, undefined, 200)) as { outcome: string; error?: string };
    ms = performance.now() - started;
    if (run.outcome !== 'succeeded') throw new Error(`The refresh failed: ${run.error ?? 'no error given'}`);
  });
  return { cost: costOf(counts, { kinds: {} }), ms };
}

/** Gives the project's stages a new approval lifetime: a new configuration version with timed rules, which is swept. */
async function saveLifetime(client: SiteClient, days: number): Promise<void> {
  const project = { projectKey: PROJECT_KEY };
  const { config } = await client.call(DEMO.admin, 'settings', 'getConfig', {}, project);
  if (config === undefined) throw new Error(`${PROJECT_KEY} has no gate configuration`);
  await client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, stages: config.stages.map((stage) => ({ ...stage, approvalLifetimeDays: days })) } }, project);
}

/**
 * For each size (ascending): creates tickets on KEP until it has that many gated ones (the issue-created trigger writes
 * each its summary), puts an out-of-date summary on one in OUTDATED_EVERY, saves a new approval lifetime, then counts
 * one refresh run (the sweep) and the next one (nothing due).
 */
export async function benchRefresh(client: SiteClient, sizes: readonly number[], otherProjects: number): Promise<RefreshPoint[]> {
  const created: string[] = [];
  const points: RefreshPoint[] = [];
  for (const size of sizes) {
    const missing = size - created.length;
    const fresh: string[] = [];
    await inBatches(Array.from({ length: missing }, (_, i) => i), SEED_CONCURRENCY, async (i) => {
      const fields = { project: { key: PROJECT_KEY }, summary: `Bench enhancement ${size}-${i}`, issuetype: { name: 'Task' } };
      fresh[i] = ((await client.restOk(DEMO.pm, 'POST', '/rest/api/3/issue', { fields }, 201)) as { key: string }).key;
    });
    created.push(...fresh);
    await client.site.drainEvents();
    const outdated = created.filter((_, i) => i % OUTDATED_EVERY === 0);
    await inBatches(outdated, SEED_CONCURRENCY, async (key) => {
      await client.restOk('app', 'PUT', `/rest/api/3/issue/${key}/properties/${SUMMARY_PROPERTY}`, { schemaVersion: 1, status: 'ready', stage: 'ga' }, [200, 201]);
    });
    await saveLifetime(client, 30 + points.length);
    const sweep = await runRefresh(client);
    const hourly = await runRefresh(client);
    points.push({ tickets: created.length, outdated: outdated.length, otherProjects, sweep, hourly });
  }
  return points;
}
