import type { Handler } from '../context';
import { badRequest, forbidden, intParam, json } from '../http';

/** The key Jira gives a Forge app's rule: the module's extension id. */
const ruleKey = (moduleKey: string): string => `ari:cloud:ecosystem::extension/00000000-0000-4000-8000-000000000000/local/static/${moduleKey}`;

/**
 * GET /rest/api/3/workflow/rule/config: the app's own workflow rules, by workflow (one per project on this site, named
 * "<project key> workflow"). Only apps may ask (403 for users), and only `types=validator` has rules here.
 */
export const getWorkflowRules: Handler = (context, request) => {
  if (request.principal !== 'app') throw forbidden('Only Connect and Forge apps can use this operation.');
  const types = (request.url.searchParams.get('types') ?? '').split(',').filter((t) => t !== '');
  if (types.length === 0) throw badRequest("The 'types' parameter is required: postfunction, condition or validator.");
  const unknown = types.find((t) => !['postfunction', 'condition', 'validator'].includes(t));
  if (unknown !== undefined) throw badRequest(`The rule type '${unknown}' is not supported.`);
  const startAt = intParam(request.url, 'startAt', 0);
  const maxResults = Math.min(Math.max(intParam(request.url, 'maxResults', 10), 1), 10);
  const workflows = context.store.projects().map((project) => ({
    workflowId: { name: `${project.key} workflow`, draft: false },
    postFunctions: [],
    conditions: [],
    validators: types.includes('validator')
      ? context.store.transitionsOf(project.id).flatMap((transition) =>
          context.store.validatorsOf(transition.id).map((validator, index) => ({
            id: `${transition.id}-${index}`,
            key: ruleKey(validator.module_key),
            configuration: { value: validator.configuration },
            transition: { id: transition.id, name: transition.name },
          })),
        )
      : [],
  }));
  const values = workflows.filter((w) => w.validators.length > 0).slice(startAt, startAt + maxResults);
  const total = workflows.filter((w) => w.validators.length > 0).length;
  return json({ maxResults, startAt, total, isLast: startAt + values.length >= total, values });
};

/**
 * GET /rest/api/3/workflowscheme/project?projectId=: the workflow scheme of each project asked for. Each project on
 * this site has a scheme of its own whose default workflow is "<project key> workflow" (the name the rules above use).
 */
export const getProjectWorkflowSchemes: Handler = (context, request) => {
  const ids = request.url.searchParams.getAll('projectId');
  if (ids.length === 0) throw badRequest("The 'projectId' parameter is required.");
  const values = ids.flatMap((id) => {
    const project = /^\d+$/.test(id) ? context.store.projects().find((p) => p.id === Number(id)) : undefined;
    if (project === undefined) return [];
    return [{ projectIds: [String(project.id)], workflowScheme: { id: 10000 + project.id, name: `${project.key} workflow scheme`, defaultWorkflow: `${project.key} workflow`, issueTypeMappings: {} } }];
  });
  return json({ values });
};
