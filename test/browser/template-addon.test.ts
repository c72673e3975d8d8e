import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_PROJECT, DEMO_TRANSITIONS, MANAGED_ADDON_TEAMS } from '../../emulator/site/demo';
import { DEMO, refusalOf } from '../support/site-client';
import { appFrame, openPanelAs, screenshot, useSiteAndBrowser } from './support/browser';

// Seed 000 end to end in chromium on the local site: a project admin applies the managed add-on template (gate model
// v2) to SKU on the settings page. Two add-ons run by a layered SRE team (label layered-sre): on one, Layered SRE marks
// itself not applicable with a reason and the add-on goes live without it; on the other it stays required. SRE-P signs
// off promote to prod and go live separately; the go-live signal and criteria are answered in the panel.
const env = useSiteAndBrowser();
const sku = { key: DEMO_PROJECT.key };

const openPanel = (accountId: string, issueKey: string): Promise<{ page: Page; panel: FrameLocator }> => openPanelAs(env.browser, accountId, issueKey);

/** An add-on ticket with the layered-sre label, in review. */
async function layeredAddon(summary: string): Promise<string> {
  const created = await env.client.rest(DEMO.pm, 'POST', '/rest/api/3/issue', { fields: { project: sku, summary, issuetype: { name: 'Task' }, labels: ['layered-sre'] } });
  expect(created).toMatchObject({ status: 201 });
  const { key } = created.body as { key: string };
  await env.client.transition(DEMO.pm, key, DEMO_TRANSITIONS.startReview.id, 204);
  return key;
}

async function move(key: string, transitionId: string): Promise<string | undefined> {
  const moved = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transitionId } });
  return moved.status === 204 ? undefined : refusalOf(moved.body);
}

const approveAt = (key: string, team: string, stage: string): Promise<unknown> =>
  env.client.call(DEMO.approverOf(team), 'panel', 'decide', { team, decision: 'approve', stages: [stage] }, { issueKey: key });

test('the add-on template: Layered SRE not applicable on one ticket (with a reason) and required on another; SRE-P signs off promote to prod and go live separately', async () => {
  const settingsPage = await env.browser.openAs('acc-admin', `/projects/${DEMO_PROJECT.key}/settings`);
  const settings = appFrame(settingsPage);
  await settings.getByText('Replace with a template').click();
  await settings.getByRole('button', { name: /^Replace with Managed add-on/ }).click();
  await settings.getByRole('heading', { name: /^Before you replace the configuration with the template/ }).waitFor();
  await settings.getByRole('button', { name: 'Apply the template and save' }).click();
  await settings.getByRole('status').filter({ hasText: 'Template applied and saved.' }).waitFor();

  const waived = await layeredAddon('Add-on W go-live (layered SRE team dissolved)');
  const required = await layeredAddon('Add-on R go-live (layered SRE team on call)');

  // The author answers the checklist: promote to prod's sign-offs, the go-live signal and the go-live criteria.
  const author = await openPanel('acc-pm', waived);
  const form = author.panel.getByRole('form', { name: 'Checklist and questions' });
  await author.panel.locator('details[data-section="questionnaire"] > summary').click();
  await form.getByRole('group', { name: 'Go-live criteria' }).waitFor();
  for (const box of await form.locator('input[type="checkbox"]').all()) await box.check();
  for (const link of await form.locator('input[type="url"]').all()) await link.fill('https://github.com/openshift/osde2e/actions/runs/42');
  await form.getByRole('radio', { name: 'Free with OSD' }).check();
  await form.getByRole('button', { name: 'Save answers' }).click();
  await author.panel.getByRole('status').filter({ hasText: 'Answers saved.' }).waitFor();
  await env.client.call(DEMO.pm, 'panel', 'recordNumbers', { values: { capacity: 40, velocity: 5 } }, { issueKey: waived });

  // Promote to prod: Managed Tenants SRE, OSD e2e, the dev team, and SRE-P in the panel for that stage only.
  for (const team of ['mt-sre', 'osd-e2e', 'dev-team']) await approveAt(waived, team, 'promote-to-prod');
  const sreP = await openPanel('acc-sre-p', waived);
  await sreP.panel.getByRole('button', { name: 'Approve Promote to prod for SRE-P', exact: true }).click();
  await sreP.panel.getByRole('status').filter({ hasText: 'You approved Promote to prod for SRE-P.' }).waitFor();
  expect(await move(waived, DEMO_TRANSITIONS.promoteToProd.id)).toBeUndefined();

  // Go live waits on SRE-P again (its promote-to-prod sign-off is not its go-live one) and on Layered SRE, required here.
  for (const { key: team } of MANAGED_ADDON_TEAMS.filter((t) => t.key !== 'sre-p' && t.key !== 'layered-sre')) await approveAt(waived, team, 'go-live');
  expect(await move(waived, DEMO_TRANSITIONS.goLive.id)).toBe('Go live blocked: waiting on Layered SRE, SRE-P');

  // Layered SRE marks itself not applicable on this ticket, with a reason everyone sees.
  const layered = await openPanel('acc-layered-sre', waived);
  await layered.panel.getByRole('button', { name: 'Mark Layered SRE not applicable' }).click();
  const dialog = layered.panel.getByRole('dialog', { name: `Mark Layered SRE not applicable on ${waived}` });
  await dialog.getByLabel('Reason (required)').fill('The layered SRE team was dissolved: SRE-P operates this add-on alone');
  await dialog.getByRole('button', { name: 'Mark not applicable' }).click();
  await layered.panel.getByRole('status').filter({ hasText: 'Layered SRE marked not applicable.' }).waitFor();
  expect(await layered.panel.getByRole('list', { name: 'Not applicable on this ticket' }).textContent()).toContain('The layered SRE team was dissolved: SRE-P operates this add-on alone');
  expect(await move(waived, DEMO_TRANSITIONS.goLive.id)).toBe('Go live blocked: waiting on SRE-P');

  const sreAtGoLive = await openPanel('acc-sre-p', waived);
  await sreAtGoLive.panel.getByRole('button', { name: 'Approve Go live for SRE-P', exact: true }).click();
  await sreAtGoLive.panel.getByRole('status').filter({ hasText: 'You approved Go live for SRE-P.' }).waitFor();
  expect(await move(waived, DEMO_TRANSITIONS.goLive.id)).toBeUndefined();
  await screenshot(sreAtGoLive.page, 'template-addon-live');

  // On the other add-on Layered SRE is required: the panel asks for it and its go-live verdict names it.
  const other = await openPanel('acc-layered-sre', required);
  expect(await other.panel.locator('tr[data-team="layered-sre"] .lozenge').first().textContent()).toBe('Pending');
  const gate = await env.client.call(DEMO.pm, 'panel', 'getGate', {}, { issueKey: required });
  expect(gate.verdicts.find((v) => v.stage === 'go-live')?.missing).toContain('Layered SRE');
});
