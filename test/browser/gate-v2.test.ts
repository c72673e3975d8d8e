import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
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
