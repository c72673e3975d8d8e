import type { FrameLocator, Page } from 'playwright-core';
import type { PlatformSite } from '../platform/support';
import { startPlatformSite } from '../platform/support';
import type { Browser } from './support/browser';
import { launchBrowser } from './support/browser';

// The Custom UI host with the platform tests' probe resource (test/platform/app/static/probe), driven through the
// real @forge/bridge: frames sized to their content, Forge modals and events.
let site: PlatformSite;
let browser: Browser;
beforeAll(async () => {
  site = await startPlatformSite();
  browser = await launchBrowser(site.url);
});
afterEach(() => {
  expect(browser.takeCspViolations()).toEqual([]);
});
afterAll(async () => {
  await browser.close();
  await site.stop();
});

const probeFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Platform probe"]');
/** Waits until the probe's frame is taller (or shorter) than `px`. */
const frameHeightPasses = (page: Page, comparison: 'above' | 'below', px: number) =>
  page.waitForFunction(
    ([above, limit]) => {
      const height = document.querySelector('iframe[title="Platform probe"]')?.getBoundingClientRect().height ?? 0;
      return above ? height > limit : height < limit;
    },
    [comparison === 'above', px] as const,
  );

test('an app frame is as tall as its content, past 4,000 px and back, and never scrolls inside', async () => {
  const page = await browser.openAs('acc-pm', '/browse/SKU-1');
  const probe = probeFrame(page);
  await probe.getByText('Probe panel').waitFor();
  await probe.getByRole('button', { name: 'Grow' }).click();
  await probe.getByText('Row 300').waitFor();
  await frameHeightPasses(page, 'above', 4000);
  const inner = await page.frames().find((frame) => frame.url().includes('/__resources/probe/'))?.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    return { overflow: scroller.scrollHeight - scroller.clientHeight, style: getComputedStyle(document.documentElement).overflow };
  });
  expect(inner?.overflow).toBeLessThanOrEqual(1);
  expect(inner?.style).toBe('hidden');
  // The page scrolls instead: the last row can be brought into view.
  await probe.getByText('Row 300').scrollIntoViewIfNeeded();
  await probe.getByRole('button', { name: 'Shrink' }).click();
  await frameHeightPasses(page, 'below', 400);
  await page.close();
});

test('a Forge modal shows the resource with its context; submit closes it and hands the payload to onClose', async () => {
  const page = await browser.openAs('acc-pm', '/browse/SKU-1');
  const probe = probeFrame(page);
  await probe.getByRole('button', { name: 'Open modal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Probe modal' });
  await dialog.waitFor();
  const modal = page.frameLocator('dialog.forge-modal iframe');
  await modal.getByText('Modal says: hello from the panel').waitFor();
  await modal.getByRole('button', { name: 'Emit from modal' }).click();
  await probe.getByText('Got event: {"from":"modal"}').waitFor();
  await modal.getByRole('button', { name: 'Submit 42' }).click();
  await dialog.waitFor({ state: 'detached' });
  await probe.getByText('Modal closed with: {"answer":42}').waitFor();

  await probe.getByRole('button', { name: 'Open modal' }).click();
  await page.frameLocator('dialog.forge-modal iframe').getByText('Modal says').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Probe modal' }).waitFor({ state: 'detached' });
  await probe.getByText('Modal closed with: null').waitFor();
  await page.close();
});

test('the dashboard shows a gadget’s edit view until it is configured, then its view with what was saved', async () => {
  const page = await browser.openAs('acc-pm', '/browse/SKU-1');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const gadget = page.frameLocator('iframe[title="Probe gadget"]');
  await gadget.getByLabel('Projects').fill('SKU, KEP');
  await Promise.all([page.waitForURL(/\/dashboard$/), gadget.getByRole('button', { name: 'Save gadget' }).click()]);
  await page.frameLocator('iframe[title="Probe gadget"]').getByText('Gadget shows: SKU, KEP').waitFor();
  // Saved on the site: another user sees it, and Edit starts from it.
  const other = await browser.openAs('acc-cee', '/dashboard');
  await other.frameLocator('iframe[title="Probe gadget"]').getByText('Gadget shows: SKU, KEP').waitFor();
  await other.getByRole('link', { name: 'Edit' }).click();
  expect(await other.frameLocator('iframe[title="Probe gadget"]').getByLabel('Projects').inputValue()).toBe('SKU, KEP');
  await page.close();
  await other.close();
});
