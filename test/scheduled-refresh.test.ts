import { runScheduledRefresh, STOP_MARGIN_MS } from '../src/app/scheduled-refresh';
import type { GateConfigV2 } from '../src/gate/v2/config';
import type { RefreshPorts } from '../src/ports';
import { DEMO, useForgeOnSite } from './support/site-client';

// The hourly refresh on the local site: the site clock moves on, the scheduled trigger runs on its own, and a ticket
// whose approvals expire overnight turns blocked in JQL and on the reviews queue although nobody acted.
const env = useForgeOnSite(() => import('../src/entry/composition-root'));
const admin = () => DEMO.admin;
const project = { projectKey: DEMO.projectKey };
const HOUR_MS = 3_600_000;

async function jqlKeys(jql: string): Promise<string[]> {
  const found = (await env.client.restOk(DEMO.pm, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 }, 200)) as { issues: { key: string }[] };
  return found.issues.map((issue) => issue.key);
}

async function advance(ms: number): Promise<{ runs: { moduleKey: string; outcome: string }[] }> {
  return (await env.client.restOk('app', 'POST', '/__site/clock/advance', { ms }, 200)) as { runs: { moduleKey: string; outcome: string }[] };
}

/** Gives every stage of the project's gate an approval lifetime (or only `stageKey`'s); answers the version saved. */
async function saveLifetime(projectKey: string, days: number, stageKey?: string): Promise<number> {
  // The configuration as model v2 reads it, as the settings page saves it (KEP's owning SIG comes from a ticket field,
  // which the v1 view cannot carry).
  const { configV2 } = await env.client.call(admin(), 'settings', 'getConfig', {}, { projectKey });
  if (configV2 === undefined) throw new Error(`${projectKey} has no gate configuration`);
  const timed: GateConfigV2 = { ...configV2, stages: configV2.stages.map((stage) => (stageKey === undefined || stage.key === stageKey ? { ...stage, approvalLifetimeDays: days } : stage)) };
  const saved = await env.client.call(admin(), 'settings', 'saveConfig', { config: timed }, { projectKey });
  return saved.configV2?.version ?? -1;
}

/** The refresh's ports as the app builds them, with a time budget that runs out after `allowed` checks. */
function portsWithBudget(allowed: number): RefreshPorts {
  let checks = 0;
  return { ...env.forge.refreshPorts(), budget: { remainingMs: () => (++checks <= allowed ? Number.POSITIVE_INFINITY : STOP_MARGIN_MS - 1) } };
}

describe('the hourly refresh', () => {
  it('stops before its time limit and carries on where it stopped, recomputing every ticket once', async () => {
    for (let i = 0; i < 9; i++) {
      await env.client.restOk(DEMO.pm, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'KEP' }, summary: `Enhancement ${i}`, issuetype: { name: 'Task' } } }, 201);
    }
    await env.site.drainEvents();
    const gated = await jqlKeys('project = KEP AND goLiveGateStatus IS NOT EMPTY');
    expect(gated.length).toBeGreaterThanOrEqual(9);
    const version = await saveLifetime('KEP', 30);

    // Three budget checks pass (SKU's search, which finds nothing due; KEP's first page; its first tickets), then time
    // is short: the run stops and leaves a cursor.
    const first = await runScheduledRefresh(portsWithBudget(3));
    expect(first).toMatchObject({ finished: false, failed: [] });
    const progress = await env.forge.refreshPorts().progress.read();
    expect(progress.cursor?.phase).toBe('sweep');
    expect(progress.cursor?.afterKey).toMatch(/^KEP-\d+$/);

    const second = await runScheduledRefresh(portsWithBudget(Number.POSITIVE_INFINITY));
    expect(second).toMatchObject({ finished: true, failed: [] });
    expect(first.checked + second.checked).toBe(gated.length);
    const done = await env.forge.refreshPorts().progress.read();
    expect(done.cursor).toBeUndefined();
    expect(Object.values(done.swept)).toContain(version);

    // Swept: the next run only asks for what is due, finds nothing and writes nothing.
    const third = await runScheduledRefresh(portsWithBudget(Number.POSITIVE_INFINITY));
    expect(third).toMatchObject({ finished: true, checked: 0, rewritten: 0 });
  });

  it('turns a ticket whose approvals expire overnight to blocked in JQL and on the reviews queue without anyone acting', async () => {
    expect(await jqlKeys('project = SKU AND goLiveGateStatus = "ready"')).toContain('SKU-3');
    await saveLifetime('SKU', 1, 'go-live');

    // The first runs sweep the project (its configuration now has a lifetime) and date each summary's next change.
    await advance(2 * HOUR_MS);
    expect(await jqlKeys('project = SKU AND goLiveGateNextChange <= "2100-01-01" AND goLiveGateStatus = "ready"')).toContain('SKU-3');

    await env.site.resetMetrics();
    const { runs } = await advance(23 * HOUR_MS);
    expect(runs.filter((run) => run.moduleKey === 'go-live-gate-hourly-refresh').map((run) => run.outcome)).toEqual(Array(23).fill('succeeded'));
    const counted = await env.site.metrics();
    expect(Object.keys(counted).filter((kind) => kind.startsWith('invoke:'))).toEqual([]);

    expect(await jqlKeys('project = SKU AND goLiveGateStatus = "blocked" AND goLiveGateStage = "go-live" AND goLiveGatePending = "sre-p"')).toContain('SKU-3');
    expect(await jqlKeys('project = SKU AND goLiveGateStatus = "ready"')).not.toContain('SKU-3');
    // Recomputed from the verified records: the approvals expired, none is taken for forged.
    const summary = (await env.client.restOk(DEMO.pm, 'GET', '/rest/api/3/issue/SKU-3/properties/golive-gate.summary', undefined, 200)) as { value: { unverified: string[]; teams: Record<string, { state: string }> } };
    expect(summary.value.unverified).toEqual([]);
    expect(summary.value.teams['sre-p']?.state).toBe('expired');
    const reviews = await env.client.call(admin(), 'reviews', 'getReviews', {}, project);
    const sreP = reviews.queue.teams.find((team) => team.team === 'sre-p');
    expect(sreP?.waiting.map((ticket) => ticket.key)).toContain('SKU-3');
    // The expiry the refresh noticed is a review-history event, counted once however many runs see it again.
    // (SKU-3's and those of the other demo tickets SRE-P approved.)
    const expired = reviews.throughput.teams.find((team) => team.team === 'sre-p');
    expect(expired?.expired).toBeGreaterThanOrEqual(1);
    expect(expired?.lapsesFromSummary).toBe(0);
    await advance(2 * HOUR_MS);
    const later = await env.client.call(admin(), 'reviews', 'getReviews', {}, project);
    expect(later.throughput.teams.find((team) => team.team === 'sre-p')).toMatchObject({ expired: expired?.expired, lapsesFromSummary: 0 });
  });
});
