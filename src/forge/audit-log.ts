import { kvs, WhereConditions } from '@forge/kvs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod/mini';
import type { AuditLog } from '../ports';
import type { AuditEvent, AuditPage } from '../contract';
import { ValidationError } from '../errors';
import { kvsCall, StorageRefusedError } from './kvs-calls';
import { lazySchema } from '../gate/lazy-schema';

const prefix = (issueId: string): string => `audit:${issueId}:`;

/** Larger than any epoch millisecond until the year 2286, so `LATEST - ms` is non-negative and 13 digits wide. */
const LATEST = 9_999_999_999_999;

/**
 * KVS lists keys in ascending order, so an inverted, zero-padded timestamp lists the newest event first. The event's
 * `id` ends the key, so an event is stored again under the same key when its outcome is known; an event without one
 * gets a random suffix, which keeps two events of the same millisecond apart.
 */
export function auditEventKey(event: AuditEvent): string {
  const ms = Date.parse(event.at);
  const inverted = String(LATEST - (Number.isFinite(ms) ? ms : 0)).padStart(13, '0');
  return `${prefix(event.issueId)}${inverted}:${event.id ?? randomBytes(6).toString('hex')}`;
}

/** KVS answers at most 100 keys per query. */
const MAX_PAGE_SIZE = 100;

const AuditEventSchema = lazySchema(() => z.object({
  issueId: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  team: z.optional(z.string()),
  stage: z.optional(z.string()),
  detail: z.string(),
  id: z.optional(z.string()),
  propertyKey: z.optional(z.string()),
  seq: z.optional(z.number().check(z.int())),
  outcome: z.optional(z.enum(['pending', 'applied', 'failed'])),
  outcomeDetail: z.optional(z.string()),
}));

/** The audit trail in Forge KVS: one key per event, so concurrent events never overwrite each other. */
export class KvsAuditLog implements AuditLog {
  async append(event: AuditEvent): Promise<void> {
    const key = auditEventKey(event);
    await kvsCall(() => kvs.set(key, event), 'record the audit event');
  }

  async settle(event: AuditEvent): Promise<void> {
    if (event.id === undefined) throw new Error('Only an event with an id can be settled: it names the key to write again.');
    const key = auditEventKey(event);
    await kvsCall(() => kvs.set(key, event), 'record the outcome of the write');
  }

  async list(issueId: string, limit: number, cursor?: string): Promise<AuditPage> {
    const query = kvs.query().where('key', WhereConditions.beginsWith(prefix(issueId))).limit(Math.min(Math.max(limit, 1), MAX_PAGE_SIZE));
    const { results, nextCursor } = await kvsCall(() => (cursor === undefined ? query : query.cursor(cursor)).getMany<unknown>(), 'read the audit trail').catch(
      (error: unknown) => {
        // A cursor is opaque: one KVS did not issue (typed by hand, or from another trail) is bad input, not a failure.
        if (cursor !== undefined && error instanceof StorageRefusedError) {
          throw new ValidationError('This audit trail page no longer exists; reload the audit trail.', [{ path: 'cursor', message: 'is not a cursor of this audit trail' }]);
        }
        throw error;
      },
    );
    const events = results.flatMap(({ value }) => {
      const parsed = AuditEventSchema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
    return { events, nextCursor };
  }
}
