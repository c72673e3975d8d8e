import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import type { AuditEvent } from '../contract';
import { ConflictError } from '../errors';
import type { ReviewEvent, ReviewEventKind, ReviewEventOf } from '../gate/review-history';
import { isKind, ReviewEventSchema } from '../gate/review-history';
import type { ReviewHistory } from '../ports';
import { auditEventKey } from './audit-log';
import { allPages, kvsCall } from './kvs-calls';

/** The custom entity of manifest.yml (`app.storage.entities`) that holds the review history. */
export const REVIEW_EVENT_ENTITY = 'review-event';
const BY_PROJECT_KIND = 'by-project-kind';
const BY_ISSUE_KIND = 'by-issue-kind';

/** An event as stored: the attributes the manifest declares, the index's partition and range among them. */
export interface StoredReviewEvent {
  readonly projectId: string;
  readonly kind: ReviewEventKind;
  readonly at: string;
  readonly issueId: string;
  readonly event: ReviewEvent;
}

/** One key per issue, kind and event id: a retried write lands on the same key with the same value. */
export const reviewEventKey = (event: ReviewEvent): string => `${event.issueId}:${event.kind}:${event.id}`;

/** The stored form of an event (what a transaction sets under reviewEventKey). */
export const storedReviewEvent = (event: ReviewEvent): StoredReviewEvent => ({ projectId: event.projectId, kind: event.kind, at: event.at, issueId: event.issueId, event });

const PAGE_SIZE = 100;
/** 10,000 events of one kind per period and project: far more than a year of any gate's reviews. */
const MAX_PAGES = 100;
/** 1,000 events of one kind on one ticket. */
const MAX_ISSUE_PAGES = 10;

/** The review history in a Forge KVS custom entity indexed by project and kind, ordered by time. */
export class KvsReviewHistory implements ReviewHistory {
  async list<K extends ReviewEventKind>(projectId: string, kind: K, from: string, to: string): Promise<ReviewEventOf<K>[]> {
    const results = await allPages((cursor) =>
      kvsCall(() => {
        const query = kvs.entity<StoredReviewEvent>(REVIEW_EVENT_ENTITY).query().index(BY_PROJECT_KIND, { partition: [projectId, kind] }).where(WhereConditions.between(from, to)).limit(PAGE_SIZE);
        return (cursor === undefined ? query : query.cursor(cursor)).getMany();
      }, 'read the review history'),
      MAX_PAGES,
    );
    return results.flatMap(({ value }) => {
      const parsed = ReviewEventSchema.safeParse(value.event);
      // `between` includes its end; the period excludes it.
      return parsed.success && parsed.data.at < to && isKind(parsed.data, kind) ? [parsed.data] : [];
    });
  }

  async listForIssue<K extends ReviewEventKind>(issueId: string, kind: K): Promise<ReviewEventOf<K>[]> {
    const results = await allPages((cursor) =>
      kvsCall(() => {
        const query = kvs.entity<StoredReviewEvent>(REVIEW_EVENT_ENTITY).query().index(BY_ISSUE_KIND, { partition: [issueId, kind] }).limit(PAGE_SIZE);
        return (cursor === undefined ? query : query.cursor(cursor)).getMany();
      }, 'read the ticket’s review history'),
      MAX_ISSUE_PAGES,
    );
    return results.flatMap(({ value }) => {
      const parsed = ReviewEventSchema.safeParse(value.event);
      return parsed.success && isKind(parsed.data, kind) ? [parsed.data] : [];
    });
  }

  async append(event: ReviewEvent, audit?: AuditEvent): Promise<void> {
    // Only while the key is free: a redelivered event never moves the moment first recorded.
    const absent = new Filter<StoredReviewEvent>().and('at', FilterConditions.notExists());
    try {
      await kvsCall(() => {
        const transaction = kvs.transact().set(reviewEventKey(event), storedReviewEvent(event), { entityName: REVIEW_EVENT_ENTITY, conditions: absent });
        if (audit !== undefined) transaction.set(auditEventKey(audit), audit);
        return transaction.execute();
      }, 'record the review event');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
