// Builds each Custom UI resource (static/<resource>/index.html + src/main.tsx) with vite into
// static/<resource>/build/, relative base './' (Forge serves resources from a path of its own),
// and reports the gzipped JS and CSS size of each. The panel must stay under PANEL_JS_LIMIT.
import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Plugin } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = join(root, 'static');

/** Every static/<resource>/ with an index.html is a Custom UI resource (panel, settings, validator-config...). */
export function resources(): string[] {
  return readdirSync(staticDir)
    .filter((name) => existsSync(join(staticDir, name, 'index.html')))
    .sort();
}
export const PANEL_JS_LIMIT = 80 * 1024;

/** React's entry points, served by preact/compat (exact matches: `react` must not also catch `react-dom`). */
const PREACT_ALIASES = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
];

const TOKENS_ID = 'virtual:atlaskit-tokens.css';
const TOKEN_THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

/**
 * @atlaskit/tokens ships its themes as JS strings of CSS; this plugin turns them into one CSS module
 * so vite emits them as a linked stylesheet (Forge's CSP forbids inline <style>).
 */
function atlaskitTokens(): Plugin {
  return {
    name: 'atlaskit-tokens-css',
    resolveId(id: string) {
      return id === TOKENS_ID ? TOKENS_ID : undefined;
    },
    async load(id: string) {
      if (id !== TOKENS_ID) return undefined;
      const parts = await Promise.all(
        TOKEN_THEMES.map(async (theme) => {
          const file = join(root, 'node_modules/@atlaskit/tokens/dist/esm/artifacts/themes', `${theme}.js`);
          const module = (await import(pathToFileURL(file).href)) as { default: string };
          return module.default;
        }),
      );
      return parts.join('\n');
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function gzippedSize(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export interface ResourceSize {
  readonly resource: string;
  /** Gzipped bytes, level 9. */
  readonly js: number;
  readonly css: number;
}

/** Builds one resource and answers its gzipped JS and CSS sizes in bytes. */
async function buildResource(resource: string, quiet: boolean): Promise<ResourceSize> {
  const resourceDir = join(staticDir, resource);
  const outDir = join(resourceDir, 'build');
  await build({
    configFile: false,
    root: resourceDir,
    base: './',
    publicDir: join(resourceDir, 'public'),
    logLevel: quiet ? 'silent' : 'warn',
    plugins: [react(), atlaskitTokens()],
    // The UI is written against React's API and type-checked with @types/react; in the browser preact/compat runs it at
    // a tenth of react-dom's size (issue 14's 80 KB budget for the panel). The browser tests run against this build.
    resolve: { alias: PREACT_ALIASES },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      chunkSizeWarningLimit: 1000,
    },
  });
  const files = filesUnder(outDir);
  return {
    resource,
    js: gzippedSize(files.filter((f) => f.endsWith('.js'))),
    css: gzippedSize(files.filter((f) => f.endsWith('.css'))),
  };
}

/**
 * Builds every Custom UI resource and prints their gzipped sizes; `quiet` silences vite's own output.
 *
 * @example
 * const sizes = await buildStatic({ quiet: true }); // [{ resource: 'panel', js: 110592, css: 8294 }, ...]
 */
export async function buildStatic({ quiet = false }: { readonly quiet?: boolean } = {}): Promise<ResourceSize[]> {
  const sizes: ResourceSize[] = [];
  for (const resource of resources()) sizes.push(await buildResource(resource, quiet));
  for (const { resource, js, css } of sizes) {
    console.log(`static/${resource}: JS ${kb(js)} gzipped, CSS ${kb(css)} gzipped`);
  }
  const panel = sizes.find((s) => s.resource === 'panel');
  if (panel && panel.js > PANEL_JS_LIMIT) {
    throw new Error(`static/panel's JS is ${kb(panel.js)} gzipped, over the ${kb(PANEL_JS_LIMIT)} budget: drop a dependency or import less.`);
  }
  return sizes;
}
