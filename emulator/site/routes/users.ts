import type { Handler, SiteRequest } from '../context';
import { canAdminister } from '../context';
import { JIRA_ADMINS_GROUP } from '../demo';
import { z } from 'zod';
import { badRequest, forbidden, intParam, issueNotFound, json, notFound, parseJson, projectNotFound, readText } from '../http';
import { renderAppUser, renderUser } from '../render';
import type { GroupRow, UserRow } from '../store';

const groupSelf = (request: SiteRequest, group: GroupRow) => `${request.base}/rest/api/3/group?groupId=${encodeURIComponent(group.group_id)}`;
const renderGroupName = (request: SiteRequest, group: GroupRow) => ({ name: group.name, groupId: group.group_id, self: groupSelf(request, group) });

export const getMyself: Handler = (context, request) => {
  const { principal } = request;
  if (principal === 'app') return json(renderAppUser(request.base));
  const user = context.store.userById(principal.accountId);
  if (!user) throw notFound('Specified user does not exist or you do not have required permissions');
  const groups = context.store.groupsOf(user.account_id);
  const expand = (request.url.searchParams.get('expand') ?? '').split(',');
  return json({
    ...renderUser(request.base, user),
    groups: { size: groups.length, items: expand.includes('groups') ? groups.map((group) => renderGroupName(request, group)) : [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  });
};

/** GET /rest/api/3/users/search?startAt=&maxResults= (default 50, at most 1000). */
export const searchUsers: Handler = (context, request) => {
  const startAt = intParam(request.url, 'startAt', 0);
  const maxResults = Math.min(Math.max(intParam(request.url, 'maxResults', 50), 1), 1000);
  return json(context.store.listUsers(startAt, maxResults).map((user) => renderUser(request.base, user)));
};

/** GET /rest/api/3/user/bulk?accountId=...&startAt=&maxResults= (default 10, at most 200): unknown ids are left out, as Jira does. */
export const getUsersBulk: Handler = (context, request) => {
  const ids = [...new Set(request.url.searchParams.getAll('accountId'))];
  if (ids.length === 0) throw badRequest("The 'accountId' query parameter is required.");
  const tooLong = ids.find((id) => id.length > 128);
  if (tooLong !== undefined) throw badRequest('An accountId is at most 128 characters.');
  const startAt = Math.max(intParam(request.url, 'startAt', 0), 0);
  const maxResults = Math.min(Math.max(intParam(request.url, 'maxResults', 10), 1), 200);
  const users = ids.flatMap((id) => context.store.userById(id) ?? []);
  const values = users.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= users.length;
  const query = ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
  const page = (start: number) => `${request.base}/rest/api/3/user/bulk?${query}&startAt=${start}&maxResults=${maxResults}`;
  return json({
    self: page(startAt),
    ...(isLast ? {} : { nextPage: page(startAt + maxResults) }),
    maxResults,
    startAt,
    total: users.length,
    isLast,
    values: values.map((user) => renderUser(request.base, user)),
  });
};

export const getUserGroups: Handler = (context, request) => {
  const accountId = request.url.searchParams.get('accountId');
  if (!accountId) throw badRequest("The 'accountId' query parameter is required.");
  if (!context.store.userById(accountId)) throw notFound('Specified user does not exist or you do not have required permissions');
  return json(context.store.groupsOf(accountId).map((group) => renderGroupName(request, group)));
};

/** A user as Jira's UserDetails (group members): no locale, unlike User. */
function renderUserDetails(request: SiteRequest, user: UserRow) {
  const details = renderUser(request.base, user);
  delete details['locale'];
  return details;
}

/** The group named by `groupname` or `groupId`, as Jira's group operations take it. */
function namedGroup(context: Parameters<Handler>[0], request: SiteRequest): GroupRow {
  const params = request.url.searchParams;
  const groupId = params.get('groupId');
  const groupName = params.get('groupname');
  if (!groupId && !groupName) throw badRequest('You must specify either groupname or groupId.');
  const group = groupId ? context.store.groupById(groupId) : context.store.groupByName(groupName ?? '');
  if (!group) throw notFound('Specified group does not exist.');
  return group;
}

/** GET /rest/api/3/group/member?groupname=|groupId=&startAt=&maxResults= (default and maximum 50). */
export const getGroupMembers: Handler = (context, request) => {
  const params = request.url.searchParams;
  const group = namedGroup(context, request);
  const startAt = intParam(request.url, 'startAt', 0);
  const maxResults = Math.min(Math.max(intParam(request.url, 'maxResults', 50), 1), 50);
  const { users, total } = context.store.groupMembers(group.group_id, params.get('includeInactiveUsers') === 'true', startAt, maxResults);
  const isLast = startAt + users.length >= total;
  const page = (start: number) => `${request.base}/rest/api/3/group/member?groupId=${encodeURIComponent(group.group_id)}&includeInactiveUsers=${params.get('includeInactiveUsers') === 'true'}&startAt=${start}&maxResults=${maxResults}`;
  return json({
    self: page(startAt),
    ...(isLast ? {} : { nextPage: page(startAt + maxResults) }),
    maxResults,
    startAt,
    total,
    isLast,
    values: users.map((user) => renderUserDetails(request, user)),
  });
};

/** Adding and removing group members takes site administration; on the local site, members of the Jira admins group. */
function groupToChange(context: Parameters<Handler>[0], request: SiteRequest): GroupRow {
  const { principal } = request;
  const isSiteAdmin = principal === 'app' || context.store.groupsOf(principal.accountId).some((group) => group.name === JIRA_ADMINS_GROUP);
  if (!isSiteAdmin) throw forbidden('You do not have the permission to change group memberships: it takes site administration.');
  return namedGroup(context, request);
}

const AddMemberSchema = z.object({ accountId: z.string().min(1).max(128) });

/** POST /rest/api/3/group/user?groupname=|groupId= with `{"accountId"}`: 201 with the group. */
export const addGroupMember: Handler = async (context, request) => {
  const group = groupToChange(context, request);
  const body = AddMemberSchema.safeParse(parseJson(await readText(request.req)));
  if (!body.success) throw badRequest('The accountId of the user to add is required.');
  if (!context.store.userById(body.data.accountId)) throw notFound('Specified user does not exist.');
  context.store.addGroupMember(group.group_id, body.data.accountId);
  return json({ ...renderGroupName(request, group), expand: 'users' }, 201);
};

/** DELETE /rest/api/3/group/user?groupname=|groupId=&accountId=: 200, empty. */
export const removeGroupMember: Handler = (context, request) => {
  const group = groupToChange(context, request);
  const accountId = request.url.searchParams.get('accountId');
  if (!accountId) throw badRequest("The 'accountId' query parameter is required.");
  if (!context.store.userById(accountId)) throw notFound('Specified user does not exist.');
  context.store.removeGroupMember(group.group_id, accountId);
  return { status: 200 };
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** GET /rest/api/3/groups/picker?query=&maxResults= (default 20). */
export const findGroups: Handler = (context, request) => {
  const query = request.url.searchParams.get('query') ?? '';
  const maxResults = Math.min(Math.max(intParam(request.url, 'maxResults', 20), 1), 1000);
  const { groups, total } = context.store.findGroups(query, maxResults);
  const highlight = (name: string) => {
    const at = query === '' ? -1 : name.toLowerCase().indexOf(query.toLowerCase());
    if (at < 0) return escapeHtml(name);
    return `${escapeHtml(name.slice(0, at))}<b>${escapeHtml(name.slice(at, at + query.length))}</b>${escapeHtml(name.slice(at + query.length))}`;
  };
  return json({
    header: `Showing ${groups.length} of ${total} matching groups`,
    total,
    groups: groups.map((group) => ({ name: group.name, html: highlight(group.name), labels: [], groupId: group.group_id })),
  });
};

const PERMISSIONS: Readonly<Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string }>> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
};

/**
 * GET /rest/api/3/mypermissions?permissions=...&projectKey=|projectId=|issueKey=|issueId=. Without a project,
 * a project permission holds when the user has it in any project (Jira's rule).
 */
export const getMyPermissions: Handler = (context, request) => {
  const params = request.url.searchParams;
  const keys = (params.get('permissions') ?? '').split(',').map((key) => key.trim()).filter((key) => key !== '');
  if (keys.length === 0) throw badRequest("The 'permissions' query parameter is required: a comma-separated list of permission keys.");
  const unknown = keys.filter((key) => !(key in PERMISSIONS));
  if (unknown.length > 0) throw badRequest(`Unknown permission keys: ${unknown.join(', ')}.`);

  let projectId: number | undefined;
  const projectIdOrKey = params.get('projectId') ?? params.get('projectKey');
  const issueIdOrKey = params.get('issueId') ?? params.get('issueKey');
  if (projectIdOrKey) {
    const project = context.store.project(projectIdOrKey);
    if (!project) throw projectNotFound(projectIdOrKey);
    projectId = project.id;
  } else if (issueIdOrKey) {
    const issue = context.store.issue(issueIdOrKey);
    if (!issue) throw issueNotFound();
    projectId = issue.project_id;
  }

  const { principal } = request;
  const holds = (key: string): boolean => {
    if (principal === 'app') return true;
    if (key === 'ADMINISTER') return principal.groups.includes(JIRA_ADMINS_GROUP);
    if (key === 'ADMINISTER_PROJECTS') return projectId === undefined ? context.store.isAdminOfAnyProject(principal.accountId) : canAdminister(context, principal, projectId);
    return true;
  };
  return json({ permissions: Object.fromEntries(keys.map((key) => [key, { ...PERMISSIONS[key], key, havePermission: holds(key), deprecatedKey: false }])) });
};
