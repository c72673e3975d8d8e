import type { Handler, SiteContext, SiteRequest } from '../context';
import { canAdminister, visibleIssue, visibleProject } from '../context';
import type { Reply } from '../http';
import { badRequest, forbidden, json, noContent, notFound, readText } from '../http';
import type { PropertyRow } from '../store';

/** Issue and project entity properties: Jira's limits are a key of at most 255 and a JSON value of at most 32,768 characters. */

export const MAX_PROPERTY_KEY_LENGTH = 255;
export const MAX_PROPERTY_VALUE_LENGTH = 32_768;

function propertyKey(request: SiteRequest): string {
  const key = request.params['propertyKey'] ?? '';
  if (key.length > MAX_PROPERTY_KEY_LENGTH) throw badRequest(`The property key cannot be longer than ${MAX_PROPERTY_KEY_LENGTH} characters.`);
  return key;
}

/** The request body as normalised JSON text; 400 when empty, too long or not JSON. */
async function propertyValue(request: SiteRequest): Promise<string> {
  const text = await readText(request.req);
  if (text.trim() === '') throw badRequest('The property value cannot be empty.');
  if (text.length > MAX_PROPERTY_VALUE_LENGTH) throw badRequest(`The property value cannot be longer than ${MAX_PROPERTY_VALUE_LENGTH} characters.`);
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    throw badRequest('The property value must be a valid JSON.');
  }
}

const missing = (key: string) => notFound(`The property with key '${key}' does not exist.`);
const keysReply = (selfOf: (key: string) => string, rows: readonly PropertyRow[]): Reply => json({ keys: rows.map((row) => ({ self: selfOf(row.key), key: row.key })) });
const valueReply = (row: PropertyRow): Reply => json({ key: row.key, value: JSON.parse(row.value) as unknown });

const issuePropertySelf = (request: SiteRequest, issueId: number) => (key: string) => `${request.base}/rest/api/3/issue/${issueId}/properties/${encodeURIComponent(key)}`;
const projectPropertySelf = (request: SiteRequest, projectId: number) => (key: string) => `${request.base}/rest/api/3/project/${projectId}/properties/${encodeURIComponent(key)}`;

export const listIssueProperties: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  return keysReply(issuePropertySelf(request, issue.id), context.store.issueProperties(issue.id));
};

export const getIssueProperty: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const key = propertyKey(request);
  const row = context.store.issueProperty(issue.id, key);
  if (!row) throw missing(key);
  return valueReply(row);
};

export const putIssueProperty: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  const key = propertyKey(request);
  const value = await propertyValue(request);
  return { status: context.store.putIssueProperty(issue.id, key, value) ? 201 : 200 };
};

export const deleteIssueProperty: Handler = (context, request) => {
  const issue = visibleIssue(context, request);
  const key = propertyKey(request);
  if (!context.store.deleteIssueProperty(issue.id, key)) throw missing(key);
  return noContent();
};

function administeredProject(context: SiteContext, request: SiteRequest) {
  const project = visibleProject(context, request);
  if (!canAdminister(context, request.principal, project.id)) throw forbidden("You don't have permission to edit the properties of this project. You need the 'Administer Projects' project permission.");
  return project;
}

export const listProjectProperties: Handler = (context, request) => {
  const project = visibleProject(context, request);
  return keysReply(projectPropertySelf(request, project.id), context.store.projectProperties(project.id));
};

export const getProjectProperty: Handler = (context, request) => {
  const project = visibleProject(context, request);
  const key = propertyKey(request);
  const row = context.store.projectProperty(project.id, key);
  if (!row) throw missing(key);
  return valueReply(row);
};

export const putProjectProperty: Handler = async (context, request) => {
  const project = administeredProject(context, request);
  const key = propertyKey(request);
  const value = await propertyValue(request);
  return { status: context.store.putProjectProperty(project.id, key, value) ? 201 : 200 };
};

export const deleteProjectProperty: Handler = (context, request) => {
  const project = administeredProject(context, request);
  const key = propertyKey(request);
  if (!context.store.deleteProjectProperty(project.id, key)) throw missing(key);
  return noContent();
};
