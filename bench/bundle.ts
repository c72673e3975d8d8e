// The deploy bundle: what `forge deploy` uploads for the backend (bundled here by @forge/bundler exactly as the CLI does,
// scripts/forge-bundle.ts), its size, and its cold start: the time a fresh Node process spends requiring it, which every
// cold Forge invocation pays before the handler runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleBytes, bundleLikeForgeDeploy } from '../scripts/forge-bundle';
import { median } from './stats';

/** The goal set for the bundle (issue 11): at most this much JavaScript, and at most this cold-start require time. */
export const BUNDLE_GOAL = { bytes: 600 * 1024, coldStartMs: 50 } as const;

export interface BundleFigures {
  readonly bytes: number;
  readonly gzippedBytes: number;
  /** Median over fresh Node processes of (require the bundle) minus (an empty Node), in ms. */
  readonly coldStartMs: number;
  readonly processes: number;
}

/** Wall time of one fresh `node -e <script>`, in ms; throws when the process fails. */
function nodeRun(script: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node -e ${script} failed: ${run.stderr}`);
  return elapsed;
}

/**
 * Bundles the backend as a deploy does and measures it: the empty and the loading processes alternate, so load on
 * a shared machine shifts both alike; the figure is the median of the per-pair differences.
 * @example const figures = await benchBundle(15); // { bytes: 737_444, coldStartMs: 74, ... }
 */
export async function benchBundle(processes: number): Promise<BundleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-forge-bundle-'));
  try {
    const bundle = await bundleLikeForgeDeploy(dir);
    const files = bundle.modules.map((module) => join(dir, `${module}.cjs`));
    const load = files.map((file) => `require(${JSON.stringify(file)});`).join('');
    const differences: number[] = [];
    for (let i = 0; i < processes; i++) {
      const empty = nodeRun('0');
      differences.push(nodeRun(load) - empty);
    }
    return {
      bytes: bundleBytes(dir),
      gzippedBytes: files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0),
      coldStartMs: median(differences),
      processes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
