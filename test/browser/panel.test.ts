import { DEMO } from '../support/site-client';
import { clearFaults, injectFault } from '../support/site-faults';
import type { FrameLocator } from 'playwright-core';
import { appFrame, screenshot, useSiteAndBrowser } from './support/browser';

// The issue panel in chromium, against the local site running the unmodified app (demo data: SKU-1 has no decisions yet).
const env = useSiteAndBrowser();

const invokes = async (functionKey: string): Promise<number> => (await env.site.metrics())[`invoke:${functionKey}`] ?? 0;

/** Opens one of the panel's on-demand sections (numbers, questionnaire, override, audit). */
const openSection = async (panel: FrameLocator, key: string): Promise<void> => {
  await panel.locator(`details[data-section="${key}"] > summary`).click();
};

/** Whether the element has keyboard focus in its frame. */
const isFocused = (element: { evaluate: (fn: (e: Element) => boolean) => Promise<boolean> }): Promise<boolean> => element.evaluate((e) => e === document.activeElement);

test('an approver agrees and the verdict and matrix change, from the answer of decide alone; focus moves to the outcome', async () => {
  const page = await env.browser.openAs('acc-sre-p', '/browse/SKU-1');
  const panel = appFrame(page);
  const verdict = panel.getByRole('region', { name: 'Verdict' });
  await verdict.getByRole('heading', { name: 'Promote to prod blocked: waiting on SRE-P, OSD e2e, Managed Tenants SRE, Dev team' }).waitFor();
  await env.site.resetMetrics();

  await panel.getByLabel('Comment for SRE-P (required to decline)').fill('Capacity plan reviewed <b>fine</b>');
  await panel.getByRole('button', { name: 'Approve Promote to prod for SRE-P' }).click();

  await verdict.getByRole('heading', { name: 'Promote to prod blocked: waiting on OSD e2e, Managed Tenants SRE, Dev team' }).waitFor();
  const outcome = panel.getByRole('status').filter({ hasText: 'You approved Promote to prod for SRE-P.' });
  await outcome.waitFor();
  expect(await isFocused(outcome)).toBe(true);
  const sreRow = panel.locator('tr[data-team="sre-p"]');
  expect(await sreRow.textContent()).toMatch(/Approved[\s\S]*approved Promote to prod by you/);
  // The comment is behind a disclosure, and shown as text, never as HTML.
  expect(await sreRow.locator('.comment').isVisible()).toBe(false);
  await sreRow.getByText('Comment', { exact: true }).click();
  expect(await sreRow.locator('.comment').innerText()).toBe('Capacity plan reviewed <b>fine</b>');
  expect(await sreRow.locator('b').count()).toBe(0);
  expect(await invokes('decide')).toBe(1);
  expect(await invokes('getGate')).toBe(0);
  await screenshot(page, 'panel-approved');
});

test('a decline without a reason is refused before anything is sent', async () => {
  const page = await env.browser.openAs('acc-osd-e2e', '/browse/SKU-1');
  const panel = appFrame(page);
  const decline = panel.getByRole('button', { name: 'Decline Promote to prod for OSD e2e' });
  await decline.waitFor();
  await env.site.resetMetrics();

  await decline.click();

  const alert = panel.getByRole('alert').filter({ hasText: 'Give a reason for declining for OSD e2e' });
  await alert.waitFor();
  const comment = panel.getByLabel('Comment for OSD e2e (required to decline)');
  expect(await comment.getAttribute('aria-invalid')).toBe('true');
  expect(await isFocused(comment)).toBe(true);
  expect(await invokes('decide')).toBe(0);
  await screenshot(page, 'panel-decline-needs-reason');
});

test('a user outside a team sees no approve button for it, and why not', async () => {
  const page = await env.browser.openAs('acc-cee', '/browse/SKU-1');
  const panel = appFrame(page);
  await panel.getByRole('button', { name: 'Approve Go live for CEE' }).waitFor();

  expect(await panel.getByRole('button', { name: /^Approve .* for SRE-P$/ }).count()).toBe(0);
  await panel.getByText('Why you can’t decide for the other').click();
  const why = panel.locator('li.team-item[data-team="sre-p"] .why-not');
  expect(await why.innerText()).toMatch(/^You can’t decide for SRE-P\. You are not in golive-sre-p/);
  await screenshot(page, 'panel-not-in-team');
});

