// The KVS adapters (src/forge/config-store, record-store, audit-log, kvs-calls) through the REAL @forge/kvs, against the local site.
import { templateConfig } from '../support/v1-templates';
import type { AuditEvent } from '../../src/contract';
import { ConflictError, UnavailableError, ValidationError } from '../../src/errors';
import { useForgeOnSite } from '../support/site-client';
import { clearFaults, delta, injectFault, lateWritesLanded } from '../support/site-faults';
import { migrateConfig } from '../../src/gate/v2/migrate';

async function forgeModules() {
  const [configs, records, audit, calls] = await Promise.all([
    import('../../src/forge/config-store'),
    import('../../src/forge/record-store'),
    import('../../src/forge/audit-log'),
    import('../../src/forge/kvs-calls'),
  ]);
  return { ...configs, ...records, ...audit, ...calls };
}

const env = useForgeOnSite(forgeModules);
const v1Config = templateConfig('kubernetes-prr')!;
const config = migrateConfig(v1Config);

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

  it('finds a configuration by the project key it was saved under, in one KVS query, and none under another key', async () => {
    const store = new env.forge.KvsConfigStore();
    await store.save('20010', config, 0, 'acc-admin', '2026-03-01T10:00:00.000Z');
    expect(await store.getByProjectKey('NOKEY')).toBeUndefined();
    await store.save('20010', config, 1, 'acc-admin', '2026-03-01T10:01:00.000Z', undefined, 'KEYED');
    const before = await env.site.metrics();
    expect(await store.getByProjectKey('KEYED')).toMatchObject({ projectId: '20010', stored: { savedAt: '2026-03-01T10:01:00.000Z', config: { version: 2 } } });
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:entity/query': 1 });
    expect(await store.getByProjectKey('KEYE')).toBeUndefined();
  });

  it('indexes a configuration saved without its project key under that key once read with it, changing nothing else', async () => {
    const store = new env.forge.KvsConfigStore();
    await store.save('20011', config, 0, 'acc-admin', '2026-03-01T10:00:00.000Z');
    expect(await store.getByProjectKey('OLDKEY')).toBeUndefined();
    const before = await env.site.metrics();
    expect(await store.get('20011', 'OLDKEY')).toMatchObject({ savedBy: 'acc-admin', savedAt: '2026-03-01T10:00:00.000Z', config: { version: 1 } });
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:entity/get': 1, 'kvs:transaction': 1 });
    expect(await store.getByProjectKey('OLDKEY')).toMatchObject({ projectId: '20011', stored: { savedAt: '2026-03-01T10:00:00.000Z', config: { version: 1 } } });
    const again = await env.site.metrics();
    await store.get('20011', 'OLDKEY');
    expect(delta(again, await env.site.metrics())).toEqual({ 'kvs:entity/get': 1 });
    // The project's key changed: the configuration follows it, and its version still guards the next save.
    await store.get('20011', 'NEWKEY');
    expect(await store.getByProjectKey('OLDKEY')).toBeUndefined();
    expect(await store.getByProjectKey('NEWKEY')).toMatchObject({ projectId: '20011' });
    await expect(store.save('20011', config, 0, 'acc-other', '2026-03-01T10:05:00.000Z')).rejects.toBeInstanceOf(ConflictError);
    expect((await store.save('20011', config, 1, 'acc-admin', '2026-03-01T10:06:00.000Z', undefined, 'NEWKEY')).config.version).toBe(2);
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
    const broken = { ...config, stages: [{ ...config.stages[0]!, teams: [{ team: 'nobody' }] }] };
    await expect(store.save('20003', broken, 0, 'acc-admin', '2026-03-01T10:00:00.000Z')).rejects.toBeInstanceOf(ValidationError);
    expect(await store.get('20003')).toBeUndefined();
  });

  it('keeps the latest acknowledged save in force when an earlier save\'s write arrives late', async () => {
    const store = new env.forge.KvsConfigStore();
    const first = await store.save('20004', config, 0, 'acc-admin', '2026-03-01T10:00:00.000Z');
    // The next save's transaction fails for the client at once, as a timed-out attempt does, and lands later all the
    // same: the client tries again, that attempt lands and is acknowledged, and the first arrives after the next save.
    await injectFault(env.site, { target: 'kvs', match: 'transaction', lateMs: 1_000 });
    const second = await store.save('20004', first.config, 1, 'acc-a', '2026-03-01T10:01:00.000Z');
    const third = await store.save('20004', { ...second.config, stages: second.config.stages.map((s) => ({ ...s, approvalLifetimeDays: 30 })) }, 2, 'acc-b', '2026-03-01T10:02:00.000Z');
    await lateWritesLanded(env.site);
    expect(await store.get('20004')).toEqual(third);
    expect((await store.get('20004'))?.config.version).toBe(3);
  });

  it('reads a configuration stored by version 1 as it was, moves it into its entity once, and saves over it', async () => {
    const { kvs } = await import('@forge/kvs');
    // What commit 5cba5e6 stored: the configuration in force under config:<projectId>, schema version 1.
    const legacy = { config: { ...v1Config, schemaVersion: 1, version: 3, policies: { reporterMayApprove: false, onePersonOneTeam: true, overrideGroups: [] } }, savedBy: 'acc-old', savedAt: '2026-01-01T00:00:00.000Z' };
    await kvs.set('config:20005', legacy);
    const store = new env.forge.KvsConfigStore();
    const before = await env.site.metrics();
    const read = await store.get('20005');
    expect(read).toMatchObject({ savedBy: 'acc-old', migratedFrom: 1, warnings: [], config: { schemaVersion: 2, version: 3, policies: { allowEmptyStages: false, recheckMembershipAtTransition: true } } });
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:entity/get': 1, 'kvs:get': 1, 'kvs:transaction': 1 });
    const again = await env.site.metrics();
    expect(await store.get('20005')).toEqual(read);
    expect(delta(again, await env.site.metrics())).toEqual({ 'kvs:entity/get': 1 });
    await expect(store.save('20005', config, 2, 'acc-admin', '2026-03-01T10:00:00.000Z')).rejects.toBeInstanceOf(ConflictError);
    expect((await store.save('20005', config, 3, 'acc-admin', '2026-03-01T10:00:00.000Z')).config.version).toBe(4);
  });

  it('lists the configuration in force of every project: its entity, or the version-1 key of a project not moved yet, never a history version', async () => {
    const { kvs } = await import('@forge/kvs');
    const store = new env.forge.KvsConfigStore();
    const saved = await store.save('20006', config, 0, 'acc-admin', '2026-03-01T10:00:00.000Z');
    await store.save('20006', saved.config, 1, 'acc-admin', '2026-03-01T10:01:00.000Z');
    await kvs.set('config:20007', { config: { ...v1Config, schemaVersion: 1, version: 5, policies: { reporterMayApprove: false, onePersonOneTeam: true, overrideGroups: [] } }, savedBy: 'acc-old', savedAt: '2026-01-01T00:00:00.000Z' });
    const listed = new Map((await store.listAll()).map(({ projectId, stored }) => [projectId, stored]));
    expect(listed.get('20006')).toEqual(await store.get('20006'));
    expect(listed.get('20006')?.config.version).toBe(2);
    // Moved into its entity by the test above, its version-1 key still there: the entity is in force.
    expect(listed.get('20005')?.config.version).toBe(4);
    expect(listed.get('20007')).toMatchObject({ savedBy: 'acc-old', migratedFrom: 1, config: { schemaVersion: 2, version: 5, policies: { allowEmptyStages: false } } });
    expect([...listed.keys()].every((projectId) => /^\d+$/.test(projectId))).toBe(true);
    // Listing reads; it moves nothing.
    expect(await kvs.entity('gate-config').get('20007')).toBeUndefined();
  });
});

