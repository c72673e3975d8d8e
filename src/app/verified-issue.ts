import type { GateConfig } from '../gate/config';
import type { RecordSet } from '../gate/integrity';
import { readRecords } from '../gate/integrity';
import type { GateSnapshot } from '../gate/records';
import { isRecordProperty } from '../gate/records';
import type { IssueView, PanelPorts, RecordHead } from '../ports';

export type Heads = Readonly<Record<string, RecordHead>>;

/**
 * One read of an issue and of what the app wrote for it, verified once: every step of a request (decide, write, summary,
 * view) decides from this value instead of verifying the records again.
 */
export interface VerifiedIssue {
  readonly issue: IssueView;
  readonly heads: Heads;
  readonly snapshot: GateSnapshot;
  readonly records: RecordSet;
}

/**
 * What the pure rules read: the issue's raw properties (untrusted), and the digest and record of each head (trusted).
 *
 * @example
 * evaluateStage(config, 'go-live', snapshotOf(issue, heads), now)
 */
export function snapshotOf(issue: IssueView, heads: Heads): GateSnapshot {
  const target = issue.fixVersions === undefined ? {} : { targetRelease: issue.fixVersions };
  const linked = issue.linkedTickets?.map((ticket) => ({ issue: { id: ticket.id, key: ticket.key }, properties: ticket.properties, ...headsOf(ticket.heads) }));
  return { issue: { id: issue.id, key: issue.key, reporterAccountId: issue.reporterAccountId, status: issue.status, ...target }, properties: issue.properties, ...headsOf(heads), ...(linked && { linked }) };
}

/** The digest and the record of each head, as the pure rules read them. */
function headsOf(heads: Heads): Pick<GateSnapshot, 'digests' | 'written'> {
  const digests: Record<string, string> = {};
  const written: Record<string, unknown> = {};
  for (const [key, head] of Object.entries(heads)) {
    digests[key] = head.digest;
    if (head.record !== undefined) written[key] = head.record;
  }
  return { digests, written };
}

/**
 * Verifies an issue's records against the heads once, for the rest of the request.
 *
 * @example
 * const verified = verifyIssue(config, issue, heads);
 * evaluateAll(config, verified.snapshot, now, { records: verified.records });
 */
export function verifyIssue(config: GateConfig, issue: IssueView, heads: Heads): VerifiedIssue {
  const snapshot = snapshotOf(issue, heads);
  return { issue, heads, snapshot, records: readRecords(config, snapshot) };
}

/**
 * Completes the heads read from KVS with the digests schema version 1 kept, for record properties that have no head
 * yet: one more KVS query, made only for issues the app last wrote before version 2 (or holding a forged property).
 *
 * @example
 * const heads = await withLegacyDigests(ports, issue, await ports.records.heads(issue.id));
 */
export async function withLegacyDigests(ports: Pick<PanelPorts, 'records'>, issue: IssueView, heads: Heads): Promise<Heads> {
  if (!Object.keys(issue.properties).some((key) => isRecordProperty(key) && !Object.hasOwn(heads, key))) return heads;
  const legacy = await ports.records.legacyDigests(issue.id);
  const completed: Record<string, RecordHead> = { ...heads };
  for (const [key, digest] of Object.entries(legacy)) {
    if (!Object.hasOwn(completed, key)) completed[key] = { seq: 0, digest };
  }
  return completed;
}

/**
 * The issue (with the custom fields named, `customFieldIdsOf(config)`) and its heads, read at once (one Jira request,
 * one KVS query; one more for version-1 records).
 *
 * @example
 * const { issue, heads } = await readIssueState(ports, '10001');
 */
export async function readIssueState(ports: Pick<PanelPorts, 'issues' | 'records'>, issueId: string, customFields?: readonly string[]): Promise<{ readonly issue: IssueView; readonly heads: Heads }> {
  const [issue, heads] = await Promise.all([ports.issues.getIssue(issueId, customFields), ports.records.heads(issueId)]);
  return { issue, heads: await withLegacyDigests(ports, issue, heads) };
}

/**
 * The issue found by its key (a search answer names tickets by key), then its heads by its id: two steps, as the heads
 * are kept by issue id.
 *
 * @example
 * const { issue, heads } = await readIssueStateByKey(ports, 'SKU-42');
 */
export async function readIssueStateByKey(ports: Pick<PanelPorts, 'issues' | 'records'>, issueKey: string, customFields?: readonly string[]): Promise<{ readonly issue: IssueView; readonly heads: Heads }> {
  const issue = await ports.issues.getIssue(issueKey, customFields);
  return { issue, heads: await withLegacyDigests(ports, issue, await ports.records.heads(issue.id)) };
}
