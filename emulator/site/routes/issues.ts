import { z } from 'zod';
import type { Handler, SiteContext } from '../context';
import { accountIdOf, visibleIssue } from '../context';
import { TASK_ISSUE_TYPE } from '../demo';
import { badRequest, JiraError, json, listParam, noContent, parseJson, readText } from '../http';
import { renderIssue, renderStatus, selectFields, selectProperties } from '../render';
import type { IssueRow, TransitionRow } from '../store';

const MAX_SUMMARY_LENGTH = 255;
const SETTABLE_FIELDS = new Set(['project', 'summary', 'issuetype', 'reporter', 'description']);

const IdOrKeySchema = z.object({ id: z.union([z.string(), z.number()]).optional(), key: z.string().optional() });
const CreateIssueSchema = z.object({ fields: z.record(z.string(), z.unknown()) });

/**
 * POST /rest/api/3/issue: project, summary and issue type are required; errors name the field as Jira does. Once the
 * issue is stored, `avi:jira:created:issue` goes to the app's triggers, delivered after the 201 answer.
 */
export const createIssue: Handler = async (context, request) => {
  const parsed = CreateIssueSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw badRequest("The request body must be an object with a 'fields' object.");
  const { fields } = parsed.data;
  const errors: Record<string, string> = {};
  for (const name of Object.keys(fields)) {
    if (!SETTABLE_FIELDS.has(name)) errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
  }

  const projectRef = IdOrKeySchema.safeParse(fields['project']);
  const projectIdOrKey = projectRef.success ? String(projectRef.data.id ?? projectRef.data.key ?? '') : '';
  const project = projectIdOrKey === '' ? undefined : context.store.project(projectIdOrKey);
  if (!project) errors['project'] = 'Specify a valid project ID or key';

  const summary = fields['summary'];
  if (typeof summary !== 'string' || summary.trim() === '') errors['summary'] = 'You must specify a summary of the issue.';
  else if (summary.length > MAX_SUMMARY_LENGTH) errors['summary'] = `Summary must be less than ${MAX_SUMMARY_LENGTH} characters.`;

  const issueTypeRef = z.object({ id: z.string().optional(), name: z.string().optional() }).safeParse(fields['issuetype']);
  if (!issueTypeRef.success || (issueTypeRef.data.id === undefined && issueTypeRef.data.name === undefined)) errors['issuetype'] = 'Specify an issue type';
  else if (issueTypeRef.data.id !== undefined ? issueTypeRef.data.id !== TASK_ISSUE_TYPE.id : issueTypeRef.data.name?.toLowerCase() !== TASK_ISSUE_TYPE.name.toLowerCase()) {
    errors['issuetype'] = 'Specify a valid issue type';
  }

  let reporterAccountId = accountIdOf(request.principal) ?? null;
  if (fields['reporter'] !== undefined) {
    const reporter = z.object({ accountId: z.string() }).nullable().safeParse(fields['reporter']);
    if (!reporter.success) errors['reporter'] = 'Specify the reporter as an object with an accountId.';
    else if (reporter.data !== null && !context.store.userById(reporter.data.accountId)) errors['reporter'] = 'The reporter specified is not a user.';
    else reporterAccountId = reporter.data?.accountId ?? null;
  }

  if (Object.keys(errors).length > 0 || !project || typeof summary !== 'string') throw new JiraError(400, [], errors);
  const description = fields['description'] === undefined ? null : JSON.stringify(fields['description']);
  const issue = context.store.createIssue({ projectId: project.id, summary, description, issueTypeId: TASK_ISSUE_TYPE.id, reporterAccountId, createdMs: context.now() });
  const creator = accountIdOf(request.principal);
  const { fields: renderedFields } = renderIssue(request.base, context.store, issue, selectFields(['*all'], []), undefined);
  context.issueEvents.publish({
    eventType: 'avi:jira:created:issue',
    issue: { id: String(issue.id), key: issue.issue_key, fields: renderedFields as Record<string, unknown> },
    ...(creator !== undefined && { atlassianId: creator, associatedUsers: [{ accountId: creator }] }),
    selfGenerated: request.principal === 'app',
  });
  return json({ id: String(issue.id), key: issue.issue_key, self: `${request.base}/rest/api/3/issue/${issue.id}` }, 201);
};

