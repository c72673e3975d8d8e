import type { ConfigView } from '../../src/contract';
import { templateConfig } from '../support/v1-templates';
import { DEMO } from '../support/site-client';
import { frameOf, seriousViolations } from './support/axe';
import { appFrame, screenshotOf, useSiteAndBrowser } from './support/browser';

// Safe configuration changes on the settings page (issue 14): a template or a file first shows what it would change, the
// workflow validators it would leave naming a stage that no longer exists (with a stage to map each to) and the groups
// nobody is in; nothing is saved until the admin confirms.
const env = useSiteAndBrowser();

const savedConfig = (): Promise<ConfigView> => env.client.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey: DEMO.projectKey });

test('switching SKU to the PRR template maps its validators to the new stages and reports the group nobody is in', async () => {
  // The PRR reviewers' group loses its only member, so the preview has a group to warn about.
  await env.client.restOk(DEMO.admin, 'DELETE', '/rest/api/3/group/user?groupname=golive-prr&accountId=acc-prr', undefined, 200);
  try {
    const before = await savedConfig();
    const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
    const settings = appFrame(page);
    await settings.getByText('Replace with a template').click();
    await settings.getByRole('button', { name: /^Replace with Kubernetes/ }).click();
    const preview = settings.getByRole('region', { name: /^Before you replace the configuration with the template/ });
    await preview.waitFor();

    const changes = await preview.getByRole('list', { name: 'What changes' }).getByRole('listitem').allInnerTexts();
    expect(changes).toEqual(expect.arrayContaining(['Stages added: Alpha, Beta, GA', 'Stages removed: Promote to prod, Go live', 'Groups added: golive-prr']));
    const promote = preview.getByLabel('Promote to Prod (SKU workflow) enforces “Promote to prod”: enforce instead');
    const goLive = preview.getByLabel('Go Live (SKU workflow) enforces “Go live”: enforce instead');
    const nobody = await preview.getByRole('list', { name: 'Groups nobody is in' }).innerText();
    expect(nobody).toMatch(/^golive-prr \(PRR team\) exists but has no members/);
    // The owning SIG's approvers come from the ticket's Owning SIG field: each SIG's group, most not on this site yet.
    expect(nobody).toMatch(/golive-sig-auth \(Owning SIG when Owning SIG is sig-auth\) does not exist in Jira/);
    expect(await preview.getByRole('note').innerText()).toBe('2 stages stay unmapped: their transitions will be refused.');
    expect(await savedConfig()).toEqual(before);
    expect(await seriousViolations(await frameOf(page, 'iframe[title="Go-Live Gate"]'))).toEqual([]);

    await promote.selectOption({ label: 'Alpha' });
    await goLive.selectOption({ label: 'GA' });
    await screenshotOf(preview, 'settings-template-preview');
    await preview.getByRole('button', { name: 'Apply the template and save' }).click();
    const outcome = settings.getByRole('status').filter({ hasText: 'Template applied and saved.' });
    await outcome.waitFor();
    expect(await outcome.evaluate((element) => element === document.activeElement)).toBe(true);
    const after = await savedConfig();
    expect(after.config?.stages.map((s) => s.key)).toEqual(['alpha', 'beta', 'ga']);
    expect(after.config?.stageAliases).toEqual({ 'promote-to-prod': 'alpha', 'go-live': 'ga' });

    // The Promote to Prod validator now enforces Alpha: Jira's refusal names it.
    const { key } = await env.client.createTicket('Mapped validator');
    const refused = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: DEMO.transitions.promoteToProd } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Alpha blocked: waiting on');
  } finally {
    await env.client.restOk(DEMO.admin, 'POST', '/rest/api/3/group/user?groupname=golive-prr', { accountId: 'acc-prr' }, 201);
    // SKU back on the add-on configuration the demo has (the v2 PRR template's owning SIG has no v1 view to build a file from).
    await env.client.call(DEMO.admin, 'settings', 'importConfig', { json: JSON.stringify(templateConfig('managed-addon')) }, { projectKey: DEMO.projectKey });
  }
});

test('importing a file shows what it changes, saves nothing on cancel, and saves with the mapping once confirmed', async () => {
  const before = await savedConfig();
  const config = before.config;
  if (config === undefined) throw new Error('the demo project has a configuration');
  // A file with its last stage removed (and from the questions) and a team acting through a group that does not exist.
  const kept = config.stages.slice(0, -1);
  const removed = config.stages[config.stages.length - 1];
  const target = kept[0];
  if (removed === undefined || target === undefined) throw new Error('the configuration has two stages or more');
  const file = {
    ...config,
    stages: kept,
    questions: config.questions.map((q) => ({ ...q, requiredFor: q.requiredFor.filter((stage) => stage !== removed.key) })),
    stageAliases: undefined,
    teams: [...config.teams, { key: 'newcomers', name: 'Newcomers', area: 'engineering', groups: ['golive-nobody'], description: '' }],
  };
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  const input = settings.getByLabel(/^Import a configuration file/);
  await input.setInputFiles({ name: 'fewer-stages.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const preview = settings.getByRole('region', { name: 'Before you replace the configuration with the file' });
  await preview.waitFor();
  expect(await preview.getByRole('list', { name: 'What changes' }).innerText()).toContain(`Stages removed: ${removed.name}`);
  expect(await preview.getByRole('list', { name: 'Groups nobody is in' }).innerText()).toMatch(/^golive-nobody \(Newcomers\) does not exist in Jira/);
  await screenshotOf(preview, 'settings-import-preview');

  await preview.getByRole('button', { name: 'Cancel' }).click();
  await preview.waitFor({ state: 'detached' });
  expect(await savedConfig()).toEqual(before);

  await input.setInputFiles({ name: 'fewer-stages.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await preview.waitFor();
  // SKU's Go Live validator names go-live, which the file's stages no longer lead to.
  await preview.getByLabel(/^Go Live \(SKU workflow\) enforces/).selectOption({ label: target.name });
  await preview.getByRole('button', { name: 'Import fewer-stages.json and save' }).click();
  await settings.getByRole('status').filter({ hasText: 'Imported fewer-stages.json: the configuration is saved.' }).waitFor();
  const after = await savedConfig();
  expect(after.config?.stages.map((s) => s.key)).toEqual(kept.map((s) => s.key));
  expect(after.config?.stageAliases?.['go-live']).toBe(target.key);
});
