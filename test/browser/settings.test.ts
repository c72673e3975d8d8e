import { readFile } from 'node:fs/promises';
import type { ConfigView } from '../../src/contract';
import { DEMO } from '../support/site-client';
import { appFrame, screenshot, screenshotOf, useSiteAndBrowser } from './support/browser';

// The project settings page in chromium, as the project admin, against the local site (demo: the managed add-on template is saved).
const env = useSiteAndBrowser();
const savedConfig = (): Promise<ConfigView> => env.client.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey: DEMO.projectKey });

const invokes = async (functionKey: string): Promise<number> => (await env.site.metrics())[`invoke:${functionKey}`] ?? 0;

test('the admin edits teams, groups and the stage grid, sees field errors, and saves', async () => {
  const before = await savedConfig();
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  await settings.getByRole('heading', { name: 'Go-Live Gate for SKU' }).waitFor();
  await settings.getByText(/(people|person) can approve for this team/).first().waitFor({ state: 'attached' });
  await env.site.resetMetrics();
  const unfold = (teamName: string) => settings.locator('details.item-details > summary').filter({ hasText: new RegExp(`^${teamName} `) }).click();

  // A required field left empty: listed in the summary, marked on the input, and nothing is sent.
  await unfold('Layered SRE');
  const firstName = settings.locator('#field-teams-0-name');
  await firstName.fill('');
  await settings.getByRole('button', { name: 'Save configuration' }).click();
  const summary = settings.getByRole('alert').filter({ hasText: 'Nothing was saved' });
  await summary.waitFor();
  await summary.getByRole('button', { name: 'Team 1 › Name' }).click();
  expect(await firstName.evaluate((input) => input === document.activeElement)).toBe(true);
  expect(await firstName.getAttribute('aria-invalid')).toBe('true');
  expect(await invokes('saveConfig')).toBe(0);
  await screenshotOf(settings.locator('main'), 'settings-field-errors');

  await firstName.fill(before.config?.teams[0]?.name ?? 'Layered SRE');
  const goLiveNeedsCee = settings.getByRole('checkbox', { name: 'Go live requires CEE' });
  expect(await goLiveNeedsCee.isChecked()).toBe(true);
  await goLiveNeedsCee.uncheck();
  await unfold('CEE');
  const picker = settings.getByRole('combobox', { name: 'Add a group to Groups that act for CEE' });
  await picker.fill('golive-ocm');
  await settings.getByRole('option', { name: 'golive-ocm-pm' }).waitFor();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await settings.getByRole('list', { name: 'Groups that act for CEE' }).getByRole('button', { name: 'Remove group golive-ocm-pm' }).waitFor();

  await settings.getByRole('button', { name: 'Save configuration' }).click();
  await settings.getByRole('status').filter({ hasText: `Configuration saved (version ${(before.config?.version ?? 0) + 1}).` }).waitFor();
  const after = await savedConfig();
  expect(after.config?.stages.find((s) => s.key === 'go-live')?.requiredTeams).not.toContain('cee');
  expect(after.config?.teams.find((t) => t.key === 'cee')?.groups).toEqual(['golive-cee', 'golive-ocm-pm']);
  expect(after.config?.version).toBe((before.config?.version ?? 0) + 1);
  await screenshot(page, 'settings');
});

test('the admin sets the v2 rules: a conditional team, two approvers at a stage, a checkbox item, the scope; they are saved as model v2', async () => {
  const before = await savedConfig();
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  await settings.getByRole('heading', { name: 'Go-Live Gate for SKU' }).waitFor();

  // Layered SRE only where the ticket has the label layered-sre.
  await settings.locator('details.item-details > summary').filter({ hasText: /^Layered SRE / }).click();
  await settings.locator('#field-teams-0-applies-when').selectOption('condition');
  await settings.locator('#field-teams-0-applies-condition-anyOf-0-is').fill('layered-sre');
  // SRE-P: two of its approvers for go-live.
  await settings.getByRole('spinbutton', { name: 'Approvals Go live needs from SRE-P' }).fill('2');
  // A box that must be ticked before go-live, reviewed by CEE.
  await settings.getByRole('button', { name: 'Add a item' }).click();
  const items = (before.configV2?.items.length ?? 0);
  await settings.locator(`#field-items-${items}-text`).fill('The support runbook is published');
  await settings.locator(`#field-items-${items}-kind`).selectOption('checkbox');
  await settings.locator(`#field-items-${items}-section`).fill('Support');
  // Every team agrees to it: refused while no stage needs it (no team would agree), saying why, and nothing is saved.
  await settings.getByRole('checkbox', { name: /^Every team of these stages agrees to the answer/ }).last().check();
  await settings.getByRole('button', { name: 'Save configuration' }).click();
  const refusal = settings.getByRole('alert').filter({ hasText: 'Nothing was saved' });
  await refusal.getByRole('button', { name: /Agreed by every team/ }).waitFor();
  expect(await refusal.textContent()).toContain('is to be agreed by every team of the stages that need it, but no stage needs it');
  expect((await savedConfig()).config?.version).toBe(before.config?.version);
  await settings.locator(`#field-items-${items}-requiredFor`).getByRole('checkbox', { name: 'Go live' }).check();
  await settings.locator(`#field-items-${items}-reviewedBy`).selectOption('cee');
  await settings.locator(`#field-items-${items}-agreedBy`).getByRole('checkbox', { name: 'SRE-P' }).check();
  // Only stories and tasks are gated.
  await settings.getByRole('textbox', { name: 'Issue types (comma-separated)' }).fill('Story, Task');
  await settings.getByRole('textbox', { name: 'Issue types (comma-separated)' }).blur();

  await settings.getByRole('button', { name: 'Save configuration' }).click();
  await settings.getByRole('status').filter({ hasText: 'Configuration saved' }).waitFor();
  const after = (await savedConfig()).configV2;
  expect(after?.schemaVersion).toBe(2);
  expect(after?.teams.find((t) => t.key === 'layered-sre')?.applies).toEqual({ when: 'condition', condition: { anyOf: [{ field: 'labels', is: 'layered-sre' }] } });
  expect(after?.stages.find((s) => s.key === 'go-live')?.teams.find((t) => t.team === 'sre-p')).toEqual({ team: 'sre-p', minApprovals: 2 });
  expect(after?.items[items]).toMatchObject({ kind: 'checkbox', text: 'The support runbook is published', requiredFor: ['go-live'], reviewedBy: 'cee', agreedBy: ['sre-p'], agreedByEveryTeam: true });
  expect(after?.scope).toEqual({ issueTypes: ['Story', 'Task'], labels: [] });
  await screenshotOf(settings.locator('main'), 'settings-v2-rules');
});