/** GET /rest/api/3/issue/{issueIdOrKey}?fields=&properties= */
export const getIssue: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const fields = selectFields(listParam(request.url, 'fields'), ['*all']);
  const requestedProperties = listParam(request.url, 'properties');
  const properties = requestedProperties === undefined ? undefined : propertiesOf(context, issue, requestedProperties);
  return json(renderIssue(request.base, context.store, issue, fields, properties));
};

function propertiesOf(context: SiteContext, issue: IssueRow, requested: readonly string[]) {
  const all = context.store.issueProperties(issue.id);
  const wanted = new Set(selectProperties(requested, all.map((row) => row.key)));
  return all.filter((row) => wanted.has(row.key));
}

/** Transitions a user can take from the issue's current status (Jira hides the ones that lead nowhere). */
function availableTransitions(context: SiteContext, issue: IssueRow): TransitionRow[] {
  return context.store
    .transitionsOf(issue.project_id)
    .filter((transition) => (transition.from_status_id === null || transition.from_status_id === issue.status_id) && transition.to_status_id !== issue.status_id);
}

export const getTransitions: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const only = request.url.searchParams.get('transitionId');
  const transitions = availableTransitions(context, issue)
    .filter((transition) => only === null || String(transition.id) === only)
    .map((transition) => ({
      id: String(transition.id),
      name: transition.name,
      to: renderStatus(request.base, context.store.status(transition.to_status_id)),
      hasScreen: false,
      isGlobal: transition.from_status_id === null,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
  return json({ expand: 'transitions', transitions });
};

const DoTransitionSchema = z.object({ transition: z.object({ id: z.union([z.string().min(1), z.number().int()]) }) });

/**
 * POST /rest/api/3/issue/{issueIdOrKey}/transitions: runs the transition's validators in order; the first that
 * fails (or cannot run: fail closed) answers 400 with its message and the issue stays where it was; 204 once moved.
 */
export const doTransition: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const body = DoTransitionSchema.safeParse(parseJson(await readText(request.req)));
  if (!body.success) throw new JiraError(400, [], { transition: "Missing 'transition' identifier: send {\"transition\": {\"id\": \"<id>\"}}." });
  const id = String(body.data.transition.id);
  const transition = availableTransitions(context, issue).find((candidate) => String(candidate.id) === id);
  if (!transition) throw badRequest(`Transition id '${id}' is not valid for this issue.`);

  for (const validator of context.store.validatorsOf(transition.id)) {
    const verdict = await runValidator(context, issue, transition, validator);
    if (verdict !== undefined) throw badRequest(verdict);
  }
  if (!context.store.moveIssue(issue.id, issue.status_id, transition.to_status_id, context.now())) {
    throw new JiraError(409, ['The issue changed status while its workflow validators ran. Reload the issue and try again.']);
  }
  return noContent();
};

/** The validator's refusal message, or undefined when it allowed the transition. */
async function runValidator(
  context: SiteContext,
  issue: IssueRow,
  transition: TransitionRow,
  validator: { module_key: string; configuration: string },
): Promise<string | undefined> {
  try {
    const outcome = await context.options.runValidator({
      moduleKey: validator.module_key,
      configuration: validator.configuration,
      issue: { key: issue.issue_key },
      transition: { id: String(transition.id), name: transition.name, from: { id: String(issue.status_id) }, to: { id: String(transition.to_status_id) } },
    });
    if (outcome.result === true) return undefined;
    return typeof outcome.errorMessage === 'string' && outcome.errorMessage.trim() !== '' ? outcome.errorMessage : 'The transition was refused by a workflow validator.';
  } catch (error) {
    return `The workflow validator '${validator.module_key}' could not run, so the transition was refused: ${error instanceof Error ? error.message : String(error)}`;
  }
}
