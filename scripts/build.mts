// `npm run build` (run through tsx): builds everything the local site and a Forge deploy need:
// - dist/app/index.cjs: the app's handlers (src/index.ts), run unmodified by the local site;
// - emulator/dist/main.cjs: the local Jira Cloud site;
// - static/<resource>/build: each Custom UI resource (scripts/build-static.ts), with its gzipped size.
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStatic } from './build-static.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };

await build({ ...common, entryPoints: [resolve(root, 'src/index.ts')], outfile: resolve(root, 'dist/app/index.cjs') });
await build({ ...common, entryPoints: [resolve(root, 'emulator/main.ts')], outfile: resolve(root, 'emulator/dist/main.cjs') });
await buildStatic({ quiet: process.argv.includes('--quiet') });
