import { z } from 'zod';
import type { Handler } from '../context';
import { json, JiraError, noContent, notFound, parseJson, readText } from '../http';
import { ISSUE_LINK_TYPES } from '../issue-link-store';

// Issue links (Jira REST v3 "Issue links" and "Issue link types"): POST /rest/api/3/issueLink,
// DELETE /rest/api/3/issueLink/{linkId}, GET /rest/api/3/issueLinkType.

const IssueRefSchema = z.looseObject({ id: z.string().optional(), key: z.string().optional() });
const LinkIssuesRequestSchema = z.looseObject({
  type: z.looseObject({ id: z.string().optional(), name: z.string().optional() }),
  inwardIssue: IssueRefSchema,
  outwardIssue: IssueRefSchema,
});

/** POST /rest/api/3/issueLink: links two issues with a link type named by id or name; 201 with no body. */
export const linkIssues: Handler = async (context, request) => {
  const parsed = LinkIssuesRequestSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw new JiraError(400, [], Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', `${String(issue.path.at(-1) ?? 'The body')} ${issue.message}`])));
  const { type, inwardIssue, outwardIssue } = parsed.data;
  const linkType = ISSUE_LINK_TYPES.find((t) => (type.id !== undefined ? t.id === type.id : t.name.toLowerCase() === (type.name ?? '').toLowerCase()));
  if (linkType === undefined) throw notFound(`No issue link type with name '${type.name ?? type.id ?? ''}' found.`);
  const issueOf = (ref: z.infer<typeof IssueRefSchema>) => {
    const found = context.store.issue(ref.id ?? ref.key ?? '');
    if (!found) throw notFound(`Issue Does Not Exist`);
    return found;
  };
  const inward = issueOf(inwardIssue);
  const outward = issueOf(outwardIssue);
  if (inward.id === outward.id) throw new JiraError(400, ['You cannot link an issue to itself.']);
  context.store.issueLinks.add(linkType.id, inward.id, outward.id);
  return { status: 201 };
};

/** DELETE /rest/api/3/issueLink/{linkId}: 204; 404 for a link that does not exist. */
export const deleteIssueLink: Handler = (context, request) => {
  const raw = request.params['linkId'] ?? '';
  if (!/^\d{1,15}$/.test(raw) || !context.store.issueLinks.delete(Number(raw))) throw notFound(`No issue link with id '${raw}' exists.`);
  return noContent();
};

/** GET /rest/api/3/issueLinkType: the site's link types. */
export const listIssueLinkTypes: Handler = (_context, request) =>
  json({ issueLinkTypes: ISSUE_LINK_TYPES.map((type) => ({ ...type, self: `${request.base}/rest/api/3/issueLinkType/${type.id}` })) });
