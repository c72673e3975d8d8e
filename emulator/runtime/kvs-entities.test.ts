// Custom entities, index queries and conditional transactions through the REAL @forge/kvs client, served by the local KVS.
import fc from 'fast-check';
import type * as ForgeKvs from '@forge/kvs';
import { openDatabase } from '../db';
import { FaultPlan } from '../faults';
import { Metrics } from '../metrics';
import { installForgeGlobals } from './forge-globals';
import { parseEntityDeclarations } from './kvs-entity-schema';
import { KvsStore } from './kvs-store';
import { localKvs } from './kvs-transport';

const ENTITIES = [
  {
    name: 'record-head',
    attributes: {
      issue: { type: 'string' },
      record: { type: 'string' },
      seq: { type: 'integer' },
      digest: { type: 'string' },
      weight: { type: 'float' },
      live: { type: 'boolean' },
      extra: { type: 'any' },
    },
    indexes: ['seq', { name: 'by-issue', partition: ['issue'], range: ['seq'] }, { name: 'by-record', partition: ['issue', 'record'], range: ['digest'] }],
  },
  { name: 'audit-entry', attributes: { issue: { type: 'string' }, at: { type: 'string' } }, indexes: [{ name: 'by-issue', partition: ['issue'], range: ['at'] }] },
];

const db = openDatabase(':memory:');
let store = new KvsStore(db, parseEntityDeclarations({ app: { storage: { entities: ENTITIES } } }));
// The transport reads `store` per call, so a test can reopen the store (a restart) under the same client.
installForgeGlobals({ siteUrl: 'http://127.0.0.1:1', appSecret: 'test-secret', kvs: (path, body) => localKvs(store, new Metrics(), new FaultPlan())(path, body) });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- @forge/kvs picks its client when it loads: after the globals.
const forgeKvs = require('@forge/kvs') as typeof ForgeKvs;
const { kvs, Filter, FilterConditions, WhereConditions, Sort } = forgeKvs;

interface Head {
  issue?: string;
  record?: string;
  seq?: number;
  digest?: string;
  weight?: number;
  live?: boolean;
  extra?: unknown;
}
const heads = kvs.entity<Head>('record-head');

afterAll(() => db.close());
beforeEach(() => {
  db.exec('DELETE FROM kvs; DELETE FROM kvs_entity; DELETE FROM kvs_entity_index');
});

const seqIs = (seq: number) => new Filter<Head>().and('seq', FilterConditions.equalTo(seq));

