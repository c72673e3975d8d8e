// Bundles the backend exactly as `forge deploy` does: @forge/bundler's node bundler (webpack + ts-loader with the
// app's own tsconfig.json), entry points from the manifest's function handlers, run from the app directory. The only
// stand-in is the runtime wrapper and loader the Forge CLI downloads from Atlassian's CDN: they are not part of the
// app's code and cannot be fetched offline, so a provider answering placeholders takes their place.
//
//   node --import tsx scripts/forge-bundle.ts   # writes dist/forge/ (index.cjs and its source map)
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getEntryPoints, getNodeBundler } from '@forge/bundler';
import type { Logger } from '@forge/cli-shared';
import { ConfigFile, FileSystemReader, FileSystemWriter } from '@forge/cli-shared';

export const APP_ROOT = resolve(__dirname, '..');
/** Where `npm run build` leaves the deploy bundle; `SITE_APP_BUNDLE=dist/forge` makes the local site run it. */
export const FORGE_BUNDLE_DIR = join(APP_ROOT, 'dist', 'forge');

/** @forge/bundler's WrapperProvider (its index does not export the type). */
type WrapperProvider = Parameters<typeof getNodeBundler>[1];

/** The CDN's wrapper and loader run the bundle on Forge's side; offline they are placeholders the bundle never sees. */
const offlineRuntimeScripts: WrapperProvider = {
  getNodeRuntimeWrapper: () => Promise.resolve({ script: '// Forge runtime wrapper: downloaded by the Forge CLI', source: 'offline', version: 'offline' }),
  getNodeRuntimeLoader: () => Promise.resolve({ script: '// Forge runtime loader: downloaded by the Forge CLI', source: 'offline', version: 'offline' }),
};

export interface ForgeBundle {
  /** Directory holding one `<handler module>.cjs` per manifest handler file (here index.cjs), with source maps. */
  readonly dir: string;
  /** The handler files the manifest names, e.g. `['index']`. */
  readonly modules: readonly string[];
  /** What webpack warned about (a deploy prints these too). */
  readonly warnings: readonly string[];
}

function collectingLogger(warnings: string[]): Logger {
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (error) => warnings.push(error.message),
  };
}

/**
 * Runs @forge/bundler on the app as `forge deploy` would and copies its output to `outDir` (replaced).
 * @example const bundle = await bundleLikeForgeDeploy(FORGE_BUNDLE_DIR); require(join(bundle.dir, 'index.cjs'))
 */
export async function bundleLikeForgeDeploy(outDir: string, appDirectory: string = APP_ROOT): Promise<ForgeBundle> {
  // The CLI runs from the app directory: the manifest, tsconfig.json and src/ are found relative to it.
  const previous = process.cwd();
  process.chdir(appDirectory);
  const warnings: string[] = [];
  try {
    const configFile = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
    const handlers = await configFile.getAppHandlers();
    const bundler = getNodeBundler(collectingLogger(warnings), offlineRuntimeScripts, configFile);
    const output = await bundler.bundle({ appDirectory, entryPoints: getEntryPoints(handlers) });
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    cpSync(output.outputDir, outDir, { recursive: true });
    rmSync(output.outputDir, { recursive: true, force: true });
    return { dir: outDir, modules: [...new Set(handlers.map((h) => h.module))], warnings };
  } finally {
    process.chdir(previous);
  }
}

/** Bytes of the bundle's JavaScript (source maps left out: a deploy uploads them, but Node never loads them). */
export function bundleBytes(dir: string): number {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cjs') || name.endsWith('.js'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

if (require.main === module) {
  bundleLikeForgeDeploy(FORGE_BUNDLE_DIR)
    .then((bundle) => {
      for (const warning of bundle.warnings) console.warn(`forge bundle warning: ${warning}`);
      console.log(`dist/forge: ${(bundleBytes(bundle.dir) / 1024).toFixed(0)} KB bundled by @forge/bundler, as forge deploy does`);
    })
    .catch((error: unknown) => {
      console.error(`@forge/bundler could not bundle the backend, so forge deploy would fail:\n${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
