import type { AuditEvent, GateView } from '../contract';
import { digestOf } from '../gate/digest';
import type { GateRecord } from '../gate/records';
import { propertyKeyOf, SUMMARY_PROPERTY } from '../gate/records';
import { PROPERTY_VALUE_LIMIT } from '../gate/summary';
import type { Caller, PanelPorts, StoredConfig } from '../ports';
import { PropertyTooLargeError, UnavailableError } from '../errors';
import { buildGateView } from './gate-view';
import type { IssueContext } from './issue-context';
import { notifyTeams } from './notify-teams';
import { refreshSummary } from './summary-refresh';

/** What the audit trail says about a write, beyond who, when and which issue. */
export type AuditEntry = Pick<AuditEvent, 'action' | 'team' | 'stage' | 'detail'>;

/**
 * Writes one record the way every panel action does:
 * 1. refuse a record that would not fit in an issue property, before anything is stored;
 * 2. the digest and the audit event to KVS first, in one transaction, then the property: once a record is superseded
 *    (say, an approval revoked), the old property can never match again, even if the property write then fails; that
 *    failure shows as unverified, repaired by writing again;
 * 3. the summary, verified against a fresh read; 4. e-mails to the teams the gate now waits on
 *    (sent at most once each; a failure to send never fails the write).
 * Answers the panel's view from the fresh read, so the panel needs no second load.
 *
 * @example
 * return writeRecord(ports, caller, { ...context, stored }, decision, { action: 'decide', team: 'cee', detail: 'approved' }, now);
 */
export async function writeRecord(
  ports: PanelPorts,
  caller: Caller,
  context: IssueContext & { readonly stored: StoredConfig },
  record: GateRecord,
  entry: AuditEntry,
  now: Date,
): Promise<GateView> {
  const { issue, digests, stored } = context;
  const propertyKey = propertyKeyOf(record);
  const length = JSON.stringify(record).length;
  if (length > PROPERTY_VALUE_LIMIT) {
    throw new PropertyTooLargeError(
      `This record would be ${length.toLocaleString('en-US')} characters; a Jira issue property holds at most ${PROPERTY_VALUE_LIMIT.toLocaleString('en-US')}. Shorten the text; nothing was saved.`,
    );
  }
  const digest = digestOf(record);
  const event: AuditEvent = { issueId: issue.id, at: now.toISOString(), actor: caller.accountId, ...entry };
  await ports.digests.put(issue.id, propertyKey, digest, event);
  await ports.issues.putProperty(issue.id, propertyKey, record);

  const written = { issue: { ...issue, properties: { ...issue.properties, [propertyKey]: record } }, digests: { ...digests, [propertyKey]: digest } };
  let fresh = written;
  try {
    fresh = await refreshSummary(ports, stored.config, written, now);
  } catch (error) {
    // The record and its audit event are stored; a stale summary only affects JQL, and the next write brings it up to date.
    if (!(error instanceof UnavailableError)) throw error;
  }
  if (ports.notify) {
    const notified = { id: issue.id, key: issue.key, title: issue.summary };
    await notifyTeams(ports.notify, stored.config, notified, issue.properties[SUMMARY_PROPERTY], fresh.issue.properties[SUMMARY_PROPERTY]);
  }
  const audit = { events: [event, ...context.audit.events], nextCursor: context.audit.nextCursor };
  return buildGateView({ ...context, ...fresh, audit }, caller, now);
}
