import type * as ForgeKvs from '@forge/kvs';
import { openDatabase } from '../db';
import { FaultPlan } from '../faults';
import { Metrics } from '../metrics';
import { installForgeGlobals } from './forge-globals';
import { KvsStore } from './kvs-store';
import { localKvs } from './kvs-transport';

// The real @forge/kvs client, pointed at the local KVS the way the site's runtime does it.
const metrics = new Metrics();
const faults = new FaultPlan();
const db = openDatabase(':memory:');
installForgeGlobals({ siteUrl: 'http://127.0.0.1:1', appSecret: 'test-secret', kvs: localKvs(new KvsStore(db), metrics, faults) });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- @forge/kvs picks its client when it loads: after the globals.
const forgeKvs = require('@forge/kvs') as typeof ForgeKvs;
const kvs = forgeKvs.kvs;

afterAll(() => db.close());
beforeEach(() => {
  db.exec('DELETE FROM kvs; DELETE FROM kvs_secret');
  faults.clear();
  metrics.reset();
});

describe('the local KVS through the real @forge/kvs client', () => {
  it('stores and reads back any JSON value', async () => {
    await kvs.set('config:10000', { version: 3, teams: ['sre-p'] });
    await kvs.set('count', 7);
    expect(await kvs.get('config:10000')).toEqual({ version: 3, teams: ['sre-p'] });
    expect(await kvs.get('count')).toBe(7);
  });

  it('answers undefined for a missing key, and deleting it is harmless', async () => {
    expect(await kvs.get('nothing-here')).toBeUndefined();
    await expect(kvs.delete('nothing-here')).resolves.toBeUndefined();
  });

  it('deletes a key', async () => {
    await kvs.set('gone', 'soon');
    await kvs.delete('gone');
    expect(await kvs.get('gone')).toBeUndefined();
  });

  it('refuses to overwrite with keyPolicy FAIL_IF_EXISTS and keeps the first value', async () => {
    await kvs.set('lock', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    await expect(kvs.set('lock', 'second', { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({ code: 'KEY_CONFLICT' });
    expect(await kvs.get('lock')).toBe('first');
    await kvs.set('lock', 'third', { keyPolicy: 'OVERRIDE' });
    expect(await kvs.get('lock')).toBe('third');
  });

  it('returns the previous or latest value when asked on OVERRIDE', async () => {
    await kvs.set('v', 1);
    await expect(kvs.set('v', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).resolves.toMatchObject({ key: 'v', value: 1 });
    await expect(kvs.set('v', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).resolves.toMatchObject({ key: 'v', value: 3 });
    await expect(kvs.set('fresh', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).resolves.toBeUndefined();
  });

  it('reads metadata when asked', async () => {
    await kvs.set('meta', 'x');
    const entry = await kvs.get('meta', { metadataFields: [forgeKvs.MetadataField.CREATED_AT, forgeKvs.MetadataField.UPDATED_AT] });
    expect(entry).toMatchObject({ key: 'meta', value: 'x', createdAt: expect.any(Number) as number, updatedAt: expect.any(Number) as number });
  });

  it('lists keys by prefix in key order, page by page with a cursor', async () => {
    for (const n of [3, 1, 5, 2, 4]) await kvs.set(`audit:SKU-1:${n}`, n);
    await kvs.set('audit:SKU-2:1', 'other issue');
    const first = await kvs.query().where('key', forgeKvs.WhereConditions.beginsWith('audit:SKU-1:')).limit(2).getMany<number>();
    expect(first.results.map((r) => r.value)).toEqual([1, 2]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await kvs.query().where('key', forgeKvs.WhereConditions.beginsWith('audit:SKU-1:')).cursor(first.nextCursor ?? '').limit(10).getMany<number>();
    expect(rest.results.map((r) => r.value)).toEqual([3, 4, 5]);
    expect(rest.nextCursor).toBeUndefined();
    expect(await kvs.query().where('key', forgeKvs.WhereConditions.beginsWith('audit:SKU-2:')).getOne()).toMatchObject({ key: 'audit:SKU-2:1' });
  });

  it("refuses queries beyond Forge's limits with the codes Forge documents", async () => {
    await expect(kvs.query().limit(101).getMany()).rejects.toMatchObject({ code: 'LIST_QUERY_LIMIT_EXCEEDED', responseDetails: { status: 400 } });
    await expect(kvs.query().limit(100).getMany()).resolves.toMatchObject({ results: [] });
    await expect(kvs.query().where('value' as 'key', forgeKvs.WhereConditions.beginsWith('a')).getMany()).rejects.toMatchObject({ code: 'QUERY_WHERE_FIELD_INVALID' });
    await expect(kvs.query().where('key', forgeKvs.WhereConditions.greaterThan('a') as unknown as ReturnType<typeof forgeKvs.WhereConditions.beginsWith>).getMany()).rejects.toMatchObject({ code: 'INVALID_FILTER_CONDITION' });
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(kvs.query().cursor('not a cursor!').getMany()).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('keeps secrets apart from values', async () => {
    await kvs.setSecret('token', 's3cret');
    expect(await kvs.getSecret('token')).toBe('s3cret');
    expect(await kvs.get('token')).toBeUndefined();
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
  });

  it('applies a transaction whole', async () => {
    await kvs.set('old', true);
    await kvs.transact().set('a', 1).set('b', 2).delete('old').execute();
    expect([await kvs.get('a'), await kvs.get('b'), await kvs.get('old')]).toEqual([1, 2, undefined]);
  });

  it('applies nothing of a transaction in which one write fails', async () => {
    await kvs.set('kept', 'before');
    const failing = kvs.transact().set('a', 1).delete('kept').set('bad/key', 'refused');
    await expect(failing.execute()).rejects.toMatchObject({ code: 'INVALID_KEY' });
    expect(await kvs.get('a')).toBeUndefined();
    expect(await kvs.get('kept')).toBe('before');
  });

  it('refuses a transaction of more than 25 operations', async () => {
    const big = kvs.transact();
    for (let i = 0; i < 26; i++) big.set(`k${i}`, i);
    await expect(big.execute()).rejects.toMatchObject({ code: 'TOO_MANY_OPERATIONS' });
    expect(await kvs.get('k0')).toBeUndefined();
  });

  it('refuses invalid keys and oversized values with a clear error', async () => {
    await expect(kvs.set('bad/key', 1)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(kvs.set('x'.repeat(501), 1)).rejects.toMatchObject({ code: 'KEY_TOO_LONG' });
    await expect(kvs.set('', 1)).rejects.toMatchObject({ code: 'KEY_TOO_SHORT' });
    await expect(kvs.set('big', 'x'.repeat(250 * 1024))).rejects.toMatchObject({ code: 'MAX_SIZE', responseDetails: { status: 400 } });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 32; i++) deep = [deep];
    await expect(kvs.set('deep', deep)).rejects.toMatchObject({ code: 'MAX_DEPTH', responseDetails: { status: 400 } });
    await expect(kvs.set('deep', (deep as unknown[])[0])).resolves.toBeUndefined();
  });

  it('counts each operation and fails one when a fault is injected', async () => {
    faults.add({ target: 'kvs', match: 'set', status: 503 });
    await expect(kvs.set('a', 1)).rejects.toMatchObject({ code: 'INJECTED_FAULT', responseDetails: { status: 503 } });
    await kvs.set('a', 1);
    expect(await kvs.get('a')).toBe(1);
    expect(metrics.snapshot()).toEqual({ 'kvs:get': 1, 'kvs:set': 2 });
  });

  it('answers a late write with a failure at once and applies it later, after what the caller did next', async () => {
    faults.add({ target: 'kvs', match: 'set', lateMs: 50 });
    await expect(kvs.set('head', 'first attempt')).rejects.toMatchObject({ code: 'INJECTED_FAULT', responseDetails: { status: 503 } });
    await kvs.set('head', 'next write');
    expect(await kvs.get('head')).toBe('next write');
    await faults.settled();
    expect(await kvs.get('head')).toBe('first attempt');
  });

  it('expires a value after its TTL', async () => {
    const now = jest.spyOn(Date, 'now');
    now.mockReturnValue(1_000_000);
    await kvs.set('lease', 'mine', { ttl: { value: 2, unit: 'SECONDS' } });
    expect(await kvs.get('lease')).toBe('mine');
    now.mockReturnValue(1_002_001);
    expect(await kvs.get('lease')).toBeUndefined();
    now.mockRestore();
  });
});
