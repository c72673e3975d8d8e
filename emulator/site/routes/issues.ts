import { z } from 'zod';
import { adfToText, parseAdf } from '../adf';
import type { ChangelogItem, Handler, SiteContext } from '../context';
import { accountIdOf, visibleIssue } from '../context';
import { TASK_ISSUE_TYPE } from '../demo';
import { badRequest, JiraError, json, listParam, noContent, parseJson, readText } from '../http';
import { eventActor, eventIssue } from '../issue-event-parts';
import { recordIssueUpdate, textChange } from '../issue-updates';
import { renderIssue, renderStatus, selectFields, selectProperties } from '../render';
import { fieldChange, fieldEdit, VALUE_FIELDS } from '../issue-fields';
import type { IssueRow, TransitionRow } from '../store';
import type { VersionRow } from '../version-store';

const MAX_SUMMARY_LENGTH = 255;
const SETTABLE_FIELDS = new Set(['project', 'summary', 'issuetype', 'reporter', 'description']);

const IdOrKeySchema = z.object({ id: z.union([z.string(), z.number()]).optional(), key: z.string().optional() });
const CreateIssueSchema = z.object({ fields: z.record(z.string(), z.unknown()) });

/**
 * POST /rest/api/3/issue: project, summary and issue type are required (labels, components and custom fields may be
 * set too); errors name the field as Jira does. Once the
 * issue is stored, `avi:jira:created:issue` goes to the app's triggers, delivered after the 201 answer.
 */
export const createIssue: Handler = async (context, request) => {
  const parsed = CreateIssueSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw badRequest("The request body must be an object with a 'fields' object.");
  const { fields } = parsed.data;
  const errors: Record<string, string> = {};
  for (const name of Object.keys(fields)) {
    if (!SETTABLE_FIELDS.has(name) && !VALUE_FIELDS.includes(name)) errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
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

  const values = project ? valueEdits(context, project.key, fields, {}, errors) : new Map<string, unknown>();
  if (Object.keys(errors).length > 0 || !project || typeof summary !== 'string') throw new JiraError(400, [], errors);
  const description = fields['description'] === undefined ? null : JSON.stringify(fields['description']);
  const issue = context.store.transaction(() => {
    const created = context.store.createIssue({ projectId: project.id, summary, description, issueTypeId: TASK_ISSUE_TYPE.id, reporterAccountId, createdMs: context.now() });
    for (const [fieldId, value] of values) context.store.fieldValues.set(created.id, fieldId, value);
    return created;
  });
  context.issueEvents.publish({ eventType: 'avi:jira:created:issue', issue: eventIssue(context, request.base, issue), ...eventActor(request.principal) });
  return json({ id: String(issue.id), key: issue.issue_key, self: `${request.base}/rest/api/3/issue/${issue.id}` }, 201);
};

const EDITABLE_FIELDS = new Set(['summary', 'description', 'fixVersions']);
const VersionRefSchema = z.union([z.object({ id: z.union([z.string().min(1), z.number().int()]) }), z.object({ name: z.string().min(1) })]);
const EditIssueSchema = z.strictObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  /** Jira keeps it with the history entry; the site's history has no place for it, and nothing depends on it. */
  historyMetadata: z.unknown().optional(),
});

/** The project's version a `{id}` or `{name}` reference names; undefined (and an error noted) when none does. */
function versionFor(versions: readonly VersionRow[], ref: unknown): VersionRow | string {
  const parsed = VersionRefSchema.safeParse(ref);
  if (!parsed.success) return 'Specify each version as {"id": "..."} or {"name": "..."}.';
  if ('id' in parsed.data) {
    const id = String(parsed.data.id);
    return versions.find((version) => String(version.id) === id) ?? `Version id '${id}' is not valid for this project.`;
  }
  const name = parsed.data.name.toLowerCase();
  return versions.find((version) => version.name.toLowerCase() === name) ?? `Version name '${parsed.data.name}' is not valid for this project.`;
}

