import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod/mini';
import type { RecordHead, RecordStore, RecordWrite } from '../ports';
import { auditEventKey } from './audit-log';
import { allPages, kvsCall } from './kvs-calls';
import { REVIEW_EVENT_ENTITY, reviewEventKey, storedReviewEvent } from './review-history';
import { lazySchema } from '../gate/lazy-schema';

/** The custom entity of manifest.yml (`app.storage.entities`) that holds the head of every record the app wrote. */
export const RECORD_ENTITY = 'gate-record';
const BY_ISSUE = 'by-issue';

/** A head as stored: exactly the attributes the manifest declares. */
const HeadValueSchema = lazySchema(() => z.object({ issueId: z.string(), propertyKey: z.string(), seq: z.number().check(z.int(), z.gte(1)), digest: z.string(), record: z.unknown() }));
type HeadValue = z.infer<typeof HeadValueSchema>;

const headKey = (issueId: string, propertyKey: string): string => `${issueId}:${propertyKey}`;
/** Where schema version 1 kept the digest of each record (commit 5cba5e6 and before). */
const legacyPrefix = (issueId: string): string => `digest:${issueId}:`;

/** KVS answers at most 100 results per query: one page holds every record of a usual issue (teams, numbers, answers, overrides). */
const PAGE_SIZE = 100;
/** Enough pages for the largest configuration (200 teams, 20 stage overrides, numbers, answers). */
const MAX_PAGES = 5;

/**
 * The heads of the app's records in a Forge KVS custom entity, `<issueId>:<propertyKey>`, indexed by issue. Each write
 * is a transaction that sets the head on the condition that its sequence is still the one the writer read, and stores
 * the write's audit event with it.
 */
export class KvsRecordStore implements RecordStore {
  async heads(issueId: string): Promise<Record<string, RecordHead>> {
    const results = await allPages((cursor) =>
      kvsCall(() => {
        const query = kvs.entity<HeadValue>(RECORD_ENTITY).query().index(BY_ISSUE, { partition: [issueId] }).limit(PAGE_SIZE);
        return (cursor === undefined ? query : query.cursor(cursor)).getMany();
      }, 'read the records the app wrote'),
      MAX_PAGES,
    );
    const heads: Record<string, RecordHead> = {};
    for (const { value } of results) {
      const head = HeadValueSchema.safeParse(value);
      // Only the app writes these; a value of another shape can only come from a bug, and is left out (fail closed).
      if (head.success) heads[head.data.propertyKey] = { seq: head.data.seq, digest: head.data.digest, record: head.data.record };
    }
    return heads;
  }

  async legacyDigests(issueId: string): Promise<Record<string, string>> {
    const prefix = legacyPrefix(issueId);
    const results = await allPages((cursor) =>
      kvsCall(() => {
        const query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE_SIZE);
        return (cursor === undefined ? query : query.cursor(cursor)).getMany<unknown>();
      }, 'read the record digests of version 1'),
      MAX_PAGES,
    );
    return Object.fromEntries(results.flatMap(({ key, value }) => (typeof value === 'string' ? [[key.slice(prefix.length), value]] : [])));
  }

  async commit(write: RecordWrite): Promise<void> {
    const head: HeadValue = { issueId: write.issueId, propertyKey: write.propertyKey, seq: write.replaces + 1, digest: write.digest, record: write.record };
    const unchanged = new Filter<HeadValue>().and('seq', write.replaces === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(write.replaces));
    await kvsCall(() => {
      const transaction = kvs
        .transact()
        .set(headKey(write.issueId, write.propertyKey), head, { entityName: RECORD_ENTITY, conditions: unchanged })
        .set(auditEventKey(write.event), write.event);
      for (const event of write.history ?? []) transaction.set(reviewEventKey(event), storedReviewEvent(event), { entityName: REVIEW_EVENT_ENTITY });
      return transaction.execute();
    }, 'record the write');
  }
}
