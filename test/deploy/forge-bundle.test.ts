import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ForgeBundle } from '../../scripts/forge-bundle';
import { APP_ROOT, bundleLikeForgeDeploy, FORGE_BUNDLE_DIR } from '../../scripts/forge-bundle';

// `forge deploy` bundles the backend with @forge/bundler (webpack + ts-loader with the app's tsconfig.json). This bundles
// the app the same way, loads the bundle in a fresh Node process as Forge's runtime does, and checks every handler the
// manifest names is there. `npm run build` leaves the same bundle in dist/forge, which the flow test runs.
interface ManifestFunctions {
  modules: { function: { key: string; handler: string }[] };
}
const manifest = parse(readFileSync(join(APP_ROOT, 'manifest.yml'), 'utf8')) as ManifestFunctions;

let outDir: string;
let bundle: ForgeBundle;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'forge-bundle-test-'));
  bundle = await bundleLikeForgeDeploy(outDir);
}, 180_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The names a bundle file exports, required in a fresh Node process with nothing of the test's set up. */
function exportsOf(file: string): Record<string, string> {
  const script = `const m = require(${JSON.stringify(file)}); process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v]))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<string, string>;
}

test('@forge/bundler bundles the backend without errors or warnings', () => {
  expect(bundle.modules).toEqual(['index']);
  expect(bundle.warnings).toEqual([]);
});

test.each(manifest.modules.function.map((f) => [f.key, f.handler]))('the bundle exports the handler of function %s (%s)', (_key, handler) => {
  const [file = '', name = ''] = handler.split('.');
  expect({ handler, type: exportsOf(join(outDir, `${file}.cjs`))[name] }).toEqual({ handler, type: 'function' });
});

test('the bundle the local site runs (dist/forge, from npm run build) is the one a deploy of this source ships', () => {
  const fresh = readFileSync(join(outDir, 'index.cjs'), 'utf8');
  const built = readFileSync(join(FORGE_BUNDLE_DIR, 'index.cjs'), 'utf8');
  if (built !== fresh) throw new Error('dist/forge differs from a fresh bundle of this source: run `npm run build` (npm test does).');
});
