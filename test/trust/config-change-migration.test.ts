// Issue 14's new reads on a site written by schema version 1 (commit 5cba5e6, test/fixtures/main-5cba5e6): the glance
// of each ticket says what the panel's verdict says, and previewing and applying a template over the configuration that
// version stored (no stageAliases) works, with the project's validators mapped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigChangePreview, ConfigView, GateGlance } from '../../src/contract';
import { ADMIN, call, getGate, PROJECT, savedConfig, unwrap } from '../reliability/support';
import { FIXTURE, useFixtureSite } from './fixture-site';

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { readonly tickets: Readonly<Record<string, { readonly key: string }>> };
const siteOf = useFixtureSite();

describe('a site written by schema version 1 (commit 5cba5e6)', () => {
  it("gives each ticket's glance in the words of the panel's current verdict", async () => {
    const site = siteOf();
    for (const { key } of Object.values(expected.tickets)) {
      const gate = await getGate(site, key);
      const glance = unwrap(await call<GateGlance>(site, ADMIN, 'getGlance', {}, { issueKey: key }));
      const current = gate.verdicts.find((v) => !v.allowed) ?? gate.verdicts[gate.verdicts.length - 1];
      expect(glance.message).toBe(current?.message);
      expect(glance.progress?.startsWith(current?.stageName ?? '?')).toBe(true);
    }
  });

  it('previews and applies a template over the stored configuration, mapping the validators of the stages it drops', async () => {
    const site = siteOf();
    const before = await savedConfig(site);
    expect(before.stageAliases).toBeUndefined();
    const preview = unwrap(await call<ConfigChangePreview>(site, ADMIN, 'previewChange', { template: 'kubernetes-prr' }, PROJECT));
    expect(preview.problems).toEqual([]);
    expect(preview.orphanedValidators.map((v) => v.stage)).toEqual(expect.arrayContaining(['promote-to-prod', 'go-live']));
    expect(await savedConfig(site)).toEqual(before);

    const applied = unwrap(await call<ConfigView>(site, ADMIN, 'applyTemplate', { template: 'kubernetes-prr', stageMapping: { 'promote-to-prod': 'alpha', 'go-live': 'ga' } }, PROJECT));
    expect(applied.config?.stageAliases).toEqual({ 'promote-to-prod': 'alpha', 'go-live': 'ga' });
    expect(applied.config?.version).toBe(before.version + 1);
  });
});
