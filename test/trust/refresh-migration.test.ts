// The hourly refresh on a site written by schema version 1 (commit 5cba5e6, test/fixtures/main-5cba5e6): summaries written
// before `nextChange` existed are swept once the configuration has an approval lifetime, read through the version-1
// digests, and dated; verdicts stay what version 1 showed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigView } from '../../src/contract';
import type { RunningSite } from '../support/site';
import { ADMIN, call, getGate, PM, PROJECT, rest, savedConfig, unwrap } from '../reliability/support';
import { FIXTURE, useFixtureSite } from './fixture-site';

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { tickets: Record<string, { key: string; verdicts: { stage: string; allowed: boolean }[] }> };

const siteOf = useFixtureSite();
let site: RunningSite;
beforeAll(() => {
  site = siteOf();
});

const search = async (jql: string): Promise<string[]> => ((await rest(site, PM, 'POST', '/rest/api/3/search/jql', { jql, fields: [], maxResults: 100 })).body as { issues: { key: string }[] }).issues.map((i) => i.key);

describe('the hourly refresh on a site written by schema version 1', () => {
  it('dates the summaries version 1 wrote once an approval lifetime is configured, and changes no verdict', async () => {
    const gated = await search('project = SKU AND goLiveGateStatus IS NOT EMPTY');
    expect(gated.length).toBeGreaterThan(3);
    expect(await search('project = SKU AND goLiveGateNextChange IS NOT EMPTY')).toEqual([]);
    expect(await search('project = SKU AND goLiveGateOpenItems IS NOT EMPTY')).toEqual([]);

    const config = await savedConfig(site);
    const timed = { ...config, stages: config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, approvalLifetimeDays: 365 } : stage)) };
    unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: timed }, PROJECT));
    const run = await fetch(`${site.url}/__site/scheduled-triggers/go-live-gate-hourly-refresh/run`, { method: 'POST', headers: { authorization: `Forge ${site.appSecret}` } });
    expect(await run.json()).toMatchObject({ outcome: 'succeeded' });

    // Summaries version 1 wrote lack the open items (session 8): the refresh gives every one of them the count.
    expect(await search('project = SKU AND goLiveGateStatus IS NOT EMPTY AND goLiveGateOpenItems IS EMPTY')).toEqual([]);
    expect((await search('project = SKU AND goLiveGateOpenItems >= 0')).sort()).toEqual([...gated].sort());
    const dated = await search('project = SKU AND goLiveGateNextChange > now()');
    const approved = expected.tickets['promote approved']?.key;
    expect(dated).toContain(approved);
    // The one verdict issue 10 changed on purpose (test/trust/migration.test.ts) is left out.
    for (const [title, ticket] of Object.entries(expected.tickets)) {
      if (!dated.includes(ticket.key) || title.includes('class-1 bypass')) continue;
      const gate = await getGate(site, ticket.key);
      expect(gate.verdicts.find((v) => v.stage === 'promote-to-prod')?.allowed).toBe(ticket.verdicts.find((v) => v.stage === 'promote-to-prod')?.allowed);
    }
  });
});
