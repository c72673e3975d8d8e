import fc from 'fast-check';
import { templateConfig } from '../../test/support/v1-templates';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { getBenchDepth } from './bench-depth';
import { demoWorld, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { applyTemplate, exportConfig, getConfig, importConfig, saveConfig } from './project-config';

const admin = { accountId: 'acc-admin' };
const storedConfig = (world: MemoryWorld): string => JSON.stringify(world.configs.stored.get(PROJECT.id));

describe('project configuration', () => {
  it('shows the configuration and the templates to a project admin', async () => {
    const world = demoWorld();
    const view = await getConfig(world.portsFor('acc-admin'), admin, PROJECT);
    expect(view).toMatchObject({ projectId: '10000', projectKey: 'SKU', savedBy: 'acc-admin', config: { version: 1, template: 'managed-addon' } });
    expect(view.templates.map((t) => t.key)).toEqual(['managed-addon', 'kubernetes-prr']);
  });

  it('refuses a non-admin saving the configuration, and stores nothing', async () => {
    const world = demoWorld();
    const before = storedConfig(world);
    const config = world.configs.stored.get(PROJECT.id)!.config;
    await expect(saveConfig(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, PROJECT, config)).rejects.toThrow(
      new ForbiddenError('Only administrators of project SKU can see or change its Go-Live Gate configuration.'),
    );
    expect(storedConfig(world)).toBe(before);
    expect(world.audit.events).toEqual([]);
  });

  it('saves an edited configuration as the next version and notes it in the audit trail', async () => {
    const world = demoWorld();
    const config = world.configs.stored.get(PROJECT.id)!.config;
    const view = await saveConfig(world.portsFor('acc-admin'), admin, PROJECT, { ...config, policies: { ...config.policies, reporterMayApprove: true } });
    expect(view.config).toMatchObject({ version: 2, policies: { reporterMayApprove: true } });
    expect(world.audit.events).toEqual([expect.objectContaining({ issueId: 'project-10000', action: 'config-saved', detail: 'Saved: version 2' })]);
  });

  it('refuses an invalid configuration with every problem at its field, and stores nothing', async () => {
    const world = demoWorld();
    const before = storedConfig(world);
    // As the v1 settings page sends it (the view's v1 `config`), and as a v2 configuration (`configV2`).
    const { config, configV2 } = await getConfig(world.portsFor('acc-admin'), admin, PROJECT);
    const broken = { ...config!, stages: [{ ...config!.stages[0]!, requiredTeams: ['nobody'] }], numbers: [] };
    await expect(saveConfig(world.portsFor('acc-admin'), admin, PROJECT, broken)).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'stages.0.requiredTeams.0', message: 'no team has the key "nobody"' }],
    });
    const brokenV2 = { ...configV2!, stages: [{ ...configV2!.stages[0]!, teams: [{ team: 'nobody' }] }], numbers: [] };
    await expect(saveConfig(world.portsFor('acc-admin'), admin, PROJECT, brokenV2)).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'stages.0.teams.0.team', message: 'Stage "Promote to prod" requires the team "nobody", which does not exist' }],
    });
    expect(storedConfig(world)).toBe(before);
  });

  it('reads a configuration stored by model v1 as v2, and stores the next save as schema version 2', async () => {
    const world = demoWorld();
    const view = await getConfig(world.portsFor('acc-admin'), admin, PROJECT);
    expect(view).toMatchObject({ migratedFrom: 1, warnings: [], configV2: { schemaVersion: 2, version: 1 }, config: { schemaVersion: 1, version: 1 } });
    expect(view.config).toEqual({ ...templateConfig('managed-addon'), version: 1 });
    const saved = await saveConfig(world.portsFor('acc-admin'), admin, PROJECT, view.config);
    expect(saved).toMatchObject({ configV2: { schemaVersion: 2, version: 2 }, warnings: [] });
    expect(saved.migratedFrom).toBeUndefined();
    expect(world.configs.stored.get(PROJECT.id)?.config).toMatchObject({ schemaVersion: 2, version: 2 });
    // Saved back as v2, read back the same.
    const again = await saveConfig(world.portsFor('acc-admin'), admin, PROJECT, saved.configV2);
    expect(again.configV2).toEqual({ ...saved.configV2, version: 3 });
  });

  it('saves what only gate model v2 can express (a scope, a conditional team, two approvals, a checkbox) as it was configured', async () => {
    const world = demoWorld();
    const { configV2 } = await getConfig(world.portsFor('acc-admin'), admin, PROJECT);
    const [first, ...others] = configV2!.teams;
    const ahead = {
      ...configV2!,
      scope: { issueTypes: ['Story'], labels: [] },
      teams: [{ ...first!, applies: { when: 'if-present' }, minApprovals: 2 }, ...others],
      items: [{ key: 'signed', section: 'Release', text: 'Release notes signed', kind: 'checkbox', requiredFor: ['go-live'] }],
    };
    const saved = await saveConfig(world.portsFor('acc-admin'), admin, PROJECT, ahead);
    expect(saved.configV2).toMatchObject({ version: 2, scope: { issueTypes: ['Story'], labels: [] }, items: [{ key: 'signed', kind: 'checkbox' }] });
    expect(saved.configV2?.teams[0]).toMatchObject({ key: first!.key, applies: { when: 'if-present' }, minApprovals: 2 });
    expect(world.configs.stored.get(PROJECT.id)?.config).toMatchObject({ schemaVersion: 2, version: 2, scope: { issueTypes: ['Story'] } });
  });

  it('saves approvers from a custom field and a condition on one, which the issue store reads with the ticket', async () => {
    const world = demoWorld();
    const { configV2 } = await getConfig(world.portsFor('acc-admin'), admin, PROJECT);
    const [first, second, ...others] = configV2!.teams;
    const fromFields = {
      ...configV2!,
      teams: [
        { ...first!, approversFrom: { field: 'customfield_10071', kind: 'group-picker' } },
        { ...second!, applies: { when: 'condition', condition: { anyOf: [{ field: 'customfield_10073', is: 'networking' }] } } },
        ...others,
      ],
    };
    const saved = await saveConfig(world.portsFor('acc-admin'), admin, PROJECT, fromFields);
    expect(saved.configV2?.teams[0]).toMatchObject({ approversFrom: { field: 'customfield_10071', kind: 'group-picker' } });
    expect(saved.configV2?.teams[1]).toMatchObject({ applies: { when: 'condition', condition: { anyOf: [{ field: 'customfield_10073', is: 'networking' }] } } });
    expect(world.configs.stored.get(PROJECT.id)?.config.teams[0]?.approversFrom).toEqual({ field: 'customfield_10071', kind: 'group-picker' });
  });

  it('refuses a save made from an older version with a conflict', async () => {
    const world = demoWorld();
    const config = world.configs.stored.get(PROJECT.id)!.config;
    await saveConfig(world.portsFor('acc-admin'), admin, PROJECT, config);
    await expect(saveConfig(world.portsFor('acc-admin'), admin, PROJECT, config)).rejects.toBeInstanceOf(ConflictError);
  });

  it('applies a template as the next version', async () => {
    const world = demoWorld();
    const view = await applyTemplate(world.portsFor('acc-admin'), admin, PROJECT, 'kubernetes-prr');
    expect(view.config).toMatchObject({ version: 2, template: 'kubernetes-prr' });
  });

  it('applies the PRR template on gate model v2, its owning SIG read from the site field the admin chose', async () => {
    const world = demoWorld();
    const view = await applyTemplate(world.portsFor('acc-admin'), admin, PROJECT, 'kubernetes-prr', undefined, { customfield_10070: 'customfield_10099' });
    expect(view.configV2?.teams[0]).toMatchObject({ key: 'owning-sig', approversFrom: { field: 'customfield_10099', kind: 'select' } });
    expect(view.configV2?.fieldNames).toEqual({ customfield_10099: 'Owning SIG' });
    expect(view.configV2?.items.filter((item) => item.section === 'Release signoff checklist')).toHaveLength(8);
  });

  it('refuses a field mapping for a field the template does not read, and stores nothing', async () => {
    const world = demoWorld();
    const before = storedConfig(world);
    await expect(applyTemplate(world.portsFor('acc-admin'), admin, PROJECT, 'kubernetes-prr', undefined, { customfield_1: 'customfield_10099' })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'fields.customfield_1', message: 'the template Kubernetes production readiness review reads no field customfield_1' }],
    });
    expect(storedConfig(world)).toBe(before);
  });

  it('refuses an unknown template, naming the ones that exist', async () => {
    const world = demoWorld();
    await expect(applyTemplate(world.portsFor('acc-admin'), admin, PROJECT, 'nope')).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'There is no template "nope"; choose one of "managed-addon", "kubernetes-prr".',
    });
  });

  it('exports pretty JSON that imports back as the next version', async () => {
    const world = demoWorld();
    const exported = await exportConfig(world.portsFor('acc-admin'), admin, PROJECT);
    expect(exported.fileName).toBe('go-live-gate-SKU-v1.json');
    expect(exported.json).toContain('\n  "teams": [');
    expect(JSON.parse(exported.json)).toMatchObject({ schemaVersion: 2, version: 1 });
    const view = await importConfig(world.portsFor('acc-admin'), admin, PROJECT, exported.json);
    expect(view.config).toEqual({ ...templateConfig('managed-addon'), version: 2 });
  });

  it('refuses an import that is not JSON, and changes nothing', async () => {
    const world = demoWorld();
    const before = storedConfig(world);
    await expect(importConfig(world.portsFor('acc-admin'), admin, PROJECT, '{"teams": [')).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The file is not JSON; nothing was imported.',
      fieldErrors: [{ path: '(root)', message: expect.stringMatching(/^is not JSON: /) as unknown }],
    });
    expect(storedConfig(world)).toBe(before);
  });

  it('refuses an import of an invalid configuration listing every problem, and changes nothing', async () => {
    const world = demoWorld();
    const before = storedConfig(world);
    const json = JSON.stringify({ teams: [{ key: 'Bad Key', name: '', area: 'nowhere', groups: [] }], stages: [], extra: true });
    const refusal = await importConfig(world.portsFor('acc-admin'), admin, PROJECT, json).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).message).toMatch(/^The imported configuration has \d+ problems; nothing was saved\.$/);
    expect((refusal as ValidationError).fieldErrors.map((e) => e.path)).toEqual(expect.arrayContaining(['teams.0.key', 'teams.0.name', 'teams.0.area', 'teams.0.groups', 'stages', '(root)']));
    expect(storedConfig(world)).toBe(before);
  });

  it('answers any text imported with a clear error or a valid configuration, and changes nothing on error', async () => {
    const world = demoWorld();
    const valid = JSON.stringify(templateConfig('kubernetes-prr'));
    const texts = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ ...JSON.parse(valid), teams: value })),
      fc.constantFrom('<script>alert(1)</script>', '{"__proto__": {"admin": true}}', valid.slice(0, 100)),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const before = storedConfig(world);
        const outcome = await importConfig(world.portsFor('acc-admin'), admin, PROJECT, text).catch((error: unknown) => error);
        if (outcome instanceof ValidationError) {
          expect(outcome.fieldErrors.length).toBeGreaterThan(0);
          expect(storedConfig(world)).toBe(before);
        } else {
          expect(outcome).toMatchObject({ config: { version: expect.any(Number) as unknown } });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists who can approve for each team and warns about thin benches', async () => {
    const world = demoWorld();
    world.directory.groups.set('acc-sre-p-2', ['golive-sre-p']);
    const bench = await getBenchDepth(world.portsFor('acc-admin'), admin, PROJECT);
    expect(bench.find((b) => b.team === 'sre-p')).toEqual({ team: 'sre-p', approvers: ['acc-sre-p', 'acc-sre-p-2'], warning: undefined });
    expect(bench.find((b) => b.team === 'cee')).toEqual({ team: 'cee', approvers: ['acc-cee'], warning: 'Only 1 person can approve for CEE: add someone to golive-cee.' });
  });
});
