import { kvs, WhereConditions } from '@forge/kvs';
import type { DigestStore } from '../ports';
import type { AuditEvent } from '../contract';
import { auditEventKey } from './audit-log';
import { kvsCall } from './kvs-calls';

const prefix = (issueId: string): string => `digest:${issueId}:`;

/** KVS answers at most 100 keys per query: one page holds every record of a usual issue (teams, numbers, answers, overrides). */
const PAGE_SIZE = 100;
/** Enough pages for the largest configuration (200 teams, 20 stage overrides, numbers, answers). */
const MAX_PAGES = 5;

/** The digest of every record the app wrote, in Forge KVS where only the app can write: `digest:<issueId>:<propertyKey>`. */
export class KvsDigestStore implements DigestStore {
  async getAll(issueId: string): Promise<Record<string, string>> {
    const digests: Record<string, string> = {};
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = kvs.query().where('key', WhereConditions.beginsWith(prefix(issueId))).limit(PAGE_SIZE);
      const after = cursor;
      const { results, nextCursor } = await kvsCall(() => (after === undefined ? query : query.cursor(after)).getMany<unknown>(), 'read the record digests');
      for (const { key, value } of results) {
        if (typeof value === 'string') digests[key.slice(prefix(issueId).length)] = value;
      }
      if (nextCursor === undefined) break;
      cursor = nextCursor;
    }
    return digests;
  }

  async put(issueId: string, propertyKey: string, digest: string, event: AuditEvent): Promise<void> {
    const eventKey = auditEventKey(event);
    await kvsCall(() => kvs.transact().set(`${prefix(issueId)}${propertyKey}`, digest).set(eventKey, event).execute(), 'record the digest');
  }
}
