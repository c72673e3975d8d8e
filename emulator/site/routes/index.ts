import type { Route } from '../context';
import { notifyIssue } from '../notifications';
import { addAttachments, deleteAttachment, getAttachment, getAttachmentContent } from './attachments';
import { addComment, deleteComment, getComment, listComments, updateComment } from './comments';
import { listFields } from './fields';
import { createIssue, doTransition, editIssue, getIssue, getTransitions } from './issues';
import { getProject } from './projects';
import {
  deleteIssueProperty,
  deleteProjectProperty,
  getIssueProperty,
  getProjectProperty,
  listIssueProperties,
  listProjectProperties,
  putIssueProperty,
  putProjectProperty,
} from './properties';
import { deleteRemoteLink, deleteRemoteLinkByGlobalId, getRemoteLink, listRemoteLinks, saveRemoteLink, updateRemoteLink } from './remote-links';
import { deleteIssueLink, linkIssues, listIssueLinkTypes } from './issue-links';
import { searchGet, searchPost } from './search';
import { addGroupMember, findGroups, getGroupMembers, getMyPermissions, getMyself, getUserGroups, getUsersBulk, removeGroupMember, searchUsers } from './users';
import { createVersion, getVersion, listProjectVersions, updateVersion } from './versions';
import { getProjectWorkflowSchemes, getWorkflowRules } from './workflow-rules';

/**
 * Every Jira REST operation the site serves, in one table: a new resource is a handler in a route module plus one
 * line here (and the operation in scripts/gen-openapi-fixture.mjs, which the contract test checks against this table).
 */
export const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/rest/api/3/myself', handler: getMyself },
  { method: 'POST', template: '/rest/api/3/issue', handler: createIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', handler: editIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/comment', handler: listComments },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/comment', handler: addComment },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handler: getComment },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handler: updateComment },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', handler: deleteComment },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', handler: listRemoteLinks },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', handler: saveRemoteLink },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink', handler: deleteRemoteLinkByGlobalId },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}', handler: getRemoteLink },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}', handler: updateRemoteLink },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}', handler: deleteRemoteLink },
  { method: 'POST', template: '/rest/api/3/issueLink', handler: linkIssues },
  { method: 'DELETE', template: '/rest/api/3/issueLink/{linkId}', handler: deleteIssueLink },
  { method: 'GET', template: '/rest/api/3/issueLinkType', handler: listIssueLinkTypes },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/attachments', handler: addAttachments },
  { method: 'GET', template: '/rest/api/3/attachment/{id}', handler: getAttachment },
  { method: 'DELETE', template: '/rest/api/3/attachment/{id}', handler: deleteAttachment },
  { method: 'GET', template: '/rest/api/3/attachment/content/{id}', handler: getAttachmentContent },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties', handler: listIssueProperties },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: getIssueProperty },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: putIssueProperty },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: deleteIssueProperty },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: getTransitions },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: doTransition },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/notify', handler: notifyIssue },
  { method: 'GET', template: '/rest/api/3/users/search', handler: searchUsers },
  { method: 'GET', template: '/rest/api/3/user/bulk', handler: getUsersBulk },
  { method: 'GET', template: '/rest/api/3/user/groups', handler: getUserGroups },
  { method: 'GET', template: '/rest/api/3/group/member', handler: getGroupMembers },
  { method: 'POST', template: '/rest/api/3/group/user', handler: addGroupMember },
  { method: 'DELETE', template: '/rest/api/3/group/user', handler: removeGroupMember },
  { method: 'GET', template: '/rest/api/3/groups/picker', handler: findGroups },
  { method: 'GET', template: '/rest/api/3/mypermissions', handler: getMyPermissions },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', handler: getProject },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/versions', handler: listProjectVersions },
  { method: 'POST', template: '/rest/api/3/version', handler: createVersion },
  { method: 'GET', template: '/rest/api/3/version/{id}', handler: getVersion },
  { method: 'PUT', template: '/rest/api/3/version/{id}', handler: updateVersion },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/properties', handler: listProjectProperties },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', handler: getProjectProperty },
  { method: 'PUT', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', handler: putProjectProperty },
  { method: 'DELETE', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', handler: deleteProjectProperty },
  { method: 'GET', template: '/rest/api/3/search/jql', handler: searchGet },
  { method: 'POST', template: '/rest/api/3/search/jql', handler: searchPost },
  { method: 'GET', template: '/rest/api/3/workflow/rule/config', handler: getWorkflowRules },
  { method: 'GET', template: '/rest/api/3/workflowscheme/project', handler: getProjectWorkflowSchemes },
  { method: 'GET', template: '/rest/api/3/field', handler: listFields },
];

/** The REST operations the site implements, as `METHOD template` (the OpenAPI fixture and contract test use them). */
export const IMPLEMENTED_OPERATIONS: readonly string[] = ROUTES.map((route) => `${route.method} ${route.template}`);
