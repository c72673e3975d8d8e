import type { AuditEvent, GateView } from '../contract';
import type { GateRecord } from '../gate/records';
import { propertyKeyOf, SUMMARY_PROPERTY } from '../gate/records';
import type { GateRecordV2 } from '../gate/v2/records';
import { propertyKeyOfV2, recordDigest } from '../gate/v2/records';
import { historyEventOf } from '../gate/review-history';
import { PROPERTY_VALUE_LIMIT } from '../gate/summary';
import type { Caller, PanelPorts } from '../ports';
import { ConflictError, PropertyTooLargeError, UnavailableError } from '../errors';
import { buildGateView } from './gate-view';
import type { ConfiguredContext } from './issue-context';
import { gateFactsOf } from './gate-facts';
import { notifyTeams } from './notify-teams';
import { refreshSummary } from './summary-refresh';
import type { VerifiedIssue } from './verified-issue';
import { verifyIssue, withLegacyDigests } from './verified-issue';

/** What the audit trail says about a write, beyond who, when and which issue. */
export type AuditEntry = Pick<AuditEvent, 'action' | 'team' | 'stage' | 'detail'>;

/** Any record the app writes: model v1's, or one of model v2's own (a per-stage decision, a waiver, a pass). */
export type WritableRecord = GateRecord | GateRecordV2;

/** A record to write and what the trail says about it, built from the freshest verified state of the issue. */
export interface Draft {
  readonly record: WritableRecord;
  readonly entry: AuditEntry;
}

/** The property a record of either model lives in: model v2's records say `schemaVersion: 2`, v1's never do. */
function propertyOf(record: WritableRecord): string {
  return 'schemaVersion' in record && record.schemaVersion === 2 ? propertyKeyOfV2(record) : propertyKeyOf(record as GateRecord);
}

/**
 * How often a write re-reads and tries again when someone else wrote the same key first. Each retry means another
 * writer succeeded, so with a handful of people on one record this is plenty; past it the caller is told to try again.
 */
export const MAX_WRITE_ATTEMPTS = 6;

function refuseTooLarge(record: WritableRecord): void {
  const length = JSON.stringify(record).length;
  if (length > PROPERTY_VALUE_LIMIT) {
    throw new PropertyTooLargeError(
      `This record would be ${length.toLocaleString('en-US')} characters; a Jira issue property holds at most ${PROPERTY_VALUE_LIMIT.toLocaleString('en-US')}. Shorten the text; nothing was saved.`,
    );
  }
}

/** Records the outcome of a write in its audit event; the write itself stands either way, so a failure here is only logged. */
async function settle(ports: PanelPorts, event: AuditEvent): Promise<void> {
  try {
    await ports.audit.settle(event);
  } catch (error) {
    console.warn(`Go-Live Gate: the outcome of ${event.id ?? 'a write'} could not be recorded:`, error instanceof Error ? error.message : error);
  }
}

/** The record a write replaces, as the app wrote it: its head's, or for a digest of schema version 1 the verified property. */
function replacedRecord(verified: VerifiedIssue, propertyKey: string): unknown {
  const head = verified.heads[propertyKey];
  if (head === undefined) return undefined;
  if (head.record !== undefined) return head.record;
  return verified.records.unverified.some((u) => u.propertyKey === propertyKey) ? undefined : verified.issue.properties[propertyKey];
}

/**
 * Commits the head of one record with compare-and-set: `draft` builds the record from the verified state (so a retry
 * re-merges and re-checks permissions against what others just wrote); the head is set only while it is still the one
 * read. A conflict re-reads the heads and tries again; when the head read back is this very write (an earlier attempt
 * landed but its answer was lost), it is done.
 */
