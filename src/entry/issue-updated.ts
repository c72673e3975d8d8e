import { z } from 'zod/mini';
import type { TicketChangeOutcome } from '../app/release-changed';
import { reevaluateAfterReleaseChange, reevaluateAfterTicketChange } from '../app/release-changed';
import type { IssueEventPorts } from '../ports';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { triggerPorts } from './composition-root';
import { stageEntered } from './stage-entry';
import { statusChanged } from './status-changed';
import { lazySchema } from '../gate/lazy-schema';

/** The parts of `avi:jira:updated:issue` this dispatcher reads: the issue and which fields the changelog names. */
const IssueUpdatedSchema = lazySchema(() => z.object({
  issue: z.object({ id: z.pipe(z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), z.transform(String)), key: z.string().check(z.minLength(1)) }),
  changelog: z.optional(z.object({ items: z.array(z.object({ field: z.string(), fieldId: z.optional(z.string()) })) })),
}));

/** Jira names a field by id (`fixVersions`) and by name (`Fix Version`): either counts. */
const changed = (items: readonly { field: string; fieldId?: string | undefined }[], fieldId: string, name: string): boolean =>
  items.some((item) => (item.fieldId ?? item.field) === fieldId || item.field === name);

/**
 * The gate evaluated again after an edit (`what`: "its release changed"), logging instead of throwing: a team it could
 * not tell is told on the ticket's next write, and the edit itself cannot be undone.
 */
async function evaluateAgain(issue: { id: string; key: string }, what: string, reevaluate: (ports: IssueEventPorts, issueId: string) => Promise<TicketChangeOutcome>): Promise<void> {
  try {
    const outcome = await withDeadline(INVOCATION_BUDGET_MS.resolver, () => reevaluate(triggerPorts(), issue.id));
    if (!outcome.tracked) return;
    for (const failed of outcome.notifications.filter((n) => n.result === 'failed')) {
      console.warn(`Go-Live Gate could not tell ${failed.team} about ${issue.key} after ${what} (retried on its next write): ${failed.error ?? 'unknown error'}`);
    }
  } catch (error) {
    console.error(`Go-Live Gate could not evaluate ${issue.key} again after ${what}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}

/** Fields the gate judges a ticket by: its scope and teams' conditions (issue type, labels, components). */
const JUDGED_FIELDS = [
  ['issuetype', 'issuetype'],
  ['labels', 'labels'],
  ['components', 'Component'],
] as const;

/** Whether the edit touched what the gate judges: a judged field, or a custom field (approvers or a condition may read it). */
const judgedFieldChanged = (items: readonly { field: string; fieldId?: string | undefined }[]): boolean =>
  JUDGED_FIELDS.some(([id, name]) => changed(items, id, name)) || items.some((item) => (item.fieldId ?? '').startsWith('customfield_'));

/**
 * The one `avi:jira:updated:issue` trigger (manifest function `issue-updated`), dispatching on the changelog: a status
 * change writes the service assurance again (statusChanged) and may begin a stage's review (stageEntered); a fix
 * version change evaluates the gate again (the target release its approvals cover), and so does an edit to its issue
 * type, labels, components or a custom field (scope, conditions, approvers from a field). Other edits cost nothing. Each
 * part logs its own failure and never throws: the edit cannot be undone.
 *
 * @example
 * await issueUpdated({ eventType: 'avi:jira:updated:issue', issue: { id: '10003', key: 'SKU-3', fields: { project: { id: '10000' } } }, changelog: { id: '7', items: [{ field: 'Fix Version', fieldId: 'fixVersions' }] } });
 */
export async function issueUpdated(event: unknown): Promise<void> {
  const parsed = IssueUpdatedSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Go-Live Gate ignored an issue-updated event it could not read: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const items = parsed.data.changelog?.items ?? [];
  const work: Promise<void>[] = [];
  if (changed(items, 'status', 'status')) work.push(statusChanged(event), stageEntered(event));
  // A release change evaluates the gate again anyway (and tells the reporter); other judged edits only re-evaluate.
  if (changed(items, 'fixVersions', 'Fix Version')) work.push(evaluateAgain(parsed.data.issue, 'its release changed', reevaluateAfterReleaseChange));
  else if (judgedFieldChanged(items)) work.push(evaluateAgain(parsed.data.issue, 'its fields changed', reevaluateAfterTicketChange));
  await Promise.all(work);
}
