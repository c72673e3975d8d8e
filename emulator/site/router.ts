import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule } from '../faults';
import type { Principal, Route, SiteContext } from './context';
import { unauthorized } from './context';
import { errorReply, JiraError, notFound, send } from './http';
import { requireJsonBody } from './media-type';

/** A planned `hang` fault keeps the connection open this long before dropping it. */
const HANG_CLOSE_MS = 30_000;

/**
 * Matches a concrete path against a template; params are URL-decoded. undefined when it does not match.
 *
 * @example
 * matchTemplate('/rest/api/3/issue/{issueIdOrKey}', '/rest/api/3/issue/SKU-1') // { issueIdOrKey: 'SKU-1' }
 */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith('{')) {
      if (actual === '') return undefined;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

/**
 * Serves one `/rest/**` request from the route table: counts it (`jira:METHOD template`), applies a planned fault,
 * answers 405 (with Allow) for a known path with another method and 404 for an unknown one, 401 without valid
 * credentials, else the handler's reply. Errors are the caller's to turn into Jira's error body.
 */
export async function serveRest(
  routes: readonly Route[],
  context: SiteContext,
  authenticate: (req: IncomingMessage) => Principal | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const candidates = routes.map((route) => ({ route, params: matchTemplate(route.template, path) })).filter((match) => match.params !== undefined);
  const match = candidates.find((candidate) => candidate.route.method === method);
  context.options.metrics.count(`jira:${method} ${match?.route.template ?? 'unknown'}`);
  const fault = context.options.faults.take('jira', `${method} ${path}`);
  if (fault && (await applyFault(fault, res))) return;
  if (!match?.params) {
    if (candidates.length > 0) throw new JiraError(405, [`Method ${method} is not allowed for ${path}.`], {}, { Allow: candidates.map((candidate) => candidate.route.method).join(', ') });
    throw notFound(`No REST resource exists at ${path}.`);
  }
  const principal = authenticate(req);
  if (principal === undefined) throw unauthorized();
  requireJsonBody(req, `${method} ${match.route.template}`);
  const base = `http://${req.headers.host ?? 'localhost'}`;
  send(res, await match.route.handler(context, { req, url, params: match.params, principal, base }));
}

/** Applies a planned fault; true when the request is answered (or left hanging) and must not be served. */
async function applyFault(fault: FaultRule, res: ServerResponse): Promise<boolean> {
  if (fault.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.hang) {
    const timer = setTimeout(() => res.destroy(), HANG_CLOSE_MS);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    return true;
  }
  if (fault.status === undefined) return false;
  const headers: Record<string, string> = fault.status === 429 ? { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } : {};
  if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
  const message = fault.status === 429 ? 'Rate limit exceeded.' : `The site answered ${fault.status} (injected fault).`;
  send(res, errorReply(new JiraError(fault.status, [message], {}, headers)));
  return true;
}
