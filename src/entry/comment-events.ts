import { z } from 'zod/mini';
import { applyCommentCommands } from '../app/apply-comment-commands';
import type { CommentSeen } from '../app/record-comment';
import { recordComment } from '../app/record-comment';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { commentPorts, stageEntryPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

/**
 * The parts of Jira's `avi:jira:commented:issue` event the gate reads: which comment on which issue. The event's author
 * and body are not trusted (the use case re-reads the comment); the body only lets most comments be skipped unread.
 */
const CommentedEventSchema = lazySchema(() => z.object({
  issue: z.object({ id: z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), key: z.string().check(z.minLength(1)) }),
  comment: z.object({ id: z.union([z.string().check(z.regex(/^[0-9]{1,20}$/)), z.number().check(z.int(), z.nonnegative())]), body: z.optional(z.unknown()) }),
}));

const accountOf = lazySchema(() => z.optional(z.object({ accountId: z.string().check(z.minLength(1)) })));

/** The parts the bench tab's people to invite read: project, status and reporter of the ticket; author and time of the comment. */
const CommentSeenSchema = lazySchema(() => z.object({
  issue: z.object({
    id: z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]),
    key: z.string().check(z.minLength(1)),
    fields: z.object({ project: z.object({ id: z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]) }), status: z.object({ name: z.string().check(z.minLength(1)) }), reporter: z.nullable(accountOf) }),
  }),
  comment: z.object({ id: z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), author: z.object({ accountId: z.string().check(z.minLength(1)), accountType: z.optional(z.string()) }), created: z.optional(z.string()) }),
  selfGenerated: z.optional(z.boolean()),
}));

/** Who commented where, when the event says (apps' comments and events without those parts are not kept). */
function commentSeen(event: unknown): CommentSeen | undefined {
  const parsed = CommentSeenSchema.safeParse(event);
  if (!parsed.success || parsed.data.selfGenerated === true || parsed.data.comment.author.accountType === 'app') return undefined;
  const { issue, comment } = parsed.data;
  return {
    projectId: String(issue.fields.project.id), issueId: String(issue.id), issueKey: issue.key, commentId: String(comment.id), author: comment.author.accountId,
    reporter: issue.fields.reporter?.accountId, status: issue.fields.status.name, created: comment.created,
  };
}

/**
 * The `avi:jira:commented:issue` trigger (manifest function `comment-commands`), delivered for created and edited
 * comments: applies the comment's commands (`/lgtm`, `/approve`, `/decline`, `/revoke`) as its author and replies, and
 * keeps who commented on a gated ticket for the bench tab's people to invite (recordComment).
 * Jira delivers the event after the comment is saved, so it never throws: a malformed event or a failure is logged.
 *
 * @example
 * await issueCommented({ eventType: 'avi:jira:commented:issue', issue: { id: '10002', key: 'SKU-2' }, comment: { id: '10010', body } });
 */
export async function issueCommented(event: unknown): Promise<void> {
  const parsed = CommentedEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Go-Live Gate ignored a comment event it could not read: ${z.prettifyError(parsed.error)}`);
    return;
  }
  const { issue, comment } = parsed.data;
  try {
    await withDeadline(INVOCATION_BUDGET_MS.resolver, () => applyCommentCommands(commentPorts(), String(issue.id), String(comment.id), comment.body));
  } catch (error) {
    console.error(`Go-Live Gate could not apply the commands of comment ${String(comment.id)} on ${issue.key}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
  const seen = commentSeen(event);
  if (seen === undefined) return;
  try {
    await withDeadline(INVOCATION_BUDGET_MS.resolver, () => recordComment(stageEntryPorts(), seen));
  } catch (error) {
    console.error(`Go-Live Gate could not keep who commented on ${issue.key}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
