import { DEMO, unwrap } from '../support/site-client';
import { appFrame, screenshot, useSiteAndBrowser } from './support/browser';

// After go-live in chromium: SKU-3 is promoted to prod (In Production) with capacity and velocity agreed by SRE-P.
const env = useSiteAndBrowser();

test('a promoted ticket shows reduced assurance, and usage over the agreed capacity shows a breach', async () => {
  const gate = unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: 'SKU-3' }));
  const capacity = gate.records.numbers?.values['capacity'];
  if (capacity === undefined) throw new Error('The demo ticket SKU-3 has its capacity recorded');

  const page = await env.browser.openAs('acc-sre-p', '/browse/SKU-3');
  const panel = appFrame(page);
  // After go-live opens on demand, under the matrix (issue 14's panel).
  await panel.locator('details[data-section="after-go-live"] > summary').click();
  const assurance = panel.locator('.service-assurance');
  await assurance.waitFor();
  expect(await assurance.innerText()).toMatch(/Service assurance:\s*reduced\s*since Promote to prod \(status In Production\)/i);

  await panel.getByLabel('Capacity measured, in customers').fill(String(capacity + 25));
  await panel.getByRole('button', { name: 'Record usage' }).click();

  const breach = panel.getByRole('alert').filter({ hasText: 'Capacity breached' });
  await breach.waitFor();
  expect(await breach.innerText()).toContain(`Capacity breached: ${capacity + 25} customers measured, ${capacity} customers agreed`);
  expect(await panel.locator('tr[data-number="capacity"]').getAttribute('data-state')).toBe('breached');
  expect(await panel.locator('details[data-section="after-go-live"] .section-summary').innerText()).toContain('capacity breached');
  await screenshot(page, 'panel-usage-breached');
});
