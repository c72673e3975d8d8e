// `tsx bench/compare-first-verdict.ts <built checkout> [<built checkout>...] [--loads N] [--new-tab]`: the panel's first verdict of
// several builds on the SAME machine load. Starts one local site per checkout (each must have run `npm run build`), then
// loads the demo ticket in headless Chromium alternately from each (A, B, A, B...), so a busy machine slows them alike
// and their ratio means something. Prints each build's medians and phase breakdown, and the load average. `--new-tab`
// opens each load in a new tab, as the bench did before session 5 (Chromium's own work for a new tab included).
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startSite } from '../test/support/site';
import type { RunningSite } from '../test/support/site';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './front-end';
import { loadOnce, markFirstVerdict, medianLoad } from './first-verdict';
import type { VerdictLoad } from './first-verdict';
import { renderVerdictLoad } from './format-first-verdict';

const TICKET = { issueKey: 'SKU-2', accountId: 'acc-sre-p' };

function parseArguments(argv: readonly string[]): { roots: string[]; loads: number; newTab: boolean } {
  const at = argv.indexOf('--loads');
  const loads = at === -1 ? 7 : Number(argv[at + 1]);
  if (!Number.isInteger(loads) || loads < 1) throw new Error('--loads takes a whole number of loads per build');
  const roots = argv.filter((argument, i) => i !== at && i !== at + 1 && argument !== '--new-tab').map((root) => resolve(root));
  if (roots.length === 0) throw new Error('Name at least one built checkout, e.g. `tsx bench/compare-first-verdict.ts /tmp/main .`');
  return { roots, loads, newTab: argv.includes('--new-tab') };
}

async function main(): Promise<void> {
  const { roots, loads, newTab } = parseArguments(process.argv.slice(2));
  const sites: RunningSite[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    for (const root of roots) sites.push(await startSite({ root }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await markFirstVerdict(context);
    for (const site of sites) await context.addCookies([{ name: 'site-user', value: TICKET.accountId, url: site.url }]);
    const page = await context.newPage();
    // One load each first, not counted: each site's first request warms its process (module loading, caches).
    for (const site of sites) await loadOnce(page, site.url, TICKET.issueKey);
    const results: VerdictLoad[][] = sites.map(() => []);
    const before = loadavg();
    for (let i = 0; i < loads; i++) {
      for (const [index, site] of sites.entries())
        results[index]?.push(await loadOnce(newTab ? await context.newPage() : page, site.url, TICKET.issueKey));
    }
    const after = loadavg();
    console.log(
      `Panel's first verdict, ${loads} alternate loads per build${newTab ? ', each in a new tab' : ''}; load average ${before.map((f) => f.toFixed(2)).join(', ')} before, ${after.map((f) => f.toFixed(2)).join(', ')} after`,
    );
    for (const [index, root] of roots.entries()) {
      const runs = results[index] ?? [];
      console.log(`\n${root}: every load ${runs.map((r) => r.verdictMs.toFixed(0)).join(', ')} ms`);
      console.log(renderVerdictLoad(medianLoad(runs)).join('\n'));
    }
  } finally {
    await browser.close();
    for (const site of sites) await site.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