describe('custom entities through the real @forge/kvs client', () => {
  it('stores, reads and deletes an entity, apart from a Key-Value Store value of the same key', async () => {
    await heads.set('SKU-1:numbers', { issue: 'SKU-1', record: 'numbers', seq: 1, digest: 'aa', live: true, extra: { any: ['shape'] } });
    await kvs.set('SKU-1:numbers', 'a plain value');
    expect(await heads.get('SKU-1:numbers')).toEqual({ issue: 'SKU-1', record: 'numbers', seq: 1, digest: 'aa', live: true, extra: { any: ['shape'] } });
    expect(await kvs.get('SKU-1:numbers')).toBe('a plain value');
    expect(await heads.get('SKU-1:numbers', { metadataFields: [forgeKvs.MetadataField.CREATED_AT] })).toMatchObject({ key: 'SKU-1:numbers', createdAt: expect.any(Number) as number });
    await heads.delete('SKU-1:numbers');
    expect(await heads.get('SKU-1:numbers')).toBeUndefined();
    expect(await kvs.get('SKU-1:numbers')).toBe('a plain value');
    await expect(heads.delete('SKU-1:numbers')).resolves.toBeUndefined();
  });

  it.each([
    ['an undeclared attribute', { seq: 1, colour: 'red' }, /not declared on entity 'record-head'/],
    ['a string where an integer is declared', { seq: '1' }, /declared integer/],
    ['a fraction where an integer is declared', { seq: 1.5 }, /declared integer/],
    ['an integer beyond 32 bits', { seq: 2 ** 31 }, /32-bit/],
    ['a float too small to store', { weight: 1e-200 }, /magnitude/],
    ['null for a typed attribute', { digest: null }, /declared string/],
    ['an array instead of an object', [1, 2], /object of its attributes/],
  ])('refuses %s with 400 INVALID_ENTITY_VALUE and stores nothing', async (_, value, message) => {
    await expect(heads.set('k', value as Head)).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE', message: expect.stringMatching(message) as string, responseDetails: { status: 400 } });
    expect(await heads.get('k')).toBeUndefined();
  });

  it("refuses an entity the manifest does not declare, and entity names Forge's rules refuse", async () => {
    await expect(kvs.entity('employee').set('k', { a: 1 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_TYPE', message: expect.stringMatching(/not declared.*record-head, audit-entry/) as string });
    await expect(kvs.entity('ab').get('k')).rejects.toMatchObject({ code: 'ENTITY_TYPE_TOO_SHORT' });
    await expect(kvs.entity('x'.repeat(61)).get('k')).rejects.toMatchObject({ code: 'ENTITY_TYPE_TOO_LARGE' });
    await expect(kvs.entity('Record-Head').get('k')).rejects.toMatchObject({ code: 'INVALID_ENTITY_TYPE' });
  });

  it('checks entity keys and value sizes as the Key-Value Store does', async () => {
    await expect(heads.set('', { seq: 1 })).rejects.toMatchObject({ code: 'EMPTY_KEY' });
    await expect(heads.set('k'.repeat(501), { seq: 1 })).rejects.toMatchObject({ code: 'KEY_TOO_LONG' });
    await expect(heads.set('a/b', { seq: 1 })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(heads.set('big', { extra: 'x'.repeat(241 * 1024) })).rejects.toMatchObject({ code: 'MAX_SIZE', responseDetails: { status: 400 } });
  });
});

describe('index queries', () => {
  beforeEach(async () => {
    for (const [issue, seq] of [
      ['SKU-1', 3],
      ['SKU-1', 1],
      ['SKU-2', 2],
      ['SKU-1', 2],
      ['SKU-1', 5],
    ] as const) {
      await heads.set(`${issue}:r${seq}`, { issue, record: `r${seq}`, seq, digest: `d${seq}`, live: seq % 2 === 1 });
    }
    await heads.set('SKU-1:no-seq', { issue: 'SKU-1', record: 'no-seq' });
  });

  it('answers the entities of one partition in range order, ascending or descending', async () => {
    const ascending = await heads.query().index('by-issue', { partition: ['SKU-1'] }).getMany();
    expect(ascending.results.map((r) => r.key)).toEqual(['SKU-1:r1', 'SKU-1:r2', 'SKU-1:r3', 'SKU-1:r5']);
    const descending = await heads.query().index('by-issue', { partition: ['SKU-1'] }).sort(Sort.DESC).getMany();
    expect(descending.results.map((r) => r.key)).toEqual(['SKU-1:r5', 'SKU-1:r3', 'SKU-1:r2', 'SKU-1:r1']);
  });

  it('leaves an entity without the range attribute out of the index (indexes are sparse)', async () => {
    const all = await heads.query().index('seq').limit(100).getMany();
    expect(all.results.map((r) => r.key)).not.toContain('SKU-1:no-seq');
    const byKey = await heads.query().index('by-key').where(WhereConditions.beginsWith('SKU-1:n')).getMany();
    expect(byKey.results.map((r) => r.key)).toEqual(['SKU-1:no-seq']);
  });

  it('selects a range with where and narrows with and/or filters', async () => {
    const between = await heads.query().index('by-issue', { partition: ['SKU-1'] }).where(WhereConditions.between(2, 4)).getMany();
    expect(between.results.map((r) => r.value.seq)).toEqual([2, 3]);
    const greater = await heads.query().index('seq').where(WhereConditions.greaterThan(2)).getMany();
    expect(greater.results.map((r) => r.value.seq)).toEqual([3, 5]);
    const live = await heads.query().index('by-issue', { partition: ['SKU-1'] }).filters(new Filter<Head>().and('live', FilterConditions.equalTo(true)).and('digest', FilterConditions.notEqualTo('d5'))).getMany();
    expect(live.results.map((r) => r.key)).toEqual(['SKU-1:r1', 'SKU-1:r3']);
    const either = await heads.query().index('seq').filters(new Filter<Head>().or('seq', FilterConditions.equalTo(1)).or('issue', FilterConditions.beginsWith('SKU-2'))).getMany();
    expect(either.results.map((r) => r.key)).toEqual(['SKU-1:r1', 'SKU-2:r2']);
  });

  it('matches every partition attribute of a multi-attribute partition', async () => {
    const one = await heads.query().index('by-record', { partition: ['SKU-1', 'r3'] }).getMany();
    expect(one.results.map((r) => r.key)).toEqual(['SKU-1:r3']);
  });

  it('pages with a cursor until no cursor comes back, every entity once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = heads.query().index('by-issue', { partition: ['SKU-1'] }).limit(3);
      const page = await (cursor === undefined ? query : query.cursor(cursor)).getMany();
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(seen).toEqual(['SKU-1:r1', 'SKU-1:r2', 'SKU-1:r3', 'SKU-1:r5']);
    expect(pages).toBe(2);
  });

  it('applies filters to the page it read, so a page may hold fewer results than the limit and still have a next page', async () => {
    const first = await heads.query().index('by-issue', { partition: ['SKU-1'] }).filters(new Filter<Head>().and('seq', FilterConditions.greaterThan(2))).limit(2).getMany();
    expect(first.results).toEqual([]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await heads.query().index('by-issue', { partition: ['SKU-1'] }).filters(new Filter<Head>().and('seq', FilterConditions.greaterThan(2))).limit(2).cursor(first.nextCursor!).getMany();
    expect(second.results.map((r) => r.key)).toEqual(['SKU-1:r3', 'SKU-1:r5']);
  });

  it("refuses queries Forge refuses, with Forge's codes", async () => {
    await expect(heads.query().index('by-issue').getMany()).rejects.toMatchObject({ code: 'INVALID_PARTITION' });
    await expect(heads.query().index('by-colour').getMany()).rejects.toMatchObject({ code: 'INVALID_ENTITY_INDEX' });
    await expect(heads.query().index('seq').limit(101).getMany()).rejects.toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
    await expect(heads.query().index('seq').limit(0).getMany()).rejects.toMatchObject({ code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE' });
    await expect(heads.query().index('seq').filters(new Filter<Head>().and('colour' as keyof Head, FilterConditions.exists())).getMany()).rejects.toMatchObject({ code: 'INVALID_ENTITY_ATTRIBUTE' });
    await expect(heads.query().index('seq').cursor('forged').getMany()).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    const other = await heads.query().index('seq').limit(1).getMany();
    await expect(heads.query().index('by-issue', { partition: ['SKU-1'] }).cursor(other.nextCursor!).getMany()).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('indexes entities stored before an index was declared once the manifest declares it (restart with a new manifest)', async () => {
    const withAuditIndex = parseEntityDeclarations({
      app: { storage: { entities: [ENTITIES[0], { ...ENTITIES[1], indexes: [...(ENTITIES[1]?.indexes ?? []), 'at'] }] } },
    });
    await kvs.entity('audit-entry').set('e1', { issue: 'SKU-1', at: '2026-01-02' });
    await kvs.entity('audit-entry').set('e2', { issue: 'SKU-2', at: '2026-01-01' });
    const before = store;
    try {
      store = new KvsStore(db, withAuditIndex);
      const byTime = await kvs.entity('audit-entry').query().index('at').getMany();
      expect(byTime.results.map((r) => r.key)).toEqual(['e2', 'e1']);
    } finally {
      store = before;
    }
  });
});

describe('an index query answers what a plain scan of the stored entities answers', () => {
  // The reference: every entity of the partition that has the range attribute, ordered by (range, key), then paged.
  const entityArb = fc.record({ issue: fc.constantFrom('SKU-1', 'SKU-2'), seq: fc.option(fc.integer({ min: -3, max: 6 }), { nil: undefined }), live: fc.boolean() });
  const whereArb = fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: -3, max: 6 }).map((n) => ({ at: n, condition: WhereConditions.greaterThanEqualTo(n), test: (s: number) => s >= n })),
    fc.integer({ min: -3, max: 6 }).map((n) => ({ at: n, condition: WhereConditions.lessThan(n), test: (s: number) => s < n })),
    fc.tuple(fc.integer({ min: -3, max: 6 }), fc.integer({ min: -3, max: 6 })).map(([a, b]) => ({ at: a, condition: WhereConditions.between(a, b), test: (s: number) => s >= a && s <= b })),
  );

  it('for random entities, ranges, sort orders, filters and page sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entityArb, { maxLength: 25 }), whereArb, fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 7 }), async (entities, where, descending, liveOnly, limit) => {
        db.exec('DELETE FROM kvs_entity; DELETE FROM kvs_entity_index');
        for (const [i, entity] of entities.entries()) await heads.set(`k${String(i).padStart(2, '0')}`, { issue: entity.issue, live: entity.live, ...(entity.seq === undefined ? {} : { seq: entity.seq }) });
        const expected = entities
          .map((entity, i) => ({ key: `k${String(i).padStart(2, '0')}`, ...entity }))
          .filter((e): e is typeof e & { seq: number } => e.issue === 'SKU-1' && e.seq !== undefined && (!where || where.test(e.seq)))
          .sort((a, b) => a.seq - b.seq || (a.key < b.key ? -1 : 1));
        if (descending) expected.reverse();
        const wanted = expected.filter((e) => !liveOnly || e.live).map((e) => e.key);

        const got: string[] = [];
        let cursor: string | undefined;
        do {
          let query = heads.query().index('by-issue', { partition: ['SKU-1'] }).limit(limit).sort(descending ? Sort.DESC : Sort.ASC);
          if (where) query = query.where(where.condition);
          if (liveOnly) query = query.filters(new Filter<Head>().and('live', FilterConditions.equalTo(true)));
          if (cursor !== undefined) query = query.cursor(cursor);
          const page = await query.getMany();
          got.push(...page.results.map((r) => r.key));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(got).toEqual(wanted);
      }),
      { numRuns: 60 },
    );
  });
});

describe('transactions with entity conditions', () => {
  it('applies a compare-and-set whose condition holds', async () => {
    await heads.set('SKU-1:numbers', { seq: 1, digest: 'a' });
    await kvs.transact().set<Head>('SKU-1:numbers', { seq: 2, digest: 'b' }, { entityName: 'record-head', conditions: seqIs(1) }).set('audit:1', 'recorded').execute();
    expect(await heads.get('SKU-1:numbers')).toEqual({ seq: 2, digest: 'b' });
    expect(await kvs.get('audit:1')).toBe('recorded');
  });

  it('applies nothing and answers 409 CONDITIONAL_CHECK_FAILED when one condition does not hold', async () => {
    await heads.set('SKU-1:numbers', { seq: 2, digest: 'b' });
    const late = kvs.transact().set<Head>('SKU-1:numbers', { seq: 2, digest: 'late' }, { entityName: 'record-head', conditions: seqIs(1) }).set('audit:late', 'should not land');
    await expect(late.execute()).rejects.toMatchObject({
      code: 'CONDITIONAL_CHECK_FAILED',
      responseDetails: { status: 409 },
      context: { operation: 'set', key: 'SKU-1:numbers', entityName: 'record-head' },
    });
    expect(await heads.get('SKU-1:numbers')).toEqual({ seq: 2, digest: 'b' });
    expect(await kvs.get('audit:late')).toBeUndefined();
  });

  it('creates only when absent: NOT_EXISTS holds for a key that does not exist, once', async () => {
    const create = () => kvs.transact().set<Head>('SKU-9:numbers', { seq: 1 }, { entityName: 'record-head', conditions: new Filter<Head>().and('seq', FilterConditions.notExists()) }).execute();
    await create();
    await expect(create()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED' });
  });

  it('fails every other condition on a key that does not exist, and a check of a missing key', async () => {
    const set = kvs.transact().set<Head>('SKU-8:numbers', { seq: 2 }, { entityName: 'record-head', conditions: seqIs(1) });
    await expect(set.execute()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED', message: expect.stringMatching(/does not exist/) as string });
    const check = kvs.transact().set('a', 1).check('SKU-8:numbers', { entityName: 'record-head', conditions: new Filter<Head>().and('seq', FilterConditions.notExists()) });
    await expect(check.execute()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED', context: { operation: 'check' } });
    expect(await kvs.get('a')).toBeUndefined();
  });

  it('checks another entity without writing it, and deletes only under its condition', async () => {
    await heads.set('SKU-1:config', { seq: 7 });
    await heads.set('SKU-1:old', { seq: 3 });
    await kvs.transact().check('SKU-1:config', { entityName: 'record-head', conditions: seqIs(7) }).delete('SKU-1:old', { entityName: 'record-head', conditions: seqIs(3) }).execute();
    expect(await heads.get('SKU-1:old')).toBeUndefined();
    await heads.set('SKU-1:old', { seq: 4 });
    await expect(kvs.transact().delete('SKU-1:old', { entityName: 'record-head', conditions: seqIs(3) }).execute()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED' });
    expect(await heads.get('SKU-1:old')).toEqual({ seq: 4 });
  });

  it('refuses an invalid write with 400 before it looks at conditions, and applies nothing', async () => {
    await heads.set('SKU-1:numbers', { seq: 1 });
    const bad = kvs.transact().set<Head>('SKU-1:numbers', { seq: 2 }, { entityName: 'record-head', conditions: seqIs(1) }).set('SKU-1:other', { seq: 'two' } as unknown as Head, { entityName: 'record-head' });
    await expect(bad.execute()).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE', responseDetails: { status: 400 } });
    expect(await heads.get('SKU-1:numbers')).toEqual({ seq: 1 });
  });

  it('lets exactly one of many writers holding the same sequence number win', async () => {
    await heads.set('SKU-1:numbers', { seq: 1, digest: 'start' });
    const writers = Array.from({ length: 8 }, (_, i) => kvs.transact().set<Head>('SKU-1:numbers', { seq: 2, digest: `writer-${i}` }, { entityName: 'record-head', conditions: seqIs(1) }).execute());
    const outcomes = await Promise.allSettled(writers);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === 'CONDITIONAL_CHECK_FAILED')).toHaveLength(7);
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
    expect(await heads.get('SKU-1:numbers')).toEqual({ seq: 2, digest: `writer-${winner}` });
  });

  it("refuses what Forge's transaction limits refuse", async () => {
    const tooMany = kvs.transact();
    for (let i = 0; i < 24; i++) tooMany.set(`k${i}`, i);
    tooMany.check('x', { entityName: 'record-head', conditions: seqIs(1) }).delete('y');
    await expect(tooMany.execute()).rejects.toMatchObject({ code: 'TOO_MANY_OPERATIONS' });
    await expect(kvs.transact().set('k', 1).delete('k').execute()).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    // The same key in the Key-Value Store and in an entity are two records.
    await kvs.transact().set('k', 1).set('k', { seq: 1 }, { entityName: 'record-head' }).execute();
    const conditionOnPlainKey = kvs.transact().set<Head>('plain', { seq: 1 }, { entityName: undefined as unknown as string, conditions: seqIs(1) });
    await expect(conditionOnPlainKey.execute()).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/custom entities only/) as string });
  });
});
