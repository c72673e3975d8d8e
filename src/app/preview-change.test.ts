import { demoWorld, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { checkTransition } from './validate-transition';
import { previewChange } from './preview-change';
import { applyTemplate, importConfig } from './project-config';
import { KUBERNETES_SIGS } from '../gate/v2/templates';

const ADMIN = { accountId: 'acc-admin' };

/** The demo with SKU's two validators, as the local site seeds them. */
function world(): MemoryWorld {
  const w = demoWorld();
  w.validators.push({ projectId: PROJECT.id, workflow: 'SKU workflow', transition: 'Promote to Prod', stage: 'promote-to-prod' });
  w.validators.push({ projectId: PROJECT.id, workflow: 'SKU workflow', transition: 'Go Live', stage: 'go-live' });
  w.validators.push({ projectId: '10001', workflow: 'KEP workflow', transition: 'Graduate to Alpha', stage: 'alpha' });
  return w;
}

describe('previewing a configuration change', () => {
  it('lists what the PRR template adds and removes, the validators it would orphan and the groups nobody is in, saving nothing', async () => {
    const w = world();
    const before = w.configs.stored.get(PROJECT.id);
    const preview = await previewChange(w.portsFor('acc-admin'), ADMIN, PROJECT, { template: 'kubernetes-prr' });

    expect(preview.problems).toEqual([]);
    expect(preview.change?.stagesRemoved.map((s) => s.name)).toEqual(['Promote to prod', 'Go live']);
    expect(preview.change?.stagesAdded.map((s) => s.key)).toEqual(['alpha', 'beta', 'ga']);
    expect(preview.change?.teamsRemoved).toHaveLength(13);
    expect(preview.change?.groupsAdded).toEqual(['golive-prr']);
    // KEP's workflow is not SKU's business.
    expect(preview.orphanedValidators).toEqual([
      { workflow: 'SKU workflow', transition: 'Promote to Prod', stage: 'promote-to-prod', stageName: 'Promote to prod' },
      { workflow: 'SKU workflow', transition: 'Go Live', stage: 'go-live', stageName: 'Go live' },
    ]);
    // The owning SIG's groups come from the ticket's Owning SIG field: every SIG's group, none of them on this site yet.
    expect(preview.emptyGroups.map((g) => [g.group, g.exists])).toEqual([['golive-prr', false], ...KUBERNETES_SIGS.map((sig) => [`golive-${sig}`, false])]);
    expect(w.configs.stored.get(PROJECT.id)).toBe(before);
  });

  it('tells a group Jira does not have from one that exists with nobody in it', async () => {
    const w = world();
    w.directory.emptyGroups.add('golive-prr');
    const preview = await previewChange(w.portsFor('acc-admin'), ADMIN, PROJECT, { template: 'kubernetes-prr' });
    expect(preview.emptyGroups.slice(0, 2)).toEqual([
      { group: 'golive-prr', exists: true, usedBy: ['PRR team'] },
      { group: 'golive-sig-api-machinery', exists: false, usedBy: ['Owning SIG when Owning SIG is sig-api-machinery'] },
    ]);
  });

  it('answers the problems of an invalid file in words, each once, with no JSON paths', async () => {
    const file = JSON.stringify({
      teams: [{ key: 'sre', name: 'SRE', area: 'service-support', groups: ['golive-sre-p'] }],
      stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['cee', 'cee'] }],
    });
    const preview = await previewChange(world().portsFor('acc-admin'), ADMIN, PROJECT, { json: file });
    expect(preview.problems).toEqual(['Stage “Go live”, required teams: no team has the key "cee"']);
    expect(preview.problems.join(' ')).not.toMatch(/stages\.\d/);
  });

  it('applies the template with the stages mapped, so the validators keep enforcing a stage', async () => {
    const w = world();
    w.issues.add({ id: '10009', key: 'SKU-9', projectId: PROJECT.id, projectKey: PROJECT.key, reporterAccountId: 'acc-pm' });
    await applyTemplate(w.portsFor('acc-admin'), ADMIN, PROJECT, 'kubernetes-prr', { 'promote-to-prod': 'alpha', 'go-live': 'ga' });

    const refused = await checkTransition(w.portsFor('app'), { issue: { key: 'SKU-9' }, configuration: '{"stage":"promote-to-prod"}' });
    expect(refused.errorMessage).toMatch(/^Alpha blocked: /);
    const preview = await previewChange(w.portsFor('acc-admin'), ADMIN, PROJECT, { template: 'kubernetes-prr' });
    expect(preview.orphanedValidators).toEqual([]);
  });

  it('refuses a mapping to a stage the new configuration lacks, and saves nothing', async () => {
    const w = world();
    const before = w.configs.stored.get(PROJECT.id);
    const exported = JSON.stringify(before?.config);
    await expect(importConfig(w.portsFor('acc-admin'), ADMIN, PROJECT, exported, { 'old-stage': 'nowhere' })).rejects.toThrow('The stage mapping has 1 problem; nothing was saved.');
    expect(w.configs.stored.get(PROJECT.id)).toBe(before);
  });
});

describe('describing a configuration change', () => {
  it('says when the override groups change, as the PRR template empties them', async () => {
    const preview = await previewChange(world().portsFor('acc-admin'), ADMIN, PROJECT, { template: 'kubernetes-prr' });
    expect(preview.change?.policies).toContain('Who may override a blocked stage: golive-overriders → nobody');
  });
});