/** The fix versions after `fields.fixVersions` (set) or `update.fixVersions` (add / remove / set operations). */
function editedFixVersions(versions: readonly VersionRow[], current: readonly VersionRow[], set: unknown, operations: readonly Record<string, unknown>[] | undefined): VersionRow[] | string {
  let result = [...current];
  const resolveAll = (refs: unknown): VersionRow[] | string => {
    if (!Array.isArray(refs)) return 'Set fixVersions to a list of versions.';
    const resolved = refs.map((ref) => versionFor(versions, ref));
    return resolved.find((entry): entry is string => typeof entry === 'string') ?? (resolved as VersionRow[]);
  };
  if (set !== undefined) {
    const all = resolveAll(set);
    if (typeof all === 'string') return all;
    result = all;
  }
  for (const operation of operations ?? []) {
    const [verb, value] = Object.entries(operation)[0] ?? [];
    if (Object.keys(operation).length !== 1 || (verb !== 'add' && verb !== 'remove' && verb !== 'set')) return 'Each fixVersions operation is one of {"add": ...}, {"remove": ...}, {"set": [...]}.';
    if (verb === 'set') {
      const all = resolveAll(value);
      if (typeof all === 'string') return all;
      result = all;
      continue;
    }
    const version = versionFor(versions, value);
    if (typeof version === 'string') return version;
    result = verb === 'add' ? [...result.filter((v) => v.id !== version.id), version] : result.filter((v) => v.id !== version.id);
  }
  return [...new Map(result.map((version) => [version.id, version])).values()];
}

/** The changelog items of a fix version change: one per version added or removed, as Jira writes them. */
function fixVersionChanges(before: readonly VersionRow[], after: readonly VersionRow[]): ChangelogItem[] {
  const item = (from: VersionRow | undefined, to: VersionRow | undefined): ChangelogItem => ({
    field: 'Fix Version',
    fieldtype: 'jira',
    fieldId: 'fixVersions',
    from: from ? String(from.id) : null,
    fromString: from?.name ?? null,
    to: to ? String(to.id) : null,
    toString: to?.name ?? null,
  });
  const removed = before.filter((version) => !after.some((other) => other.id === version.id)).map((version) => item(version, undefined));
  const added = after.filter((version) => !before.some((other) => other.id === version.id)).map((version) => item(undefined, version));
  return [...removed, ...added];
}

/** The new value of a text field: from `fields`, or the last `{"set": value}` of its update operations (anything else is no text). */
function textEdit(fields: Record<string, unknown>, update: Record<string, readonly Record<string, unknown>[]>, name: string): { value: unknown } | undefined {
  if (name in fields) return { value: fields[name] };
  const operations = update[name];
  if (operations === undefined) return undefined;
  const last = operations.at(-1);
  return { value: last && Object.keys(last).length === 1 && 'set' in last ? last['set'] : undefined };
}

/** The labels, components and custom field values a create or edit sets (`fields`, or a `set` operation), each checked; errors are noted by field. */
function valueEdits(context: SiteContext, projectKey: string, fields: Record<string, unknown>, update: Record<string, readonly Record<string, unknown>[]>, errors: Record<string, string>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const fieldId of VALUE_FIELDS) {
    const edit = textEdit(fields, update, fieldId);
    if (edit === undefined) continue;
    const checked = edit.value === undefined ? { error: `Set ${fieldId} with {"set": value} or in fields.` } : fieldEdit(context.store, projectKey, fieldId, edit.value);
    if (checked === undefined) continue;
    if ('error' in checked) errors[fieldId] = checked.error;
    else values.set(fieldId, checked.value);
  }
  return values;
}

/**
 * PUT /rest/api/3/issue/{issueIdOrKey}: edits summary, description (ADF), fixVersions, labels, components and custom fields, through `fields` or
 * `update` operations, as Jira does; 204 (200 with the issue for `returnIssue=true`). Each change goes into the issue's
 * history and `avi:jira:updated:issue` (with that changelog) goes to the app's triggers. Errors name the field.
 */
