// What the browser pays: each Custom UI resource's JS and CSS gzipped, and the panel's time to its first verdict.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { median } from './stats';

const STATIC = resolve(__dirname, '..', 'static');
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LOAD_TIMEOUT_MS = 30_000;

export interface ResourceSize {
  readonly resource: string;
  /** Gzipped bytes (level 9, as scripts/build-static.mts measures); undefined when the resource is not built. */
  readonly js?: number;
  readonly css?: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const gzipped = (files: readonly string[]): number => files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);

/** Every static/<resource>/ with an index.html, built or not (unbuilt ones have no sizes). */
export function resourceSizes(): ResourceSize[] {
  return readdirSync(STATIC)
    .filter((name) => existsSync(join(STATIC, name, 'index.html')))
    .sort()
    .map((resource) => {
      const build = join(STATIC, resource, 'build');
      if (!existsSync(build)) return { resource };
      const files = filesUnder(build);
      return { resource, js: gzipped(files.filter((f) => f.endsWith('.js'))), css: gzipped(files.filter((f) => f.endsWith('.css'))) };
    });
}

export type PanelLoad =
  | {
      readonly available: true;
      readonly firstMs: number;
      readonly medianMs: number;
      readonly loads: number;
      /** The machine's load average (1, 5, 15 minutes) before and after the loads: the figure depends on it on a shared machine. */
      readonly loadBefore: readonly number[];
      readonly loadAfter: readonly number[];
    }
  | { readonly available: false; readonly why: string };

/**
 * Opens /browse/<issueKey> as `accountId` `loads` times in headless chromium (one browser, a new page each time, so the
 * first load is cold and the rest use the HTTP cache) and times navigation start to the verdict line
 * heading being visible inside the panel's iframe.
 */
export async function panelLoad(siteUrl: string, issueKey: string, accountId: string, loads: number): Promise<PanelLoad> {
  if (!existsSync(CHROMIUM_PATH)) return { available: false, why: `no chromium at ${CHROMIUM_PATH}` };
  if (!existsSync(join(STATIC, 'panel', 'build', 'index.html'))) return { available: false, why: 'static/panel is not built' };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(LOAD_TIMEOUT_MS);
    await context.addCookies([{ name: 'site-user', value: accountId, url: siteUrl }]);
    const times: number[] = [];
    const loadBefore = loadavg();
    for (let i = 0; i < loads; i++) {
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${siteUrl}/browse/${issueKey}`, { waitUntil: 'commit' });
      await page.frameLocator('iframe[title="Go-Live Gate"]').locator('.stage-verdict .verdict-line').first().waitFor({ state: 'visible' });
      times.push(performance.now() - start);
      await page.close();
    }
    await context.close();
    return { available: true, firstMs: times[0] ?? 0, medianMs: median(times), loads, loadBefore, loadAfter: loadavg() };
  } finally {
    await browser.close();
  }
}
