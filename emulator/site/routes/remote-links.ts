import { z } from 'zod';
import type { Handler, SiteContext, SiteRequest } from '../context';
import { visibleIssue } from '../context';
import { badRequest, JiraError, json, noContent, notFound, parseJson, readText } from '../http';
import type { RemoteLinkRow } from '../remote-link-store';
import type { IssueRow } from '../store';

/** Jira's per-issue limit on remote links (more answers 413). */
export const MAX_REMOTE_LINKS = 5000;

const IconSchema = z.looseObject({ url16x16: z.url().optional(), title: z.string().max(255).optional(), link: z.url().optional() });
const RemoteLinkSchema = z.strictObject({
  globalId: z.string().min(1).max(255).optional(),
  application: z.looseObject({ type: z.string().max(255).optional(), name: z.string().max(255).optional() }).optional(),
  relationship: z.string().max(255).optional(),
  object: z.looseObject({
    url: z.url({ error: 'is required and must be a URL' }),
    title: z.string({ error: 'is required' }).min(1, 'is required').max(255),
    summary: z.string().max(4000).optional(),
    icon: IconSchema.optional(),
    status: z.looseObject({ resolved: z.boolean().optional(), icon: IconSchema.optional() }).optional(),
  }),
});
type RemoteLink = z.infer<typeof RemoteLinkSchema>;

/** The link from the request body; 400 naming each wrong field (`object.url`, `object.title`, ...). */
async function linkBody(request: SiteRequest): Promise<RemoteLink> {
  const parsed = RemoteLinkSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) {
    throw new JiraError(400, [], Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', `${String(issue.path.at(-1) ?? 'The body')} ${issue.message}`])));
  }
  return parsed.data;
}

function render(request: SiteRequest, issue: IssueRow, row: RemoteLinkRow): Record<string, unknown> {
  const link = JSON.parse(row.link) as Omit<RemoteLink, 'globalId'>;
  return { id: row.id, self: `${request.base}/rest/api/3/issue/${issue.id}/remotelink/${row.id}`, ...(row.global_id === null ? {} : { globalId: row.global_id }), ...link };
}

function linkOf(context: SiteContext, request: SiteRequest, issue: IssueRow): RemoteLinkRow {
  const raw = request.params['linkId'] ?? '';
  const row = /^\d{1,15}$/.test(raw) ? context.store.remoteLinks.get(issue.id, Number(raw)) : undefined;
  if (!row) throw notFound(`No remote link with id '${raw}' exists on this issue.`);
  return row;
}

const stored = ({ globalId: _globalId, ...rest }: RemoteLink): string => JSON.stringify(rest);

/** GET /rest/api/3/issue/{issueIdOrKey}/remotelink[?globalId=]: every link, or the one with that globalId (404 without). */
export const listRemoteLinks: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const globalId = request.url.searchParams.get('globalId');
  if (globalId !== null) {
    const row = context.store.remoteLinks.byGlobalId(issue.id, globalId);
    if (!row) throw notFound(`No remote link with globalId '${globalId}' exists on this issue.`);
    return json(render(request, issue, row));
  }
  return json(context.store.remoteLinks.list(issue.id, MAX_REMOTE_LINKS).map((row) => render(request, issue, row)));
};

/** POST /rest/api/3/issue/{issueIdOrKey}/remotelink: 201 for a new link, 200 when one with the same globalId was updated. */
export const saveRemoteLink: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const link = await linkBody(request);
  const known = link.globalId === undefined ? undefined : context.store.remoteLinks.byGlobalId(issue.id, link.globalId);
  if (!known && context.store.remoteLinks.count(issue.id) >= MAX_REMOTE_LINKS) throw new JiraError(413, [`An issue can have at most ${MAX_REMOTE_LINKS} remote links.`]);
  const { row, created } = context.store.remoteLinks.save(issue.id, link.globalId ?? null, stored(link));
  return json({ id: row.id, self: `${request.base}/rest/api/3/issue/${issue.id}/remotelink/${row.id}` }, created ? 201 : 200);
};

export const getRemoteLink: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  return json(render(request, issue, linkOf(context, request, issue)));
};

/** PUT /rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}: replaces the link; 204. */
export const updateRemoteLink: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const row = linkOf(context, request, issue);
  const link = await linkBody(request);
  const clash = link.globalId === undefined ? undefined : context.store.remoteLinks.byGlobalId(issue.id, link.globalId);
  if (clash && clash.id !== row.id) throw badRequest(`Another remote link of this issue has the globalId '${link.globalId ?? ''}'.`);
  context.store.remoteLinks.replace(issue.id, row.id, link.globalId ?? null, stored(link));
  return noContent();
};

export const deleteRemoteLink: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  context.store.remoteLinks.delete(issue.id, linkOf(context, request, issue).id);
  return noContent();
};

/** DELETE /rest/api/3/issue/{issueIdOrKey}/remotelink?globalId=: 204; 400 without globalId, 404 when no link has it. */
export const deleteRemoteLinkByGlobalId: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const globalId = request.url.searchParams.get('globalId');
  if (globalId === null || globalId === '') throw badRequest("The 'globalId' query parameter is required.");
  const row = context.store.remoteLinks.byGlobalId(issue.id, globalId);
  if (!row) throw notFound(`No remote link with globalId '${globalId}' exists on this issue.`);
  context.store.remoteLinks.delete(issue.id, row.id);
  return noContent();
};