test('an invalid import lists every problem in words, once each, and changes nothing', async () => {
  const before = await savedConfig();
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  await settings.getByRole('heading', { name: 'Go-Live Gate for SKU' }).waitFor();

  const broken = {
    teams: [{ key: 'Bad Key', name: '', area: 'nowhere', groups: [] }],
    stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['ghost'] }],
  };
  await settings.getByLabel(/^Import a configuration file/).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });

  const refusal = settings.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await refusal.waitFor();
  const problems = await refusal.getByRole('list', { name: 'Problems in the file' }).getByRole('listitem').allTextContents();
  expect(problems).toEqual(expect.arrayContaining([
    expect.stringMatching(/^Team “Bad Key”, key: /),
    expect.stringMatching(/^Team “Bad Key”, area: /),
    expect.stringMatching(/^Team “Bad Key”, groups: /),
    expect.stringMatching(/^Stage “Go live”, required teams: no team has the key "ghost"/),
  ]));
  expect(new Set(problems).size).toBe(problems.length);
  expect(problems.join('\n')).not.toMatch(/(teams|stages)\.\d/);
  expect(await savedConfig()).toEqual(before);
  expect(await settings.locator('#field-teams-0-name').inputValue()).toBe(before.config?.teams[0]?.name);
  await screenshotOf(settings.locator('section.change-preview'), 'settings-import-refused');
});

test('export downloads the saved configuration as a JSON file', async () => {
  const before = await savedConfig();
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  const exportButton = settings.getByRole('button', { name: 'Export configuration' });
  await exportButton.waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);

  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { teams: unknown[] };
  expect(exported.teams).toHaveLength(before.config?.teams.length ?? -1);
});

test('saving over a newer save by someone else is refused with a conflict message', async () => {
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  await settings.getByRole('heading', { name: 'Go-Live Gate for SKU' }).waitFor();
  const before = await savedConfig();
  // Someone else saves after this page loaded.
  const theirs = await env.client.invoke(DEMO.admin, 'settings', 'saveConfig', { config: before.config }, { projectKey: DEMO.projectKey });
  expect(theirs.ok).toBe(true);

  await settings.getByRole('checkbox', { name: 'The reporter may approve their own ticket' }).check();
  await settings.getByRole('button', { name: 'Save configuration' }).click();

  const conflict = settings.getByRole('alert', { name: 'Someone else saved the configuration first' });
  await conflict.waitFor();
  expect((await savedConfig()).config?.policies.reporterMayApprove).toBe(false);
  await conflict.getByRole('button', { name: /^Load the latest version/ }).click();
  await settings.getByText(`Version ${(before.config?.version ?? 0) + 1},`).waitFor();
});

test('replacing the configuration with a template shows what changes first and saves only once confirmed', async () => {
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  await settings.getByText('Replace with a template').click();
  await env.site.resetMetrics();

  const replace = settings.getByRole('button', { name: /^Replace with Kubernetes/ });
  await replace.click();
  await settings.getByRole('heading', { name: /^Before you replace the configuration with the template/ }).waitFor();
  expect(await invokes('applyTemplate')).toBe(0);
  await settings.getByRole('button', { name: 'Apply the template and save' }).click();

  await settings.getByRole('status').filter({ hasText: 'Template applied and saved.' }).waitFor();
  expect((await savedConfig()).config?.stages.map((s) => s.key)).toEqual(['alpha', 'beta', 'ga']);
  expect(await settings.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Team', 'Alpha', 'Beta', 'GA']));
});
