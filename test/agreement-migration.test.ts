// Issue 15's configuration on a site written by commit 5cba5e6 (test/fixtures/main-5cba5e6): its configuration has no
// `requiredChecks` nor `linkedApprovals` and reads with neither (every verdict as before; the site's database gains its
// issue links table); once a stage requires a check, tickets approved under version 1 wait for it, a check result put on
// the ticket by hand does not count, and a link type for linked agreement changes nothing on tickets without links.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigView } from '../src/contract';
import { checkProperty } from '../src/gate/records';
import type { RunningSite } from './support/site';
import { ADMIN, call, getGate, PM, PROJECT, rest, savedConfig, unwrap } from './reliability/support';
import { FIXTURE, useFixtureSite } from './trust/fixture-site';

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { tickets: Record<string, { key: string; verdicts: { stage: string; allowed: boolean; message: string }[] }> };
const approved = expected.tickets['everyone approved with numbers'];

const siteOf = useFixtureSite();
let site: RunningSite;
beforeAll(() => {
  site = siteOf();
});

describe('required checks on a site written by schema version 1', () => {
  it('reads the old configuration with no required checks, then blocks the approved ticket on the check a stage now requires', async () => {
    if (approved === undefined) throw new Error('The fixture has no ticket approved by everyone');
    const config = await savedConfig(site);
    expect(config.stages.map((s) => s.requiredChecks)).toEqual(config.stages.map(() => undefined));
    expect(config.linkedApprovals).toBeUndefined();
    const before = await getGate(site, approved.key);
    expect(before.verdicts.map((v) => [v.stage, v.message])).toEqual(approved.verdicts.map((v) => [v.stage, v.message]));
    expect(before.verdicts.every((v) => v.checks === undefined)).toBe(true);

    const stages = config.stages.map((stage) => (stage.key === 'go-live' ? { ...stage, requiredChecks: ['osd-e2e'] } : stage));
    const saved = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: { ...config, stages, linkedApprovals: { linkType: 'Relates' } } }, PROJECT));
    expect(saved.config?.stages.find((s) => s.key === 'go-live')?.requiredChecks).toEqual(['osd-e2e']);
    const after = await getGate(site, approved.key);
    expect(after.verdicts.find((v) => v.stage === 'go-live')?.message).toBe('Go live blocked: check osd-e2e has not run');
    expect(after.verdicts.find((v) => v.stage === 'promote-to-prod')?.message).toBe('Promote to prod: ready');
    expect(after.unverified).toEqual([]);

    // Anyone who can edit the ticket can put a "passed" result on it; the app never wrote it, so it does not count.
    const forged = { kind: 'check', issueId: after.issue.id, name: 'osd-e2e', state: 'passed', source: { kind: 'gitlab', url: 'https://gitlab.example.com/acme/addon-operator/-/merge_requests/12', headSha: 'b5e3c1a9d7f2e4c6a8b0d2f4e6a8c0e2f4a6b8d0' }, by: 'GitLab', at: '2026-03-02T10:02:00.000Z' };
    expect((await rest(site, PM, 'PUT', `/rest/api/3/issue/${approved.key}/properties/${checkProperty('osd-e2e')}`, forged)).status).toBeLessThan(300);
    const tampered = await getGate(site, approved.key);
    expect(tampered.verdicts.find((v) => v.stage === 'go-live')?.message).toBe('Go live blocked: check osd-e2e unverified');
  });
});
