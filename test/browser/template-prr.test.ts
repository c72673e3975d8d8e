import type { FrameLocator, Page } from 'playwright-core';
import { KEP_PROJECT, KEP_TRANSITIONS, OWNING_SIG_FIELD } from '../../emulator/site/demo';
import { DEMO, refusalOf } from '../support/site-client';
import { appFrame, openPanelAs, screenshot, useSiteAndBrowser } from './support/browser';

// Seed 003 end to end in chromium on the local site: a project admin applies the PRR template (gate model v2) to KEP
// on the settings page; a KEP owned by SIG Apps (its "Owning SIG" field) graduates to alpha, beta and GA, each stage
// approved separately by SIG Apps and the PRR team, with the release signoff checklist and the questionnaire filled in
// the panel by the KEP's author.
const env = useSiteAndBrowser();
const kep = { projectKey: KEP_PROJECT.key };
const SIG_APPS = 'acc-sig-apps';

const openPanel = (accountId: string, issueKey: string): Promise<{ page: Page; panel: FrameLocator }> => openPanelAs(env.browser, accountId, issueKey);

/** Moves the ticket as its author does; answers the validator's refusal, or undefined when it passed. */
async function graduate(key: string, transitionId: string): Promise<string | undefined> {
  const moved = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transitionId } });
  return moved.status === 204 ? undefined : refusalOf(moved.body);
}

