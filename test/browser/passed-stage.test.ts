import { readFile } from 'node:fs/promises';
import { DEMO } from '../support/site-client';
import { appFrame, screenshot, useSiteAndBrowser } from './support/browser';

// Issue 13 item 8 in the panel, in chromium against the local site: a stage the ticket passed shows who moved it and
// when, its decisions are read-only, and the evidence export carries the pass.
const env = useSiteAndBrowser();
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

test('the panel shows a passed stage read-only, with who moved the ticket and when, and the export carries the pass', async () => {
  const { key } = await env.client.createTicket('Add-on promoted to prod');
  await env.client.fillIn(key, 'promote-to-prod');
  for (const team of PROMOTE_TEAMS) await env.client.call(DEMO.approverOf(team), 'panel', 'decide', { team, decision: 'approve', stages: ['promote-to-prod'] }, { issueKey: key });
  await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
  await env.site.drainEvents();

  const page = await env.browser.openAs('acc-sre-p', `/browse/${key}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  const panel = appFrame(page);
  const passed = panel.getByRole('status', { name: 'Promote to prod passed' });
  await passed.waitFor();
  expect(await passed.locator('.pass-read-only').textContent()).toMatch(
    /^Promote to prod passed on \d{4}-\d{2}-\d{2} when Pat PM moved the ticket; its decisions are read-only until the ticket moves back\. The numbers, answers and waivers only this stage needs are read-only too\.$/,
  );
  expect(await panel.locator('th[data-stage="promote-to-prod"] .lozenge').textContent()).toBe('Passed');
  // SRE-P signs off both stages: it is asked for go live only, and cannot approve the passed stage again.
  const ask = panel.locator('.ask[data-team="sre-p"]');
  await ask.waitFor();
  expect(await ask.getByRole('button', { name: /Approve/ }).allTextContents()).toEqual(['Approve Go live']);
  await screenshot(page, 'panel-passed-stage');

  await panel.locator('details[data-section="evidence"] > summary').click();
  await panel.locator('li.pass[data-stage="promote-to-prod"]').waitFor();
  const [json] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export evidence (JSON)' }).click()]);
  const evidence = JSON.parse(await readFile(await json.path(), 'utf8')) as { stages: { stage: string; pass?: { by: string; transition: { fromName: string; toName: string } } }[] };
  expect(evidence.stages.find((s) => s.stage === 'promote-to-prod')?.pass).toMatchObject({ by: 'acc-pm', transition: { fromName: 'In Review', toName: 'In Production' } });
  expect(evidence.stages.find((s) => s.stage === 'go-live')?.pass).toBeUndefined();
  const [markdown] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export evidence (Markdown)' }).click()]);
  const text = await readFile(await markdown.path(), 'utf8');
  expect(text).toMatch(/## Promote to prod\n\nPassed on \S+ when acc-pm moved the ticket from In Review \(10001\) to In Production \(10002\) \(change \d+\), configuration version \d+\./);
  expect(text).toContain('| golive-gate.decision.promote-to-prod.sre-p.acc-sre-p | `');
});
