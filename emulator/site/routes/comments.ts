import { z } from 'zod';
import type { AdfDocument } from '../adf';
import { adfToText, parseAdf } from '../adf';
import type { Handler, SiteContext, SiteRequest } from '../context';
import { canAdminister, visibleIssue } from '../context';
import { badRequest, fieldError, intParam, json, listParam, noContent, notFound, parseJson, readText } from '../http';
import { eventActor, eventIssue } from '../issue-event-parts';
import { APP_ACCOUNT, renderComment } from '../render';
import type { CommentRow } from '../comment-store';
import type { IssueRow } from '../store';

/** Jira's limit on a comment's text. */
export const MAX_COMMENT_LENGTH = 32_767;
/** Jira answers at most 5,000 comments per page (and that many by default). */
const MAX_COMMENTS_PER_PAGE = 5000;

const CommentBodySchema = z.looseObject({ body: z.unknown().optional(), visibility: z.unknown().optional(), properties: z.unknown().optional() });

/** The comment's ADF body from a request; 400 naming what is wrong, in Jira's `errors.comment`. */
async function commentBody(request: SiteRequest): Promise<AdfDocument> {
  const parsed = CommentBodySchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw fieldError('comment', 'Send the comment as {"body": <Atlassian Document Format document>}.');
  if (parsed.data.visibility !== undefined) throw fieldError('visibility', 'The local site does not restrict who sees a comment: leave out visibility.');
  if (parsed.data.properties !== undefined) throw fieldError('properties', 'The local site does not keep comment properties: leave out properties.');
  if (parsed.data.body === undefined) throw fieldError('comment', 'Comment body can not be empty!');
  const document = parseAdf(parsed.data.body);
  if (typeof document === 'string') throw fieldError('comment', `The comment body ${document}.`);
  const text = adfToText(document);
  if (text.trim() === '') throw fieldError('comment', 'Comment body can not be empty!');
  if (text.length > MAX_COMMENT_LENGTH) throw fieldError('comment', `The entered text is too long. It exceeds the allowed limit of ${MAX_COMMENT_LENGTH} characters.`);
  return document;
}

const authorOf = (request: SiteRequest): string => (request.principal === 'app' ? APP_ACCOUNT.accountId : request.principal.accountId);
const expandsRendered = (request: SiteRequest): boolean => (listParam(request.url, 'expand') ?? []).includes('renderedBody');

function commentOf(context: SiteContext, request: SiteRequest, issue: IssueRow): CommentRow {
  const raw = request.params['id'] ?? '';
  const comment = /^\d{1,15}$/.test(raw) ? context.store.comments.get(issue.id, Number(raw)) : undefined;
  if (!comment) throw notFound(`Can not find a comment for the id: ${raw}.`);
  return comment;
}

/** Only the author, a project administrator or the app may change a comment (Jira's "Edit/Delete All Comments"). */
function mayChange(context: SiteContext, request: SiteRequest, issue: IssueRow, comment: CommentRow): boolean {
  return comment.author_account_id === authorOf(request) || canAdminister(context, request.principal, issue.project_id);
}

function publishCommentEvent(context: SiteContext, request: SiteRequest, issue: IssueRow, eventType: 'avi:jira:commented:issue' | 'avi:jira:deleted:comment', comment: CommentRow): void {
  context.issueEvents.publish({
    eventType,
    issue: eventIssue(context, request.base, issue),
    comment: renderComment(request.base, context.store, comment, false),
    ...eventActor(request.principal),
  });
}

/** GET /rest/api/3/issue/{issueIdOrKey}/comment?startAt=&maxResults=&orderBy=created|-created&expand=renderedBody */
export const listComments: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const startAt = intParam(request.url, 'startAt', 0);
  const maxResults = Math.min(Math.max(intParam(request.url, 'maxResults', MAX_COMMENTS_PER_PAGE), 0), MAX_COMMENTS_PER_PAGE);
  const orderBy = request.url.searchParams.get('orderBy') ?? 'created';
  if (!['created', '+created', '-created'].includes(orderBy)) throw badRequest(`The orderBy value '${orderBy}' is not supported: use created or -created.`);
  const { comments, total } = context.store.comments.page(issue.id, startAt, maxResults, orderBy === '-created');
  const rendered = expandsRendered(request);
  return json({ startAt, maxResults, total, comments: comments.map((comment) => renderComment(request.base, context.store, comment, rendered)) });
};

/** POST /rest/api/3/issue/{issueIdOrKey}/comment: 201 with the comment; `avi:jira:commented:issue` goes to the app's triggers. */
export const addComment: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const body = await commentBody(request);
  const comment = context.store.comments.add(issue.id, authorOf(request), JSON.stringify(body), context.now());
  publishCommentEvent(context, request, issue, 'avi:jira:commented:issue', comment);
  return json(renderComment(request.base, context.store, comment, expandsRendered(request)), 201);
};

export const getComment: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  return json(renderComment(request.base, context.store, commentOf(context, request, issue), expandsRendered(request)));
};

/** PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}: the author (or an admin) edits it; Forge sends `avi:jira:commented:issue` again. */
export const updateComment: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const comment = commentOf(context, request, issue);
  if (!mayChange(context, request, issue, comment)) throw badRequest('You do not have the permission to edit this comment.');
  const body = await commentBody(request);
  const updated = context.store.comments.update(issue.id, comment.id, authorOf(request), JSON.stringify(body), context.now());
  if (!updated) throw notFound(`Can not find a comment for the id: ${comment.id}.`);
  publishCommentEvent(context, request, issue, 'avi:jira:commented:issue', updated);
  return json(renderComment(request.base, context.store, updated, expandsRendered(request)));
};

/** DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}: 204; `avi:jira:deleted:comment` goes to the app's triggers. */
export const deleteComment: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const comment = commentOf(context, request, issue);
  if (!mayChange(context, request, issue, comment)) throw badRequest('You do not have the permission to delete this comment.');
  if (!context.store.comments.delete(issue.id, comment.id, context.now())) throw notFound(`Can not find a comment for the id: ${comment.id}.`);
  publishCommentEvent(context, request, issue, 'avi:jira:deleted:comment', comment);
  return noContent();
};
