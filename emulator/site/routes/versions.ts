import { z } from 'zod';
import type { Handler, SiteContext, SiteRequest } from '../context';
import { canAdminister, visibleProject } from '../context';
import { forbidden, JiraError, json, listParam, notFound, parseJson, projectNotFound, readText } from '../http';
import { renderVersion } from '../render';
import type { ProjectRow } from '../store';
import type { VersionFields, VersionRow } from '../version-store';

/** Jira's limits on a version's name and description. */
const MAX_NAME_LENGTH = 255;
const MAX_DESCRIPTION_BYTES = 16_384;

const DateSchema = z.iso.date({ error: 'must be a date in the form yyyy-mm-dd' });
const VersionSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`).optional(),
  description: z.string().refine((text) => Buffer.byteLength(text) <= MAX_DESCRIPTION_BYTES, `must be at most ${MAX_DESCRIPTION_BYTES} bytes`).optional(),
  projectId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
  project: z.string().min(1).optional(),
  startDate: DateSchema.nullable().optional(),
  releaseDate: DateSchema.nullable().optional(),
  released: z.boolean().optional(),
  archived: z.boolean().optional(),
  expand: z.string().optional(),
});
type VersionBody = z.infer<typeof VersionSchema>;

const today = (context: SiteContext): string => new Date(context.now()).toISOString().slice(0, 10);

async function versionBody(request: SiteRequest): Promise<VersionBody> {
  const parsed = VersionSchema.safeParse(parseJson(await readText(request.req)));
  if (!parsed.success) throw new JiraError(400, [], Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', issue.message])));
  return parsed.data;
}

/** 400 with Jira's field errors when the fields cannot be a version of the project (another one has the name, start after release). */
function checkFields(context: SiteContext, projectId: number, fields: VersionFields, self: number | undefined): void {
  const errors: Record<string, string> = {};
  const clash = context.store.versions.byName(projectId, fields.name);
  if (clash && clash.id !== self) errors['name'] = 'A version with this name already exists in this project.';
  if (fields.startDate !== null && fields.releaseDate !== null && fields.startDate > fields.releaseDate) errors['startDate'] = 'The start date must be before the release date.';
  if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
}

function administered(context: SiteContext, request: SiteRequest, project: ProjectRow): void {
  if (!canAdminister(context, request.principal, project.id)) throw forbidden("You don't have permission to manage the versions of this project. You need the 'Administer Projects' project permission.");
}

function render(context: SiteContext, request: SiteRequest, version: VersionRow): Record<string, unknown> {
  const rendered = renderVersion(request.base, version, today(context));
  if (!(listParam(request.url, 'expand') ?? []).includes('issuesstatus')) return rendered;
  const counts = context.store.versions.issueCounts(version.id);
  return { ...rendered, issuesStatusForFixVersion: { unmapped: 0, toDo: counts.new, inProgress: counts.indeterminate, done: counts.done } };
}

function versionOf(context: SiteContext, request: SiteRequest): VersionRow {
  const raw = request.params['id'] ?? '';
  const version = /^\d{1,15}$/.test(raw) ? context.store.versions.get(Number(raw)) : undefined;
  if (!version) throw notFound(`Could not find version for id '${raw}'`);
  return version;
}

/** GET /rest/api/3/project/{projectIdOrKey}/versions: every version of the project, in order. */
export const listProjectVersions: Handler = (context, request) => {
  const project = visibleProject(context, request);
  return json(context.store.versions.ofProject(project.id).map((version) => render(context, request, version)));
};

/** POST /rest/api/3/version: project admins create a version (`name` and `projectId` or `project` key required); 201. */
export const createVersion: Handler = async (context, request) => {
  const body = await versionBody(request);
  const errors: Record<string, string> = {};
  if (body.name === undefined) errors['name'] = 'You must specify a valid version name';
  const projectRef = body.projectId === undefined ? body.project : String(body.projectId);
  if (projectRef === undefined) errors['project'] = 'You must specify a valid project (projectId or project key).';
  if (Object.keys(errors).length > 0 || body.name === undefined || projectRef === undefined) throw new JiraError(400, [], errors);
  const project = context.store.project(projectRef);
  if (!project) throw projectNotFound(projectRef);
  administered(context, request, project);
  const fields: VersionFields = {
    name: body.name,
    description: body.description ?? '',
    startDate: body.startDate ?? null,
    releaseDate: body.releaseDate ?? null,
    released: body.released ?? false,
    archived: body.archived ?? false,
  };
  checkFields(context, project.id, fields, undefined);
  return json(render(context, request, context.store.versions.create(project.id, fields)), 201);
};

export const getVersion: Handler = (context, request) => json(render(context, request, versionOf(context, request)));

/** PUT /rest/api/3/version/{id}: project admins change any of name, description, dates, released, archived; 200 with the version. */
export const updateVersion: Handler = async (context, request) => {
  const version = versionOf(context, request);
  const project = context.store.project(String(version.project_id));
  if (!project) throw notFound(`Could not find version for id '${version.id}'`);
  administered(context, request, project);
  const body = await versionBody(request);
  if (body.projectId !== undefined && String(body.projectId) !== String(project.id)) throw new JiraError(400, [], { projectId: 'A version cannot move to another project.' });
  const fields: VersionFields = {
    name: body.name ?? version.name,
    description: body.description ?? version.description,
    startDate: body.startDate === undefined ? version.start_date : body.startDate,
    releaseDate: body.releaseDate === undefined ? version.release_date : body.releaseDate,
    released: body.released ?? version.released === 1,
    archived: body.archived ?? version.archived === 1,
  };
  checkFields(context, project.id, fields, version.id);
  return json(render(context, request, context.store.versions.update(version.id, fields)));
};
