// Drives Debian's chromium with playwright-core against the local site (test/support/site.ts).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { SiteForTests } from '../../support/site-client';
import { useSite } from '../../support/site-client';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Headless chromium on a closed network, as every browser test runs it. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/**
 * Every run takes the screenshots; `UPDATE_SCREENSHOTS=1 npm test` writes them over the README's copies in
 * docs/screenshots, any other run into test-results/screenshots, so a test run leaves the work tree clean.
 */
const SCREENSHOTS = resolve(__dirname, '..', '..', '..', ...(process.env['UPDATE_SCREENSHOTS'] === '1' ? ['docs'] : ['test-results']), 'screenshots');
const STATIC = resolve(__dirname, '..', '..', '..', 'static');
/** Generous for a shared 2-core machine; playwright waits for conditions, never for time. */
const ACTION_TIMEOUT_MS = 20_000;

export interface Browser {
  /** A page whose requests carry the site-user cookie of `accountId` (and site-theme when given). */
  openAs(accountId: string, path: string, theme?: 'light' | 'dark'): Promise<Page>;
  /** Content-Security-Policy violations reported by any page or frame since the last call (then forgotten). */
  takeCspViolations(): string[];
  close(): Promise<void>;
}

/** Fails with what to do when the browser or the built UI is missing: these tests never skip. */
function checkPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No chromium at ${CHROMIUM_PATH}: the browser tests need Debian's chromium (run \`apt-get install chromium\`).`);
  }
  for (const resource of ['panel', 'settings', 'validator-config']) {
    if (!existsSync(join(STATIC, resource, 'build', 'index.html'))) throw new Error(`static/${resource}/build is missing: run \`npm run build\` first (npm test does it).`);
  }
}

/** A headless chromium with a fresh profile, removed again on close. */
export async function launchBrowser(siteUrl: string): Promise<Browser> {
  checkPrerequisites();
  const profile = mkdtempSync(join(tmpdir(), 'golive-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  // The site serves each Custom UI resource with Forge's own CSP (@forge/csp). Every document, frames included, reports
  // each violation as a securitypolicyviolation event (passed out through a binding, which the CSP cannot block), and
  // chromium also logs it on the console: a violation from either is one users of the real app would hit.
  let violations: string[] = [];
  await context.exposeBinding('__reportCspViolation', (source, violation: string) => {
    violations.push(`${source.frame.url()}: ${violation}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (violation: string) => void }).__reportCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  context.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return {
    takeCspViolations() {
      const taken = violations;
      violations = [];
      return taken;
    },
    async openAs(accountId, path, theme = 'light') {
      await context.clearCookies();
      await context.addCookies([
        { name: 'site-user', value: accountId, url: siteUrl },
        { name: 'site-theme', value: theme, url: siteUrl },
      ]);
      const page = await context.newPage();
      await page.goto(`${siteUrl}${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The app's iframe titled "Go-Live Gate" (issue panel or settings page). */
export const appFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Go-Live Gate"]');

/**
 * Opens the issue `issueKey` as `accountId` at 1440 × 900 (the panel's height budget is for that screen) and waits for
 * the panel's teams × stages matrix.
 */
export async function openPanelAs(browser: Browser, accountId: string, issueKey: string): Promise<{ page: Page; panel: FrameLocator }> {
  const page = await browser.openAs(accountId, `/browse/${issueKey}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  const panel = appFrame(page);
  await panel.getByRole('table', { name: 'Teams and stages' }).waitFor();
  return { page, panel };
}

/**
 * Opens the issue context titled `title` in the issue's sidebar (collapsed until the user opens it, as in Jira, and its
 * frame created only then) and answers its frame. Does nothing to a context the user left open.
 */
export async function openIssueContext(page: Page, title: string): Promise<FrameLocator> {
  const context = page.locator('details.issue-context').filter({ has: page.locator('summary', { hasText: title }) });
  if ((await context.getAttribute('open')) === null) await context.locator('summary').click();
  return page.frameLocator(`details.issue-context iframe[title="${title}"]`);
}

/**
 * Saves a full-page screenshot to <SCREENSHOTS>/<name>.png (the README shows them). The window is made as tall as the
 * page first: a full-page capture stretches a cross-site frame (its own process) without painting it again, which left
 * blank space in the panel and cut off the page below it.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport === null || height <= viewport.height) {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    return;
  }
  await page.setViewportSize({ width: viewport.width, height });
  // Two frames of the page's: the app frames have painted at the new size by then.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** Saves a screenshot of one part of a page (for a detail of a long page) to <SCREENSHOTS>/<name>.png. */
export async function screenshotOf(part: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await part.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export interface SiteAndBrowser extends SiteForTests {
  readonly browser: Browser;
}

/**
 * For one test file: a local site (with its client) and a chromium pointed at it, started before the first test and
 * stopped after the last; every test must leave no Content-Security-Policy violation behind.
 */
export function useSiteAndBrowser(): SiteAndBrowser {
  const env = useSite();
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(env.site.url);
  });
  afterEach(() => {
    expect(browser?.takeCspViolations()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get site() {
      return env.site;
    },
    get client() {
      return env.client;
    },
    get browser() {
      if (browser === undefined) throw new Error('The browser starts in beforeAll: use it inside a test.');
      return browser;
    },
  };
}
