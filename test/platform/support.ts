// Runs the local site with the platform tests' own Forge app (test/platform/app) instead of the Go-Live Gate.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kvsOverHttp } from '../../emulator/runtime/forge-globals';
import type { RunningSite, StartOptions } from '../support/site';
import { startSite } from '../support/site';

const ROOT = resolve(__dirname, '..', '..');
/** Inside the repository, so the bundle's `require('@forge/api')` finds the repository's node_modules. */
const APP_ROOT = join(ROOT, 'test-results', 'platform-app');

/**
 * Builds test/platform/app into test-results/platform-app (manifest.yml, dist/app/index.cjs and the probe resource's
 * static/probe/build), as `npm run build` does for the real app.
 */
export async function buildPlatformApp(): Promise<string> {
  mkdirSync(join(APP_ROOT, 'dist', 'app'), { recursive: true });
  mkdirSync(join(APP_ROOT, 'static', 'probe', 'build'), { recursive: true });
  copyFileSync(join(__dirname, 'app', 'manifest.yml'), join(APP_ROOT, 'manifest.yml'));
  copyFileSync(join(__dirname, 'app', 'static', 'probe', 'index.html'), join(APP_ROOT, 'static', 'probe', 'build', 'index.html'));
  await build({
    entryPoints: [join(__dirname, 'app', 'static', 'probe', 'src', 'main.ts')],
    outfile: join(APP_ROOT, 'static', 'probe', 'build', 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(__dirname, 'app', 'src', 'index.ts')],
    outfile: join(APP_ROOT, 'dist', 'app', 'index.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return APP_ROOT;
}

export interface PlatformSite extends RunningSite {
  /** A value the platform app stored in its KVS. */
  kvsGet<T>(key: string): Promise<T | undefined>;
  /** Every key of the platform app's KVS starting with `prefix` (live ones only). */
  kvsKeys(prefix: string): Promise<string[]>;
  /** The values under every key starting with `prefix`. */
  kvsValues<T>(prefix: string): Promise<T[]>;
  /** A request to the site as the app (Authorization: Forge <secret>), JSON in and out. */
  asApp(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** The local site running the platform app (built first), with a fresh in-memory database unless `db` says otherwise. */
export async function startPlatformSite(options: StartOptions = {}): Promise<PlatformSite> {
  const appRoot = await buildPlatformApp();
  const site = await startSite({ ...options, env: { ...options.env, SITE_APP_ROOT: appRoot } });
  const kvs = kvsOverHttp(site.url, site.appSecret);
  return {
    ...site,
    async kvsGet<T>(key: string): Promise<T | undefined> {
      const reply = await kvs('/api/v1/get', { key });
      return reply.status === 200 ? ((reply.body as { value: T }).value) : undefined;
    },
    async kvsKeys(prefix: string): Promise<string[]> {
      const reply = await kvs('/api/v1/query', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }], limit: 100 });
      return ((reply.body as { data?: { key: string }[] }).data ?? []).map((entry) => entry.key);
    },
    async kvsValues<T>(prefix: string): Promise<T[]> {
      const reply = await kvs('/api/v1/query', { where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }], limit: 100 });
      return ((reply.body as { data?: { value: T }[] }).data ?? []).map((entry) => entry.value);
    },
    async asApp(method, path, body) {
      const response = await fetch(`${site.url}${path}`, {
        method,
        headers: { authorization: `Forge ${site.appSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
  };
}
