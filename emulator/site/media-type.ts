import type { IncomingMessage } from 'node:http';
import { JiraError } from './http';

/**
 * The operations the site serves whose request body Jira's REST description gives only as `application/json`
 * (media-type.test.ts checks this list against the description). Jira refuses such a body sent as anything else.
 */
export const JSON_BODY_OPERATIONS: ReadonlySet<string> = new Set([
  'POST /rest/api/3/issue',
  'PUT /rest/api/3/issue/{issueIdOrKey}',
  'POST /rest/api/3/issue/{issueIdOrKey}/comment',
  'PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
  'POST /rest/api/3/issue/{issueIdOrKey}/remotelink',
  'PUT /rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
  'POST /rest/api/3/issueLink',
  'POST /rest/api/3/version',
  'PUT /rest/api/3/version/{id}',
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
  'POST /rest/api/3/issue/{issueIdOrKey}/notify',
  'PUT /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
  'POST /rest/api/3/search/jql',
  'POST /rest/api/3/group/user',
]);

/**
 * Answers 415 Unsupported Media Type, as Jira does, when an operation that takes JSON gets a body of another type or
 * none declared (`application/json; charset=UTF-8` is JSON).
 *
 * @example
 * requireJsonBody(req, 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}');
 */
export function requireJsonBody(req: IncomingMessage, operation: string): void {
  if (!JSON_BODY_OPERATIONS.has(operation)) return;
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json') {
    throw new JiraError(415, [`Unsupported Media Type: ${operation.split(' ')[0] ?? ''} ${req.url?.split('?')[0] ?? ''} takes a JSON body (Content-Type: application/json), not '${mediaType || 'none'}'.`]);
  }
}
