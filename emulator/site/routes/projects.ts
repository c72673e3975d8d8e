import type { Handler } from '../context';
import { visibleProject } from '../context';
import { json } from '../http';
import { renderIssueType, renderProjectRef, renderUser } from '../render';

/** GET /rest/api/3/project/{projectIdOrKey}: the project with its lead and issue types. */
export const getProject: Handler = (context, request) => {
  const project = visibleProject(context, request);
  const lead = project.lead_account_id === null ? undefined : context.store.userById(project.lead_account_id);
  return json({
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...renderProjectRef(request.base, project),
    description: '',
    ...(lead ? { lead: renderUser(request.base, lead) } : {}),
    issueTypes: [renderIssueType(request.base)],
    assigneeType: 'UNASSIGNED',
    style: 'classic',
    isPrivate: false,
    properties: {},
  });
};