test('the reporter, in no team, is told they cannot decide and why for every team', async () => {
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-1');
  const panel = appFrame(page);
  await panel.getByText('You are not an approver for any team of this gate').waitFor();
  await panel.getByText('Why?', { exact: true }).click();

  expect(await panel.getByRole('button', { name: /^(Approve|Decline) / }).count()).toBe(0);
  expect(await panel.locator('li.team-item .why-not').count()).toBeGreaterThan(0);
  expect(await panel.locator('li.team-item[data-team="cee"] .why-not').innerText()).toMatch(/^You can’t decide for CEE\. .+/);
});

test('numbers out of range are refused inline, and a valid number is recorded', async () => {
  const page = await env.browser.openAs('acc-sre-p', '/browse/SKU-1');
  const panel = appFrame(page);
  await openSection(panel, 'numbers');
  const capacity = panel.getByLabel('Capacity (customers)', { exact: true });
  await capacity.waitFor();
  await env.site.resetMetrics();

  await capacity.fill('0');
  await panel.getByRole('button', { name: 'Record numbers' }).click();
  await panel.getByText('Must be at least 1', { exact: true }).waitFor();
  expect(await capacity.getAttribute('aria-invalid')).toBe('true');

  await capacity.fill('2.5');
  await panel.getByRole('button', { name: 'Record numbers' }).click();
  await panel.getByText('Must be a whole number').waitFor();
  expect(await invokes('recordNumbers')).toBe(0);
  await screenshot(page, 'panel-numbers-refused');

  await capacity.fill('40');
  await panel.getByRole('button', { name: 'Record numbers' }).click();
  await panel.getByRole('status').filter({ hasText: 'Numbers recorded.' }).waitFor();
  expect(await capacity.getAttribute('aria-invalid')).toBe('false');
  expect(await invokes('recordNumbers')).toBe(1);
});

test('the panel follows the dark theme', async () => {
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2', 'dark');
  const panel = appFrame(page);
  await panel.locator('[data-stage="go-live"]').waitFor();

  expect(await panel.locator('html').getAttribute('data-color-mode')).toBe('dark');
  const background = await panel.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  const text = await panel.locator('body').evaluate((body) => getComputedStyle(body).color);
  expect(luminance(background)).toBeLessThan(0.2);
  expect(luminance(text)).toBeGreaterThan(0.5);
  await screenshot(page, 'panel-dark');
});

test('a half-approved ticket says what blocks the current stage, and the matrix where each team stands', async () => {
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2');
  const panel = appFrame(page);
  await panel.getByRole('region', { name: 'Verdict' }).getByRole('heading', { name: /^Promote to prod blocked: waiting on / }).waitFor();
  const goLive = panel.locator('th[data-stage="go-live"]');
  // Six of the twelve teams SKU-2 needs (Layered SRE applies only where present) agreed at go live.
  expect(await goLive.innerText()).toMatch(/^Go live\s+Blocked\s+6 of 12$/i);
  expect(await panel.getByRole('table', { name: 'Teams and stages' }).getByText('Approved', { exact: true }).count()).toBeGreaterThan(0);
  await screenshot(page, 'panel-half-approved');
});

test("the panel's verdict line is the message Jira shows when the validator refuses the transition", async () => {
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2');
  const verdict = appFrame(page).getByRole('region', { name: 'Verdict' });
  const headline = (await verdict.getByRole('heading', { level: 2 }).innerText()).trim();
  expect(headline).toMatch(/^Promote to prod blocked: waiting on /);

  await page.getByRole('button', { name: 'Promote to Prod' }).click();
  const refusal = page.locator('#transition-error');
  await refusal.filter({ hasText: 'was refused' }).waitFor();
  expect(await refusal.innerText()).toBe(`Promote to Prod was refused: ${headline}`);
});

