import type { CommentEvent } from '../gate/review-history';
import type { StageEntryPorts } from '../ports';

/** A comment on a ticket, as Jira's comment event tells it (the event names the author, not the comment's body). */
export interface CommentSeen {
  readonly projectId: string;
  readonly issueId: string;
  readonly issueKey: string;
  readonly commentId: string;
  readonly author: string;
  /** The ticket's reporter: their comments answer the review rather than take part in it. */
  readonly reporter?: string | undefined;
  /** The ticket's status when the comment was made. */
  readonly status: string;
  /** When the comment was created (an edit keeps it); the clock's time when the event has none. */
  readonly created?: string | undefined;
}

/**
 * Keeps who commented on a gated ticket in the review history, for the bench tab's people to invite. A project without
 * a gate and the reporter's own comments record nothing; an edited comment (delivered again) is stored once. One KVS
 * read (the configuration) and at most one transaction; no Jira request.
 *
 * @example
 * await recordComment(ports, { projectId: '10000', issueId: '10001', issueKey: 'SKU-1', commentId: '10040', author: 'acc-ola', status: 'In Review' });
 * // { kind: 'commented', by: 'acc-ola', status: 'In Review', id: '10040', ... }
 */
export async function recordComment(ports: StageEntryPorts, seen: CommentSeen): Promise<CommentEvent | undefined> {
  if (seen.author === seen.reporter) return undefined;
  const stored = await ports.configs.get(seen.projectId);
  if (stored === undefined) return undefined;
  const created = seen.created === undefined ? Number.NaN : Date.parse(seen.created);
  const at = (Number.isNaN(created) ? ports.clock.now() : new Date(created)).toISOString();
  const event: CommentEvent = { kind: 'commented', projectId: seen.projectId, issueId: seen.issueId, issueKey: seen.issueKey, at, id: seen.commentId, by: seen.author, status: seen.status };
  await ports.history.append(event);
  return event;
}
