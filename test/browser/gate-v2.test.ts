import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { DEMO } from '../support/site-client';
import { appFrame, screenshot, useSiteAndBrowser } from './support/browser';

// Gate model v2 in the panel, in chromium against the local site running the unmodified app: decisions per stage,
// "1 of N", waivers, items of a kind, passed stages and their evidence.
const env = useSiteAndBrowser();

async function openPanel(accountId: string, issueKey: string): Promise<Page> {
  const page = await env.browser.openAs(accountId, `/browse/${issueKey}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await appFrame(page).getByRole('table', { name: 'Teams and stages' }).waitFor();
  return page;
}

test('an auditor exports the evidence of a ticket as JSON and as Markdown from the panel', async () => {
  const { key } = await env.client.createTicket('Add-on with evidence to export');
  await env.client.approve(key, 'sre-p');
  const page = await openPanel('acc-pm', key);
  const panel = appFrame(page);
  await panel.locator('details[data-section="evidence"] > summary').click();
  await panel.getByText('No stage has passed yet').waitFor();

  const [json] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export evidence (JSON)' }).click()]);
  expect(json.suggestedFilename()).toMatch(new RegExp(`${key}.*\\.json$`));
  const evidence = JSON.parse(await readFile(await json.path(), 'utf8')) as { ticket: { key: string }; stages: { stage: string; verdict: { teams: { team: string; state: string }[] } }[] };
  expect(evidence.ticket.key).toBe(key);
  expect(evidence.stages.map((s) => s.stage)).toEqual(['promote-to-prod', 'go-live']);
  expect(evidence.stages[0]?.verdict.teams.find((t) => t.team === 'sre-p')?.state).toBe('approved');
  await panel.getByRole('status').filter({ hasText: `Evidence saved as ${json.suggestedFilename()}.` }).waitFor();

  const [markdown] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export evidence (Markdown)' }).click()]);
  expect(markdown.suggestedFilename()).toMatch(/\.md$/);
  const text = await readFile(await markdown.path(), 'utf8');
  expect(text.split('\n')[0]).toBe(`# Go-Live Gate evidence for ${key}`);
  expect(text).toContain('## Promote to prod');
  await screenshot(page, 'panel-evidence');
});

test('Layered SRE marks itself not applicable on one add-on ticket, with a reason everyone sees, and stays required on another', async () => {
  const waived = await env.client.createTicket('Add-on without a layered SRE team');
  const other = await env.client.createTicket('Add-on run by a layered SRE team');
  // The label layered-sre makes Layered SRE required on a ticket (the template's "if present"): the PM put it on both.
  for (const { key } of [waived, other]) await env.client.restOk(DEMO.pm, 'PUT', `/rest/api/3/issue/${key}`, { fields: { labels: ['layered-sre'] } }, 204);
  const page = await openPanel('acc-layered-sre', waived.key);
  const panel = appFrame(page);
  // Layered SRE signs off go live only: its row of the matrix says where it stands.
  const layered = panel.locator('tr[data-team="layered-sre"] .lozenge').first();
  expect(await layered.textContent()).toBe('Pending');

  await panel.getByRole('button', { name: 'Mark Layered SRE not applicable' }).click();
  const dialog = panel.getByRole('dialog', { name: `Mark Layered SRE not applicable on ${waived.key}` });
  await dialog.getByLabel('Reason (required)').fill('No layered SRE team runs this add-on: SRE-P operates it alone');
  await dialog.getByRole('button', { name: 'Mark not applicable' }).click();

  const outcome = panel.getByRole('status').filter({ hasText: 'Layered SRE marked not applicable.' });
  await outcome.waitFor();
  expect(await outcome.evaluate((e) => e === document.activeElement)).toBe(true);
  const waiver = panel.getByRole('list', { name: 'Not applicable on this ticket' }).locator('[data-waiver="team.layered-sre"]');
  expect(await waiver.textContent()).toMatch(/^Not applicable Layered SRE by you .*No layered SRE team runs this add-on: SRE-P operates it alone/);
  expect(await layered.textContent()).toBe('Not applicable');
  await screenshot(page, 'panel-waiver');

  // On the other ticket the team is still required. (The browser has one login: the same person looks, so the first
  // page keeps acting as Layered SRE.)
  const otherPage = await openPanel('acc-layered-sre', other.key);
  expect(await appFrame(otherPage).locator('tr[data-team="layered-sre"] .lozenge').first().textContent()).toBe('Pending');

  // Withdrawn, with a reason: required again on the first ticket.
  await panel.getByRole('button', { name: 'Withdraw: Layered SRE applies again' }).click();
  const withdraw = panel.getByRole('dialog', { name: 'Layered SRE applies to this ticket again' });
  await withdraw.getByLabel('Reason (required)').fill('The add-on moved to a layered SRE team after all');
  await withdraw.getByRole('button', { name: 'Withdraw' }).click();
  await panel.getByRole('status').filter({ hasText: 'Layered SRE applies again.' }).waitFor();
  expect(await layered.textContent()).toBe('Pending');
});
