import { z } from 'zod/mini';
import { recordStageEntry } from '../app/record-stage-entry';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { stageEntryPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

const id = lazySchema(() => z.pipe(z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), z.transform(String)));
const IssueSchema = lazySchema(() => z.object({
  id,
  key: z.string().check(z.minLength(1)),
  fields: z.object({ project: z.object({ id }), status: z.optional(z.object({ name: z.string().check(z.minLength(1)) })) }),
}));

/** The parts of `avi:jira:created:issue` and `avi:jira:updated:issue` this trigger reads: the issue, its project, the status it moved to. */
const IssueEventSchema = lazySchema(() => z.discriminatedUnion('eventType', [
  z.object({ eventType: z.literal('avi:jira:created:issue'), issue: IssueSchema, atlassianId: z.optional(z.string().check(z.minLength(1))) }),
  z.object({
    eventType: z.literal('avi:jira:updated:issue'),
    issue: IssueSchema,
    atlassianId: z.optional(z.string().check(z.minLength(1))),
    changelog: z.object({ id, items: z.array(z.object({ field: z.string(), fieldId: z.optional(z.string()), toString: z.nullish(z.string()) })) }),
  }),
]));

/** The status the event moved the ticket into, and what names the change; undefined when the status did not change. */
function statusEntered(event: z.infer<typeof IssueEventSchema>): { status: string; changeId: string } | undefined {
  if (event.eventType === 'avi:jira:created:issue') {
    const status = event.issue.fields.status?.name;
    return status === undefined ? undefined : { status, changeId: 'created' };
  }
  const moved = event.changelog.items.find((item) => (item.fieldId ?? item.field) === 'status');
  const status = moved?.toString ?? undefined;
  return status === undefined || status === '' ? undefined : { status, changeId: event.changelog.id };
}

/**
 * The stage-entry trigger (manifest function `stage-entry`, on creation; issueUpdated calls it on a status change): when a ticket is created in, or moves into, the status a
 * stage's transition leaves from, the stage's review begins; that moment goes into the review history. Every other
 * event (another event type, a change without a status) is ignored. It never throws: the event cannot be undone, and a
 * failure is logged (the page then estimates that wait from the records).
 *
 * @example
 * await stageEntered({ eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'SKU-1', fields: { project: { id: '10000' } } }, changelog: { id: '7', items: [{ field: 'status', toString: 'In Review' }] } });
 */
export async function stageEntered(event: unknown): Promise<void> {
  const parsed = IssueEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Go-Live Gate ignored an issue event it could not read: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const entered = statusEntered(parsed.data);
  if (entered === undefined) return;
  const { issue, atlassianId } = parsed.data;
  try {
    await withDeadline(INVOCATION_BUDGET_MS.resolver, () =>
      recordStageEntry(stageEntryPorts(), { projectId: issue.fields.project.id, issueId: issue.id, issueKey: issue.key, ...entered, by: atlassianId }),
    );
  } catch (error) {
    console.error(`Go-Live Gate could not record that ${issue.key} moved to ${entered.status}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
