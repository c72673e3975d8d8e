// What the browser pays: each Custom UI resource's JS and CSS gzipped, and the panel's time to its first verdict.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadOnce, markFirstVerdict, medianLoad } from './first-verdict';
import type { VerdictLoad } from './first-verdict';

const STATIC = resolve(__dirname, '..', 'static');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
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
      /** The first load (cold: the browser's first, while the new browser still starts its own processes), apart. */
      readonly first: VerdictLoad;
      /** The median of the `loads` loads after it, of the total and of each phase. */
      readonly median: VerdictLoad;
      readonly loads: number;
      /** The machine's load average (1, 5, 15 minutes) before and after the loads: the figure depends on it on a shared machine. */
      readonly loadBefore: readonly number[];
      readonly loadAfter: readonly number[];
    }
  | { readonly available: false; readonly why: string };

/**
 * Opens /browse/<issueKey> as `accountId` in headless chromium once cold, then `loads` times more (one browser and one
 * tab), and times navigation start to the verdict line's first paint inside the panel's iframe, taken apart into
 * phases (bench/first-verdict.ts). The cold load is reported apart and left out of the median: it pays for the new
 * browser's own start-up, which competes for the 2 cores, and for every cache being empty.
 */
export async function panelLoad(siteUrl: string, issueKey: string, accountId: string, loads: number): Promise<PanelLoad> {
  if (!existsSync(CHROMIUM_PATH)) return { available: false, why: `no chromium at ${CHROMIUM_PATH}` };
  if (!existsSync(join(STATIC, 'panel', 'build', 'index.html'))) return { available: false, why: 'static/panel is not built' };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(LOAD_TIMEOUT_MS);
    await context.addCookies([{ name: 'site-user', value: accountId, url: siteUrl }]);
    await markFirstVerdict(context);
    const page = await context.newPage();
    const loadBefore = loadavg();
    const first = await loadOnce(page, siteUrl, issueKey);
    const runs: VerdictLoad[] = [];
    for (let i = 0; i < loads; i++) runs.push(await loadOnce(page, siteUrl, issueKey));
    await context.close();
    return { available: true, first, median: medianLoad(runs), loads, loadBefore, loadAfter: loadavg() };
  } finally {
    await browser.close();
  }
}
