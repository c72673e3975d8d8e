import type { StageEntryEvent } from '../gate/review-history';
import { stagesEnteredIn } from '../gate/review-history';
import type { StageEntryPorts } from '../ports';

/** A ticket moved into a status (or was created in it), as a Jira issue event tells it. */
export interface StatusEntry {
  readonly projectId: string;
  readonly issueId: string;
  readonly issueKey: string;
  /** The status's name, as the changelog's `toString` (or the created issue's status) has it. */
  readonly status: string;
  /** Names the change: the changelog id, or `created`; a redelivered event stores nothing new. */
  readonly changeId: string;
  readonly by?: string | undefined;
}

/**
 * Records that a ticket entered the review of every stage whose transition leaves from the status it moved into, in
 * the project's review history (the reviews page measures waits from it). A project without a gate, or
 * a status no stage leaves from, records nothing. One KVS read (the configuration) and one transaction per stage entered.
 *
 * @example
 * await recordStageEntry(ports, { projectId: '10000', issueId: '10001', issueKey: 'SKU-1', status: 'In Review', changeId: '10077', by: 'acc-pm' });
 * // [{ kind: 'stage-entered', stage: 'promote-to-prod', status: 'In Review', at: '2026-01-05T09:00:00.000Z', ... }]
 */
export async function recordStageEntry(ports: StageEntryPorts, entry: StatusEntry): Promise<StageEntryEvent[]> {
  const stored = await ports.configs.get(entry.projectId);
  if (stored === undefined) return [];
  const at = ports.clock.now().toISOString();
  const events = stagesEnteredIn(stored.config, entry.status).map(
    (stage): StageEntryEvent => ({
      kind: 'stage-entered', projectId: entry.projectId, issueId: entry.issueId, issueKey: entry.issueKey, at, id: `${stage}:${entry.changeId}`, stage, status: entry.status,
      ...(entry.by !== undefined && { by: entry.by }),
    }),
  );
  // The history is the record (only the app writes it, each entry once); the issue's audit trail keeps to what people
  // and the app did to the gate's records, so a status change adds nothing there.
  for (const event of events) await ports.history.append(event);
  return events;
}
