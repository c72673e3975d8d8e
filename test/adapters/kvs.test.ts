// The KVS adapters (src/forge/config-store, digest-store, audit-log, kvs-calls) through the REAL @forge/kvs, against the local env.site.
import { templateConfig } from '../../src/gate/templates';
import type { AuditEvent } from '../../src/contract';
import { ConflictError, UnavailableError, ValidationError } from '../../src/errors';
import { useForgeOnSite } from '../support/site-client';
import { clearFaults, delta, injectFault } from '../support/site-faults';

async function forgeModules() {
  const [configs, digests, audit, calls] = await Promise.all([
    import('../../src/forge/config-store'),
    import('../../src/forge/digest-store'),
    import('../../src/forge/audit-log'),
    import('../../src/forge/kvs-calls'),
  ]);
  return { ...configs, ...digests, ...audit, ...calls };
}

const env = useForgeOnSite(forgeModules);
const config = templateConfig('kubernetes-prr')!;


describe('KvsConfigStore', () => {
  it('saves versions in turn and refuses a save from a stale version with a conflict', async () => {
    const store = new env.forge.KvsConfigStore();
    expect(await store.get('20001')).toBeUndefined();
    const first = await store.save('20001', config, 0, 'acc-admin', '2026-03-01T10:00:00.000Z');
    expect(first.config.version).toBe(1);
    await store.save('20001', first.config, 1, 'acc-admin', '2026-03-01T10:01:00.000Z');
    await expect(store.save('20001', first.config, 1, 'acc-other', '2026-03-01T10:02:00.000Z')).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get('20001')).toMatchObject({ savedBy: 'acc-admin', savedAt: '2026-03-01T10:01:00.000Z', config: { version: 2 } });
  });

  it('lets exactly one of two admins saving the same version win', async () => {
    const store = new env.forge.KvsConfigStore();
    const results = await Promise.allSettled([
      store.save('20002', config, 0, 'acc-a', '2026-03-01T10:00:00.000Z'),
      store.save('20002', config, 0, 'acc-b', '2026-03-01T10:00:00.000Z'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(1);
  });

  it('refuses an invalid configuration and stores nothing', async () => {
    const store = new env.forge.KvsConfigStore();
    const broken = { ...config, stages: [{ ...config.stages[0]!, requiredTeams: ['nobody'] }] };
    await expect(store.save('20003', broken, 0, 'acc-admin', '2026-03-01T10:00:00.000Z')).rejects.toBeInstanceOf(ValidationError);
    expect(await store.get('20003')).toBeUndefined();
  });

  it('completes a save that claimed its version but never updated the current configuration', async () => {
    const store = new env.forge.KvsConfigStore();
    await store.save('20004', config, 0, 'acc-admin', '2026-03-01T10:00:00.000Z');
    // A save that claimed version 2 and then crashed before it updated `config:20004`.
    const { kvs } = await import('@forge/kvs');
    await kvs.set('config:20004:v2', { config: { ...config, version: 2 }, savedBy: 'acc-crashed', savedAt: '2026-03-01T10:01:00.000Z' });
    expect((await store.get('20004'))?.config.version).toBe(1);
    await expect(store.save('20004', config, 1, 'acc-admin', '2026-03-01T10:02:00.000Z')).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get('20004')).toMatchObject({ savedBy: 'acc-crashed', config: { version: 2 } });
    expect((await store.save('20004', config, 2, 'acc-admin', '2026-03-01T10:03:00.000Z')).config.version).toBe(3);
  });
});

describe('KvsDigestStore', () => {
  const event = (issueId: string, detail: string): AuditEvent => ({ issueId, at: '2026-03-01T10:00:00.000Z', actor: 'acc-cee', action: 'decide', team: 'cee', detail });

  it('records each digest together with its audit event in one transaction', async () => {
    const store = new env.forge.KvsDigestStore();
    const before = await env.site.metrics();
    await store.put('30002', 'golive-gate.team.cee', 'd'.repeat(64), event('30002', 'CEE approved'));
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:transaction': 1 });
    expect(await store.getAll('30002')).toEqual({ 'golive-gate.team.cee': 'd'.repeat(64) });
    expect((await new env.forge.KvsAuditLog().list('30002', 10)).events).toEqual([event('30002', 'CEE approved')]);
  });

  it('stores neither the digest nor the audit event when the transaction fails', async () => {
    const store = new env.forge.KvsDigestStore();
    await injectFault(env.site, { target: 'kvs', match: 'transaction', status: 500, times: 10 });
    await expect(store.put('30003', 'golive-gate.team.cee', 'e'.repeat(64), event('30003', 'CEE approved'))).rejects.toBeInstanceOf(UnavailableError);
    await clearFaults(env.site);
    expect(await store.getAll('30003')).toEqual({});
    expect((await new env.forge.KvsAuditLog().list('30003', 10)).events).toEqual([]);
  });

  it("reads every digest of one issue, and only that issue's, in one query", async () => {
    const store = new env.forge.KvsDigestStore();
    await store.put('30001', 'golive-gate.team.cee', 'a'.repeat(64), event('30001', 'CEE approved'));
    await store.put('30001', 'golive-gate.numbers', 'b'.repeat(64), event('30001', 'numbers recorded'));
    await store.put('300011', 'golive-gate.team.cee', 'c'.repeat(64), event('300011', 'CEE approved'));
    const before = await env.site.metrics();
    expect(await store.getAll('30001')).toEqual({ 'golive-gate.team.cee': 'a'.repeat(64), 'golive-gate.numbers': 'b'.repeat(64) });
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:query': 1 });
  });

  it('retries a KVS failure within bounds, then says storage did not answer', async () => {
    const store = new env.forge.KvsDigestStore();
    await injectFault(env.site, { target: 'kvs', match: 'query', status: 500, times: 1 });
    expect(await store.getAll('30001')).toHaveProperty(['golive-gate.numbers']);
    await injectFault(env.site, { target: 'kvs', match: 'query', status: 500, times: 10 });
    await expect(store.getAll('30001')).rejects.toThrow(new UnavailableError("The app's storage did not answer: could not read the record digests. Try again in a minute."));
  });
});

describe('kvsCall', () => {
  it('gives up on a KVS call that does not answer in time and tries again', async () => {
    const { kvs } = await import('@forge/kvs');
    await kvs.set('timeout-test', 'value');
    const slept: number[] = [];
    await injectFault(env.site, { target: 'kvs', match: 'get', delayMs: 2000, times: 1 });
    const policy = { ...env.forge.DEFAULT_KVS_RETRY_POLICY, attemptTimeoutMs: 200, sleep: (ms: number) => Promise.resolve(void slept.push(ms)) };
    expect(await env.forge.kvsCall(() => kvs.get('timeout-test'), 'read a value', policy)).toBe('value');
    expect(slept).toEqual([100]);
  });
});

describe('KvsAuditLog', () => {
  it('lists events newest first, a page at a time', async () => {
    const log = new env.forge.KvsAuditLog();
    const event = (minute: number) => ({ issueId: '40001', at: `2026-03-01T10:0${minute}:00.000Z`, actor: 'acc-cee', action: 'decide', team: 'cee', detail: `event ${minute}` });
    await log.append(event(1));
    await log.append(event(3));
    await log.append(event(2));
    await log.append({ ...event(4), issueId: '400011' });
    const first = await log.list('40001', 2);
    expect(first.events.map((e) => e.detail)).toEqual(['event 3', 'event 2']);
    expect(first.nextCursor).toEqual(expect.any(String) as unknown);
    const second = await log.list('40001', 2, first.nextCursor);
    expect(second.events.map((e) => e.detail)).toEqual(['event 1']);
    expect(second.nextCursor).toBeUndefined();
  });
});