async function commitHead(ports: PanelPorts, caller: Caller, context: ConfiguredContext, propertyKey: string, draft: (verified: VerifiedIssue) => Draft, now: Date) {
  let verified = context.verified;
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const { record, entry } = draft(verified);
    if (propertyOf(record) !== propertyKey) throw new Error(`A draft for ${propertyKey} built a record for ${propertyOf(record)}`);
    refuseTooLarge(record);
    const digest = recordDigest(record);
    const replaces = verified.heads[propertyKey]?.seq ?? 0;
    const seq = replaces + 1;
    const event: AuditEvent = { issueId: verified.issue.id, at: now.toISOString(), actor: caller.accountId, ...entry, id: `${propertyKey}#${seq}`, propertyKey, seq, outcome: 'pending' };
    try {
      const where = { projectId: verified.issue.projectId, issueKey: verified.issue.key };
      const history = [historyEventOf(replacedRecord(verified, propertyKey), { ...where, seq: replaces }), historyEventOf(record, { ...where, seq })].flatMap((e) => e ?? []);
      await ports.records.commit({ issueId: verified.issue.id, propertyKey, replaces, digest, record, event, history });
      return { record, digest, seq, event, verified };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const heads = await withLegacyDigests(ports, verified.issue, await ports.records.heads(verified.issue.id));
      const head = heads[propertyKey];
      if (head?.seq === seq && head.digest === digest) return { record, digest, seq, event, verified };
      verified = verifyIssue(context.stored.config, verified.issue, heads);
    }
  }
  throw new ConflictError('Others changed this record at the same moment, again and again; nothing was saved. Try again.');
}

/**
 * Writes one record the way every panel action does:
 * 1. build the record from the verified state and refuse one that would not fit in an issue property;
 * 2. commit its head to KVS with its audit event (pending) in one transaction, compare-and-set on the head's sequence:
 *    a late or concurrent write never replaces a newer one, and a conflict re-reads, re-builds and tries again;
 * 3. the property (the mirror); its failure is recorded in the audit event and reported, and the record shows as
 *    unverified until written again;
 * 4. the summary, verified against a fresh read, converging the mirror of this key to the newest head; the audit event
 *    says the write applied; 5. e-mails to the teams the gate now waits on (at most once each; a failure to send never
 *    fails the write).
 * Answers the panel's view from the fresh read, so the panel needs no second load.
 *
 * @example
 * return writeRecord(ports, caller, context, teamProperty('cee'), (verified) => ({ record: decisionFrom(verified), entry }), now);
 */
export async function writeRecord(
  ports: PanelPorts,
  caller: Caller,
  context: ConfiguredContext,
  propertyKey: string,
  draft: (verified: VerifiedIssue) => Draft,
  now: Date,
): Promise<GateView> {
  const { issue, stored } = context;
  const { record, digest, seq, event, verified } = await commitHead(ports, caller, context, propertyKey, draft, now);
  try {
    await ports.issues.putProperty(issue.id, propertyKey, record);
  } catch (error) {
    const how = error instanceof Error ? error.message : String(error);
    await settle(ports, { ...event, outcome: 'failed', outcomeDetail: `The record was not put on the issue, so it does not count until it is written again: ${how}` });
    throw error;
  }

  const applied: AuditEvent = { ...event, outcome: 'applied' };
  const properties = { ...verified.issue.properties, [propertyKey]: record };
  const written = verifyIssue(stored.config, { ...verified.issue, properties }, { ...verified.heads, [propertyKey]: { seq, digest, record } });
  const refreshed = refreshSummary(ports, stored, written, now, { propertyKey, seq }).catch((error: unknown) => {
    // The record and its audit event are stored; a stale summary only affects JQL, and the next write brings it up to date.
    if (error instanceof UnavailableError) return written;
    throw error;
  });
  const [fresh] = await Promise.all([refreshed, settle(ports, applied)]);
  if (ports.notify) {
    const notified = { id: issue.id, key: issue.key, title: issue.summary };
    await notifyTeams(ports.notify, gateFactsOf(stored.configV2, fresh), now, notified, issue.properties[SUMMARY_PROPERTY], fresh.issue.properties[SUMMARY_PROPERTY]);
  }
  const audit = { events: [applied, ...context.audit.events], nextCursor: context.audit.nextCursor };
  return buildGateView({ ...context, issue: fresh.issue, heads: fresh.heads, verified: fresh, audit }, caller, now);
}
