// Custom entities on the running local site (built emulator, HTTP KVS endpoint) through the real @forge/kvs:
// the manifest's declarations are read at start, and entities and their indexes survive SIGKILL and restart.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type * as ForgeKvs from '@forge/kvs';
import type { RunningSite } from '../../test/support/site';
import { installForgeGlobals, startSite } from '../../test/support/site';
import { projectRoot } from './project-root';

interface Head {
  issue?: string;
  seq?: number;
  digest?: string;
}

let dir: string;
let manifestFile: string;
let site: RunningSite | undefined;
let forgeKvs: typeof ForgeKvs;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kvs-entities-'));
  // The app's own manifest with one more entity declared, so the site runs the real app and knows the entity.
  const manifest = parse(readFileSync(join(projectRoot(), 'manifest.yml'), 'utf8')) as { app: Record<string, unknown> };
  const storage = (manifest.app['storage'] ?? {}) as { entities?: unknown[] };
  manifest.app['storage'] = {
    ...storage,
    entities: [
      ...(storage.entities ?? []),
      { name: 'test-head', attributes: { issue: { type: 'string' }, seq: { type: 'integer' }, digest: { type: 'string' } }, indexes: [{ name: 'by-issue', partition: ['issue'], range: ['seq'] }] },
    ],
  };
  manifestFile = join(dir, 'manifest.yml');
  writeFileSync(manifestFile, stringify(manifest));
  forgeKvs = await import('@forge/kvs');
});
afterEach(async () => {
  await site?.stop();
  site = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(db: string): Promise<RunningSite> {
  site = await startSite({ db, env: { SITE_MANIFEST: manifestFile } });
  // @forge/kvs reads the global fetch per call, so pointing the globals at a restarted site is enough.
  installForgeGlobals({ siteUrl: site.url, appSecret: site.appSecret });
  return site;
}

test('an acknowledged conditional write survives SIGKILL; its index answers after the restart', async () => {
  const db = join(dir, 'site.sqlite');
  const first = await start(db);
  const { kvs, Filter, FilterConditions } = forgeKvs;
  const heads = kvs.entity<Head>('test-head');
  await heads.set('SKU-1:numbers', { issue: 'SKU-1', seq: 1, digest: 'a' });
  await kvs
    .transact()
    .set<Head>('SKU-1:numbers', { issue: 'SKU-1', seq: 2, digest: 'b' }, { entityName: 'test-head', conditions: new Filter<Head>().and('seq', FilterConditions.equalTo(1)) })
    .set('audit:SKU-1:1', { action: 'record' })
    .execute();
  await heads.set('SKU-1:team.cee', { issue: 'SKU-1', seq: 1, digest: 'c' });
  first.kill();
  await first.exited;

  await start(db);
  expect(await heads.get('SKU-1:numbers')).toEqual({ issue: 'SKU-1', seq: 2, digest: 'b' });
  expect(await kvs.get('audit:SKU-1:1')).toEqual({ action: 'record' });
  const page = await heads.query().index('by-issue', { partition: ['SKU-1'] }).getMany();
  expect(page.results.map((r) => [r.key, r.value.seq])).toEqual([
    ['SKU-1:team.cee', 1],
    ['SKU-1:numbers', 2],
  ]);
  const stale = kvs.transact().set<Head>('SKU-1:numbers', { issue: 'SKU-1', seq: 2, digest: 'late' }, { entityName: 'test-head', conditions: new Filter<Head>().and('seq', FilterConditions.equalTo(1)) });
  await expect(stale.execute()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED', responseDetails: { status: 409 } });
});

test('takes a transaction of up to 4 MB over HTTP and refuses a larger one with MAX_SIZE', async () => {
  await start(':memory:');
  const { kvs } = forgeKvs;
  const value = 'x'.repeat(200 * 1024);
  const big = kvs.transact();
  for (let i = 0; i < 15; i++) big.set(`big:${i}`, value);
  await big.execute();
  expect(await kvs.get('big:14')).toHaveLength(value.length);
  const tooBig = kvs.transact();
  for (let i = 0; i < 21; i++) tooBig.set(`huge:${i}`, value);
  await expect(tooBig.execute()).rejects.toMatchObject({ code: 'MAX_SIZE', responseDetails: { status: 400 } });
  expect(await kvs.get('huge:0')).toBeUndefined();
});