test("the issue page's refusal goes once the panel has moved on, and the panel keeps its place", async () => {
  const { key } = await env.client.createTicket('Refused, then approved');
  const page = await env.browser.openAs('acc-dev-team', `/browse/${key}`);
  const panel = appFrame(page);
  await panel.getByRole('button', { name: 'Approve Promote to prod for Dev team' }).waitFor();
  await page.getByRole('button', { name: 'Promote to Prod' }).click();
  const refusal = page.locator('#transition-error');
  await refusal.filter({ hasText: 'was refused' }).waitFor();

  await panel.getByRole('button', { name: 'Approve Promote to prod for Dev team' }).click();
  const outcome = panel.getByRole('status').filter({ hasText: 'You approved Promote to prod for Dev team.' });
  await outcome.waitFor();
  await refusal.waitFor({ state: 'hidden' });
  // Refreshed in place: the panel was not reloaded, so its outcome still has focus.
  expect(await isFocused(outcome)).toBe(true);
});

/** Relative luminance (0 black .. 1 white) of a CSS rgb()/rgba() colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

test('an override needs a justification of 20 visible letters in 3 words, then is shown prominently', async () => {
  const page = await env.browser.openAs('acc-admin', '/browse/SKU-1');
  const panel = appFrame(page);
  await openSection(panel, 'override');
  const justification = panel.getByLabel('Justification (at least 20 letters in 3 words)');
  await justification.waitFor();
  await panel.getByLabel('Stage', { exact: true }).selectOption('go-live');

  await justification.fill('Too short');
  await panel.getByText('8 of 20 letters, 2 of 3 words').waitFor();
  await env.site.resetMetrics();
  await panel.getByRole('button', { name: 'Override stage' }).click();
  await panel.getByRole('alert').filter({ hasText: 'Write a justification of at least 20 letters in at least 3 words (this one has 8 letters in 2 words).' }).waitFor();
  await justification.fill('\u200b'.repeat(30));
  await panel.getByText('0 of 20 letters, 0 of 3 words').waitFor();
  await panel.getByRole('button', { name: 'Override stage' }).click();
  await panel.getByRole('alert').filter({ hasText: '(this one has 0 letters in 0 words)' }).waitFor();
  expect(await invokes('override')).toBe(0);

  await justification.fill('Launch event booked; approvals follow within a day.');
  await panel.getByRole('button', { name: 'Override stage' }).click();
  const notice = panel.getByRole('alert', { name: 'Go live was overridden' });
  await notice.waitFor();
  expect(await panel.getByRole('status').filter({ hasText: 'Go live overridden.' }).evaluate((e) => e === document.activeElement)).toBe(true);
  expect(await panel.locator('th[data-stage="go-live"]').innerText()).toMatch(/Overridden/i);
  expect(await notice.innerText()).toContain('Launch event booked; approvals follow within a day.');
  expect(await invokes('override')).toBe(1);
  await screenshot(page, 'panel-overridden');

  // Others read who overrode by name, never by account id.
  const seen = appFrame(await env.browser.openAs('acc-pm', '/browse/SKU-1')).getByRole('alert', { name: 'Go live was overridden' });
  await seen.getByText(/^By Alex Admin /).waitFor();
  expect(await seen.innerText()).not.toContain('acc-admin');
});

test('a record edited outside the app is flagged with how to fix it', async () => {
  // CEE's go-live approval on SKU-4 (the demo seed's), re-dated by the PM: any issue editor can PUT an issue property.
  const property = '/rest/api/3/issue/SKU-4/properties/golive-gate.decision.go-live.cee.acc-cee';
  const genuine = ((await env.client.restOk(DEMO.pm, 'GET', property, undefined, 200)) as { value: Record<string, unknown> }).value;
  const put = await env.client.rest(DEMO.pm, 'PUT', property, { ...genuine, at: new Date().toISOString() });
  expect(put.status).toBeLessThan(300);

  const page = await env.browser.openAs('acc-cee', '/browse/SKU-4');
  const panel = appFrame(page);
  const warning = panel.getByRole('alert', { name: 'One record could not be verified and does not count' });
  await warning.waitFor();
  expect(await warning.innerText()).toMatch(/golive-gate\.decision\.go-live\.cee\.acc-cee was changed outside the app\.[\s\S]*To fix: The approver who gave it can re-affirm the decision; no other approver's decision replaces it\./);
  expect(await panel.locator('li.ask[data-team="cee"]').getByText('Unverified').count()).toBe(1);
  await panel.getByRole('button', { name: 'Approve Go live for CEE' }).click();
  await panel.getByRole('status').filter({ hasText: 'You approved Go live for CEE.' }).waitFor();
  expect(await warning.count()).toBe(0);
});

test('when the gate cannot be loaded, the panel says so and loads it on retry', async () => {
  await injectFault(env.site, { target: 'kvs', status: 500, times: 1000 });
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2');
  const panel = appFrame(page);
  const failure = panel.getByRole('alert', { name: 'Something went wrong' });
  await failure.waitFor();
  await screenshot(page, 'panel-load-error');

  await clearFaults(env.site);
  await failure.getByRole('button', { name: 'Try again' }).click();
  await panel.locator('[data-stage="go-live"]').waitFor();
  expect(await failure.count()).toBe(0);
});

test('the audit trail shows the newest events first and loads older ones on demand', async () => {
  // 22 decisions by SRE-P at go live on SKU-3: more than one page of the audit trail.
  for (let i = 0; i < 11; i += 1) {
    for (const decision of ['revoke', 'approve'] as const) {
      const result = await env.client.invoke(DEMO.approverOf('sre-p'), 'panel', 'decide', { team: 'sre-p', decision, comment: `round ${i}`, stages: ['go-live'] }, { issueKey: 'SKU-3' });
      expect(result.ok).toBe(true);
    }
  }
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-3');
  const panel = appFrame(page);
  await openSection(panel, 'audit');
  const events = panel.getByRole('list', { name: 'Audit events, newest first' }).getByRole('listitem');
  await events.first().waitFor();
  const firstPage = await events.count();
  expect(await events.first().innerText()).toContain('SRE-P approved at Go live: round 10');

  await panel.getByRole('button', { name: 'Load more' }).click();
  await events.nth(firstPage).waitFor();
  expect(await events.count()).toBeGreaterThan(firstPage);
  expect(await events.last().innerText()).not.toContain('round 10');
});

test('keyboard focus is visible on the panel’s controls', async () => {
  const page = await env.browser.openAs('acc-ocm-pm', '/browse/SKU-1');
  const panel = appFrame(page);
  const comment = panel.getByLabel('Comment for OCM PM (required to decline)');
  await comment.click();
  await comment.press('Tab');

  const approve = panel.getByRole('button', { name: 'Approve Go live for OCM PM' });
  expect(await approve.evaluate((button) => button === document.activeElement)).toBe(true);
  const outline = await approve.evaluate((button) => {
    const style = getComputedStyle(button);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test("the verdict and matrix show before Jira answers people's names, which then replace the placeholders, never account ids", async () => {
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2');
  const panel = appFrame(page);
  await panel.getByRole('region', { name: 'Verdict' }).waitFor();
  // Jira's user lookup is held until the test lets it go: the panel must not wait for it.
  let releaseNames = (): void => undefined;
  const namesHeld = new Promise<void>((resolve) => {
    releaseNames = resolve;
  });
  await page.route('**/rest/api/3/user/bulk?*', async (route) => {
    await namesHeld;
    await route.continue();
  });
  const lookup = page.waitForRequest('**/rest/api/3/user/bulk?*');
  await page.reload();

  const verdict = panel.getByRole('region', { name: 'Verdict' }).getByRole('heading', { name: /^Promote to prod blocked: waiting on / });
  await verdict.waitFor();
  const matrix = panel.getByRole('table', { name: 'Teams and stages' });
  const decided = matrix.locator('td.matrix-decision .person');
  await decided.first().waitFor();
  await lookup;
  const whileHeld = await decided.allInnerTexts();
  expect(whileHeld.length).toBeGreaterThan(0);
  for (const text of whileHeld) expect(text).toMatch(/ by …/);
  expect(await panel.locator('main').innerText()).not.toMatch(/acc-/);

  releaseNames();
  await decided.filter({ hasText: '…' }).first().waitFor({ state: 'detached' });
  const named = await decided.allInnerTexts();
  for (const text of named) expect(text).toMatch(/ by \p{Lu}\p{L}* /u);
  for (const text of named) expect(text).not.toMatch(/acc-|Unknown user/);
  expect(await panel.locator('main').innerText()).not.toMatch(/acc-/);
  await page.unroute('**/rest/api/3/user/bulk?*');
});
