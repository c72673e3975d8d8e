import { z } from 'zod/mini';
import { recordStatusChange } from '../app/record-pass';
import { refreshAssurance } from '../app/refresh-assurance';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { statusChangePorts, triggerPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

const id = lazySchema(() => z.pipe(z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), z.transform(String)));

/** The parts of Jira's `avi:jira:updated:issue` event the gate reads: which issue, who changed it, and how its status changed. */
const IssueUpdatedEventSchema = lazySchema(() => z.object({
  issue: z.object({ id, key: z.string().check(z.minLength(1)) }),
  atlassianId: z.optional(z.string().check(z.minLength(1))),
  changelog: z.optional(
    z.object({
      id: z.optional(id),
      items: z.array(z.object({ field: z.string(), fieldId: z.optional(z.string()), from: z.nullish(z.string()), fromString: z.nullish(z.string()), to: z.nullish(z.string()), toString: z.nullish(z.string()) })),
    }),
  ),
}));

/** Who moved the ticket when Jira does not say (the app itself, or an automation without an account). */
const UNKNOWN_ACTOR = 'unknown';

const describe = (error: unknown): unknown => (error instanceof Error ? `${error.name}: ${error.message}` : error);

/**
 * Part of the `avi:jira:updated:issue` trigger (issueUpdated, manifest function `issue-updated`): when a ticket's status
 * changes, its service assurance is written again (`golive-gate.assurance`, so JQL follows the stages it has passed),
 * and when the change is a stage's gated transition the stage's pass record is stored (recordStatusChange; a move back
 * reopens the passes of the stages the ticket now sits before). Other edits are ignored. Like the issue-created trigger
 * it never throws: a failure is logged.
 *
 * @example
 * await statusChanged({ eventType: 'avi:jira:updated:issue', issue: { id: '10003', key: 'SKU-3' }, atlassianId: 'acc-pm', changelog: { id: '77', items: [{ field: 'status', fieldId: 'status', from: '10001', fromString: 'In Review', to: '10002', toString: 'In Production' }] } });
 */
export async function statusChanged(event: unknown): Promise<void> {
  const parsed = IssueUpdatedEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Go-Live Gate ignored an issue-updated event it could not read: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const moved = parsed.data.changelog?.items.find((item) => (item.fieldId ?? item.field) === 'status');
  if (moved === undefined) return;
  const { id: issueId, key } = parsed.data.issue;
  const assurance = async (): Promise<void> => {
    try {
      await withDeadline(INVOCATION_BUDGET_MS.resolver, () => refreshAssurance(triggerPorts(), issueId));
    } catch (error) {
      console.error(`Go-Live Gate could not refresh the service assurance of ${key} after its status changed:`, describe(error));
    }
  };
  const pass = async (): Promise<void> => {
    const changeId = parsed.data.changelog?.id;
    const { from, fromString, to, toString } = moved;
    if (changeId === undefined || !from || !to || !fromString || !toString) {
      console.warn(`Go-Live Gate could not tell which statuses ${key} moved between, so it recorded no pass for the change.`);
      return;
    }
    const change = { fromId: from, fromName: fromString, toId: to, toName: toString };
    try {
      const outcome = await withDeadline(INVOCATION_BUDGET_MS.resolver, () => recordStatusChange(statusChangePorts(), { issueId, changeId, change, by: parsed.data.atlassianId ?? UNKNOWN_ACTOR }));
      if (outcome.notPassed !== undefined) console.warn(`Go-Live Gate recorded no pass for ${key} moving from ${fromString} to ${toString}: ${outcome.notPassed}`);
    } catch (error) {
      console.error(`Go-Live Gate could not record the pass of ${key} moving from ${fromString} to ${toString}:`, describe(error));
    }
  };
  await Promise.all([assurance(), pass()]);
}