export const editIssue: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const parsed = EditIssueSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw badRequest(`Send {"fields": {...}} and/or {"update": {"<field>": [{"set"|"add"|"remove": ...}]}}: ${z.prettifyError(parsed.error)}`);
  const fields = parsed.data.fields ?? {};
  const update = parsed.data.update ?? {};
  const errors: Record<string, string> = {};
  for (const name of [...Object.keys(fields), ...Object.keys(update)]) {
    if (!EDITABLE_FIELDS.has(name) && !VALUE_FIELDS.includes(name)) errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    else if (name in fields && name in update) errors[name] = `Field '${name}' cannot be edited in both fields and update.`;
  }

  let summary = issue.summary;
  const summaryEdit = textEdit(fields, update, 'summary');
  if (summaryEdit !== undefined) {
    if (typeof summaryEdit.value !== 'string' || summaryEdit.value.trim() === '') errors['summary'] = 'You must specify a summary of the issue.';
    else if (summaryEdit.value.length > MAX_SUMMARY_LENGTH) errors['summary'] = `Summary must be less than ${MAX_SUMMARY_LENGTH} characters.`;
    else summary = summaryEdit.value;
  }
  let description = issue.description;
  const descriptionEdit = textEdit(fields, update, 'description');
  if (descriptionEdit !== undefined) {
    const document = descriptionEdit.value === null ? null : parseAdf(descriptionEdit.value);
    if (typeof document === 'string') errors['description'] = `The description ${document}.`;
    else description = document === null ? null : JSON.stringify(document);
  }
  const versions = context.store.versions.ofProject(issue.project_id);
  const before = context.store.versions.fixVersionsOf([issue.id]).get(issue.id) ?? [];
  let after = before;
  if ('fixVersions' in fields || 'fixVersions' in update) {
    const edited = editedFixVersions(versions, before, fields['fixVersions'], update['fixVersions']);
    if (typeof edited === 'string') errors['fixVersions'] = edited;
    else after = edited;
  }
  const project = context.store.project(String(issue.project_id));
  const values = valueEdits(context, project?.key ?? '', fields, update, errors);
  if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);

  const storedValues = context.store.fieldValues.of(issue.id);
  const textOf = (json: string | null): string | null => (json === null ? null : adfToText(JSON.parse(json) as Parameters<typeof adfToText>[0]));
  const items: ChangelogItem[] = [
    ...(summary !== issue.summary ? [textChange('summary', issue.summary, summary)] : []),
    ...(description !== issue.description ? [textChange('description', textOf(issue.description), textOf(description))] : []),
    ...fixVersionChanges(before, after),
    ...[...values].flatMap(([fieldId, value]) => fieldChange(fieldId, storedValues.get(fieldId), value) ?? []),
  ];
  context.store.transaction(() => {
    context.store.updateIssue(issue.id, { summary, description }, context.now());
    context.store.versions.setFixVersions(issue.id, after.map((version) => version.id));
    for (const [fieldId, value] of values) context.store.fieldValues.set(issue.id, fieldId, value);
  });
  recordIssueUpdate(context, request.principal, request.base, issue, items);
  if (request.url.searchParams.get('returnIssue') !== 'true') return noContent();
  const edited = visibleIssue(context, request);
  return json(renderIssue(request.base, context.store, edited, selectFields(listParam(request.url, 'fields'), ['*navigable']), undefined));
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
  const from = context.store.status(issue.status_id);
  const to = context.store.status(transition.to_status_id);
  recordIssueUpdate(
    context,
    request.principal,
    request.base,
    issue,
    [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: String(from.id), fromString: from.name, to: String(to.id), toString: to.name }],
    [
      { id: String(to.id), name: to.name },
      { id: String(from.id), name: from.name },
    ],
  );
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