test('the PRR template: the owning SIG from the ticket field and the PRR team approve alpha, beta and GA separately, after the checklist and the questionnaire', async () => {
  // The admin replaces KEP's configuration with the template; its Owning SIG is the site's select of that name.
  const settingsPage = await env.browser.openAs('acc-admin', `/projects/${KEP_PROJECT.key}/settings`);
  const settings = appFrame(settingsPage);
  await settings.getByText('Replace with a template').click();
  await settings.getByRole('button', { name: /^Replace with Kubernetes/ }).click();
  await settings.getByRole('heading', { name: 'Ticket fields the template reads' }).waitFor();
  await settings.getByRole('button', { name: 'Apply the template and save' }).click();
  await settings.getByRole('status').filter({ hasText: 'Template applied and saved.' }).waitFor();
  const { configV2 } = await env.client.call(DEMO.admin, 'settings', 'getConfig', {}, kep);
  expect(configV2?.teams.find((t) => t.key === 'owning-sig')?.approversFrom).toMatchObject({ field: OWNING_SIG_FIELD, kind: 'select' });

  // The author creates a KEP owned by SIG Apps: Jira's Create dialog, the Owning SIG picked from the field's options.
  const createPage = await env.browser.openAs('acc-pm', '/');
  await createPage.getByRole('button', { name: 'Create' }).click();
  const dialog = createPage.getByRole('dialog', { name: 'Create issue' });
  await dialog.getByLabel('Project').selectOption(KEP_PROJECT.key);
  await dialog.getByLabel('Summary').fill('Sidecar containers');
  await dialog.getByLabel('Owning SIG').selectOption('sig-apps');
  await Promise.all([createPage.waitForURL(/\/browse\/KEP-\d+$/), dialog.getByRole('button', { name: 'Create' }).click()]);
  const key = decodeURIComponent(new URL(createPage.url()).pathname.split('/').at(-1) ?? '');
  const read = await env.client.rest(DEMO.pm, 'GET', `/rest/api/3/issue/${key}?fields=${OWNING_SIG_FIELD}`);
  expect((read.body as { fields: Record<string, unknown> }).fields[OWNING_SIG_FIELD]).toMatchObject({ value: 'sig-apps' });
  expect(await graduate(key, KEP_TRANSITIONS.toAlpha.id)).toMatch(/^Alpha blocked: waiting on Owning SIG, PRR team; /);

  // SIG Node is not this KEP's owning SIG: it gets no approve button here.
  const node = await openPanel('acc-sig-node', key);
  expect(await node.panel.getByRole('button', { name: 'Approve Alpha for Owning SIG' }).count()).toBe(0);

  // The author fills the release signoff checklist and the questionnaire in the panel (the approvers review them, so
  // their own answers would not count for their approval).
  const author = await openPanel('acc-pm', key);
  const form = author.panel.getByRole('form', { name: 'Checklist and questions' });
  await author.panel.locator('details[data-section="questionnaire"] > summary').click();
  await form.getByRole('group', { name: 'Release signoff checklist' }).waitFor();
  for (const box of await form.locator('input[type="checkbox"]').all()) await box.check();
  for (const link of await form.locator('input[type="url"]').all()) await link.fill('https://github.com/kubernetes/enhancements/issues/753');
  for (const [i, text] of (await form.locator('textarea').all()).entries()) await text.fill(`Answered for the sidecar KEP (${i + 1}): covered by the e2e suite and the feature gate`);
  await form.getByRole('button', { name: 'Save answers' }).click();
  await author.panel.getByRole('status').filter({ hasText: 'Answers saved.' }).waitFor();
  expect(await form.locator('.lozenge', { hasText: /^(Unanswered|Not ticked)$/ }).count()).toBe(0);
  await screenshot(author.page, 'template-prr-checklist');

  // Alpha: SIG Apps approves in the panel for Alpha only; the PRR team approves Alpha.
  const sig = await openPanel(SIG_APPS, key);
  await sig.panel.getByRole('button', { name: 'Approve Alpha for Owning SIG', exact: true }).click();
  await sig.panel.getByRole('status').filter({ hasText: 'You approved Alpha for Owning SIG.' }).waitFor();
  await env.client.call(DEMO.approverOf('prr'), 'panel', 'decide', { team: 'prr', decision: 'approve', stages: ['alpha'] }, { issueKey: key });
  expect(await graduate(key, KEP_TRANSITIONS.toAlpha.id)).toBeUndefined();

  // Beta: alpha's approvals do not carry over; each team approves beta itself.
  expect(await graduate(key, KEP_TRANSITIONS.toBeta.id)).toBe('Beta blocked: waiting on Owning SIG, PRR team; playbook not generated');
  const sigAtBeta = await openPanel(SIG_APPS, key);
  await sigAtBeta.panel.getByRole('button', { name: 'Approve Beta for Owning SIG', exact: true }).click();
  await sigAtBeta.panel.getByRole('status').filter({ hasText: 'You approved Beta for Owning SIG.' }).waitFor();
  expect(await graduate(key, KEP_TRANSITIONS.toBeta.id)).toBe('Beta blocked: waiting on PRR team; playbook not generated');
  await env.client.call(DEMO.approverOf('prr'), 'panel', 'decide', { team: 'prr', decision: 'approve', stages: ['beta'] }, { issueKey: key });
  // The playbook the questionnaire feeds is a readiness criterion from beta on: the author generates it in the panel.
  expect(await graduate(key, KEP_TRANSITIONS.toBeta.id)).toBe('Beta blocked: playbook not generated');
  const authorAtBeta = await openPanel('acc-pm', key);
  await authorAtBeta.panel.locator('details[data-section="playbook"] > summary').click();
  await authorAtBeta.panel.getByRole('button', { name: 'Generate playbook' }).click();
  await authorAtBeta.panel.getByRole('status').filter({ hasText: 'Playbook generated and attached to the ticket.' }).waitFor();
  expect(await graduate(key, KEP_TRANSITIONS.toBeta.id)).toBeUndefined();

  // GA, the same again.
  expect(await graduate(key, KEP_TRANSITIONS.toGa.id)).toBe('GA blocked: waiting on Owning SIG, PRR team');
  await env.client.call(DEMO.approverOf('sig-apps'), 'panel', 'decide', { team: 'owning-sig', decision: 'approve', stages: ['ga'] }, { issueKey: key });
  await env.client.call(DEMO.approverOf('prr'), 'panel', 'decide', { team: 'prr', decision: 'approve', stages: ['ga'] }, { issueKey: key });
  expect(await graduate(key, KEP_TRANSITIONS.toGa.id)).toBeUndefined();
  const done = await openPanel(SIG_APPS, key);
  await screenshot(done.page, 'template-prr-ga');
});
