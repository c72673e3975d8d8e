import { z } from 'zod/mini';
import { refreshAssurance } from '../app/refresh-assurance';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { triggerPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

/** The parts of Jira's `avi:jira:updated:issue` event the gate reads: which issue, and whether its status changed. */
const IssueUpdatedEventSchema = lazySchema(() => z.object({
  issue: z.object({ id: z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), key: z.string().check(z.minLength(1)) }),
  changelog: z.optional(z.object({ items: z.array(z.object({ field: z.string() })) })),
}));

/**
 * Part of the `avi:jira:updated:issue` trigger (issueUpdated, manifest function `issue-updated`): when a ticket's status changes (a gated
 * transition went through), its service assurance is written again (`golive-gate.assurance`), so JQL follows the
 * stages it has passed. Other edits are ignored. Like the issue-created trigger it never throws: a failure is logged.
 *
 * @example
 * await statusChanged({ eventType: 'avi:jira:updated:issue', issue: { id: '10003', key: 'SKU-3' }, changelog: { items: [{ field: 'status' }] } });
 */
export async function statusChanged(event: unknown): Promise<void> {
  const parsed = IssueUpdatedEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Go-Live Gate ignored an issue-updated event it could not read: ${z.prettifyError(parsed.error)}`);
    return;
  }
  if (!(parsed.data.changelog?.items.some((item) => item.field === 'status') ?? false)) return;
  const { id, key } = parsed.data.issue;
  try {
    await withDeadline(INVOCATION_BUDGET_MS.resolver, () => refreshAssurance(triggerPorts(), String(id)));
  } catch (error) {
    console.error(`Go-Live Gate could not refresh the service assurance of ${key} after its status changed:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
