// The deploy bundle: what `forge deploy` uploads for the backend (bundled here by @forge/bundler exactly as the CLI does,
// scripts/forge-bundle.ts), its size, and its cold start: the time a fresh Node process spends requiring it, which every
// cold Forge invocation pays before the handler runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleBytes, bundleLikeForgeDeploy } from '../scripts/forge-bundle';
import { compositionOf } from './bundle-composition';
import { median, quantile } from './stats';

/** The goal set for the bundle (issue 11): at most this much JavaScript, and at most this cold-start require time. */
export const BUNDLE_GOAL = { bytes: 600 * 1024, coldStartMs: 50 } as const;

export interface BundleFigures {
  readonly bytes: number;
  readonly gzippedBytes: number;
  /** Median over fresh Node processes of (require the bundle) minus (an empty Node), in ms. */
  readonly coldStartMs: number;
  /** The middle half of those differences (25th and 75th percentile), in ms: how much the machine's load moved them. */
  readonly coldStartQuartilesMs: readonly [number, number];
  /**
   * Median CPU time (user + system) the `require` itself took inside those processes, in ms: it leaves out Node's own
   * start and waiting for a core, so it moves far less with the load than the wall time does.
   */
  readonly requireCpuMs: number;
  readonly processes: number;
  /** The 1-minute load average when the cold-start runs began and ended: figures from a busy machine read high. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  /** The JavaScript by part (zod, src/gate, @forge/api, webpack's own, ...), largest first, from the source map. */
  readonly composition: readonly { readonly part: string; readonly bytes: number }[];
  /**
   * The floor under the bundle: bench/bundle-floor, a handler that uses every package the backend imports and none of
   * the app's code, bundled the same way. The bundle minus the floor is what the app's own code costs.
   */
  readonly floor: { readonly bytes: number; readonly composition: readonly { readonly part: string; readonly bytes: number }[] };
}

/** The floor app (bench/bundle-floor): the packages the backend imports, used as it uses them, and nothing else. */
export const FLOOR_APP = join(__dirname, 'bundle-floor');

/** Wall time of one fresh `node -e <script>` in ms, and what the script printed; throws when the process fails. */
function nodeRun(script: string): { wallMs: number; printed: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node -e ${script} failed: ${run.stderr}`);
  return { wallMs, printed: run.stdout };
}

/**
 * Bundles the backend as a deploy does and measures it: the empty and the loading processes alternate, so load on
 * a shared machine shifts both alike; the figure is the median of the per-pair differences.
 * @example const figures = await benchBundle(15); // { bytes: 737_444, coldStartMs: 74, ... }
 */
export async function benchBundle(processes: number): Promise<BundleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-forge-bundle-'));
  const floorDir = mkdtempSync(join(tmpdir(), 'bench-forge-floor-'));
  try {
    const floorBundle = await bundleLikeForgeDeploy(floorDir, FLOOR_APP);
    const floor = { bytes: bundleBytes(floorDir), composition: floorBundle.modules.flatMap((module) => compositionOf(join(floorDir, `${module}.cjs`))) };
    const bundle = await bundleLikeForgeDeploy(dir);
    const files = bundle.modules.map((module) => join(dir, `${module}.cjs`));
    const load = `const c = process.cpuUsage();${files.map((file) => `require(${JSON.stringify(file)});`).join('')}const u = process.cpuUsage(c);console.log((u.user + u.system) / 1000);`;
    const differences: number[] = [];
    const cpu: number[] = [];
    const before = loadavg()[0] ?? 0;
    for (let i = 0; i < processes; i++) {
      const empty = nodeRun('0');
      const loaded = nodeRun(load);
      differences.push(loaded.wallMs - empty.wallMs);
      cpu.push(Number(loaded.printed));
    }
    const after = loadavg()[0] ?? 0;
    return {
      bytes: bundleBytes(dir),
      gzippedBytes: files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0),
      coldStartMs: median(differences),
      coldStartQuartilesMs: [quantile(differences, 0.25), quantile(differences, 0.75)],
      requireCpuMs: median(cpu),
      processes,
      loadAverage: { before, after },
      composition: files.flatMap((file) => compositionOf(file)),
      floor,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
}
