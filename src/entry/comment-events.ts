import { z } from 'zod';
import { applyCommentCommands } from '../app/apply-comment-commands';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { commentPorts } from './composition-root';

/**
 * The parts of Jira's `avi:jira:commented:issue` event the gate reads: which comment on which issue. The event's author
 * and body are not trusted (the use case re-reads the comment); the body only lets most comments be skipped unread.
 */
const CommentedEventSchema = z.object({
  issue: z.object({ id: z.union([z.string().min(1), z.number().int()]), key: z.string().min(1) }),
  comment: z.object({ id: z.union([z.string().regex(/^[0-9]{1,20}$/), z.number().int().nonnegative()]), body: z.unknown().optional() }),
});

/**
 * The `avi:jira:commented:issue` trigger (manifest function `comment-commands`), delivered for created and edited
 * comments: applies the comment's commands (`/lgtm`, `/approve`, `/decline`, `/revoke`) as its author and replies.
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
}