describe('KvsRecordStore', () => {
  const event = (issueId: string, detail: string, seq = 1): AuditEvent => ({
    issueId, at: '2026-03-01T10:00:00.000Z', actor: 'acc-cee', action: 'decide', team: 'cee', detail, id: `golive-gate.team.cee#${seq}`, propertyKey: 'golive-gate.team.cee', seq, outcome: 'pending',
  });
  const write = (issueId: string, propertyKey: string, replaces: number, digest: string, detail = 'CEE approved') => ({
    issueId, propertyKey, replaces, digest, record: { digest }, event: event(issueId, detail, replaces + 1),
  });

  it('records each head together with its audit event in one transaction', async () => {
    const store = new env.forge.KvsRecordStore();
    const before = await env.site.metrics();
    await store.commit(write('30002', 'golive-gate.team.cee', 0, 'd'.repeat(64)));
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:transaction': 1 });
    expect(await store.heads('30002')).toEqual({ 'golive-gate.team.cee': { seq: 1, digest: 'd'.repeat(64), record: { digest: 'd'.repeat(64) } } });
    expect((await new env.forge.KvsAuditLog().list('30002', 10)).events).toEqual([event('30002', 'CEE approved')]);
  });

  it('sets a head only over the head it read: a late or concurrent write is refused and stores nothing', async () => {
    const store = new env.forge.KvsRecordStore();
    await store.commit(write('30004', 'golive-gate.numbers', 0, 'a'.repeat(64)));
    await store.commit(write('30004', 'golive-gate.numbers', 1, 'b'.repeat(64), 'second'));
    await expect(store.commit(write('30004', 'golive-gate.numbers', 1, 'c'.repeat(64), 'late'))).rejects.toBeInstanceOf(ConflictError);
    await expect(store.commit(write('30004', 'golive-gate.numbers', 0, 'c'.repeat(64), 'first again'))).rejects.toBeInstanceOf(ConflictError);
    expect((await store.heads('30004'))['golive-gate.numbers']).toMatchObject({ seq: 2, digest: 'b'.repeat(64) });
    expect((await new env.forge.KvsAuditLog().list('30004', 10)).events.map((e) => e.detail)).toEqual(['CEE approved', 'second']);
  });

  it('stores neither the head nor the audit event when the transaction fails', async () => {
    const store = new env.forge.KvsRecordStore();
    await injectFault(env.site, { target: 'kvs', match: 'transaction', status: 500, times: 10 });
    await expect(store.commit(write('30003', 'golive-gate.team.cee', 0, 'e'.repeat(64)))).rejects.toBeInstanceOf(UnavailableError);
    await clearFaults(env.site);
    expect(await store.heads('30003')).toEqual({});
    expect((await new env.forge.KvsAuditLog().list('30003', 10)).events).toEqual([]);
  });

  it("reads every head of one issue, and only that issue's, in one query", async () => {
    const store = new env.forge.KvsRecordStore();
    await store.commit(write('30001', 'golive-gate.team.cee', 0, 'a'.repeat(64)));
    await store.commit(write('30001', 'golive-gate.numbers', 0, 'b'.repeat(64)));
    await store.commit(write('300011', 'golive-gate.team.cee', 0, 'c'.repeat(64)));
    const before = await env.site.metrics();
    expect(Object.keys(await store.heads('30001')).sort()).toEqual(['golive-gate.numbers', 'golive-gate.team.cee']);
    expect(delta(before, await env.site.metrics())).toEqual({ 'kvs:entity/query': 1 });
  });

  it('reads the digests version 1 kept, in one query', async () => {
    const { kvs } = await import('@forge/kvs');
    await kvs.set('digest:30005:golive-gate.team.cee', 'f'.repeat(64));
    await kvs.set('digest:300051:golive-gate.team.cee', '0'.repeat(64));
    expect(await new env.forge.KvsRecordStore().legacyDigests('30005')).toEqual({ 'golive-gate.team.cee': 'f'.repeat(64) });
  });

  it('retries a KVS failure within bounds, then says storage did not answer', async () => {
    const store = new env.forge.KvsRecordStore();
    await injectFault(env.site, { target: 'kvs', match: 'entity/query', status: 500, times: 1 });
    expect(await store.heads('30001')).toHaveProperty(['golive-gate.numbers']);
    await injectFault(env.site, { target: 'kvs', match: 'entity/query', status: 500, times: 10 });
    await expect(store.heads('30001')).rejects.toThrow(new UnavailableError("The app's storage did not answer: could not read the records the app wrote. Try again in a minute."));
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

  it('records the outcome of an event under its own key', async () => {
    const log = new env.forge.KvsAuditLog();
    const pending: AuditEvent = { issueId: '40002', at: '2026-03-01T10:00:00.000Z', actor: 'acc-cee', action: 'decide', detail: 'CEE approved', id: 'golive-gate.team.cee#1', outcome: 'pending' };
    await log.append(pending);
    await log.settle({ ...pending, outcome: 'applied' });
    expect((await log.list('40002', 10)).events).toEqual([{ ...pending, outcome: 'applied' }]);
  });

  it('answers a cursor KVS did not issue as bad input, not as a failure', async () => {
    await expect(new env.forge.KvsAuditLog().list('40001', 2, 'not a cursor!')).rejects.toBeInstanceOf(ValidationError);
  });
});
