import { z } from 'zod/mini';
import { trackNewIssue } from '../app/track-new-issue';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { triggerPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

/** The parts of Jira's `avi:jira:created:issue` event the gate reads: which issue was created. */
const IssueCreatedEventSchema = lazySchema(() => z.object({
  issue: z.object({ id: z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), key: z.string().check(z.minLength(1)) }),
}));

/**
 * The `avi:jira:created:issue` trigger (manifest function `issue-created`): puts a new ticket of a gated project under
 * the gate (summary for JQL and the reviews queue, e-mails to its first stage's teams). Jira delivers the event after
 * the issue is created, so nothing here can undo the creation; still it never throws: a malformed event or a failure
 * is logged, and the ticket is picked up by its first panel action instead. The Forge context is not needed: the
 * event names the issue and the trigger acts as the app.
 *
 * @example
 * await issueCreated({ eventType: 'avi:jira:created:issue', issue: { id: '10042', key: 'SKU-42', fields: {} }, atlassianId: 'acc-pm' });
 */
export async function issueCreated(event: unknown): Promise<void> {
  const parsed = IssueCreatedEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Go-Live Gate ignored an issue-created event it could not read: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const { id, key } = parsed.data.issue;
  try {
    const outcome = await withDeadline(INVOCATION_BUDGET_MS.resolver, () => trackNewIssue(triggerPorts(), String(id)));
    if (!outcome.tracked) return;
    for (const failed of outcome.notifications.filter((n) => n.result === 'failed')) {
      console.warn(`Go-Live Gate could not notify ${failed.team} about ${key} (retried on its next write): ${failed.error ?? 'unknown error'}`);
    }
  } catch (error) {
    console.error(`Go-Live Gate could not track the new issue ${key}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
