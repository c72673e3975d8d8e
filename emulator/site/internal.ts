import type { IncomingMessage } from 'node:http';
import { FaultRuleSchema } from '../faults';
import type { Principal, SiteContext } from './context';
import { unauthorized } from './context';
import { JIRA_ADMINS_GROUP } from './demo';
import type { Reply } from './http';
import { badRequest, forbidden, json, noContent, notFound, parseJson, readText } from './http';

/** An endpoint of the site's own (not Jira's) under `/__site/`, for tests, benchmarks and the reliability suite. */
interface InternalRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly handler: (context: SiteContext, req: IncomingMessage) => Promise<Reply>;
}

/**
 * The internal endpoints; the app (Forge auth) or a member of jira-administrators may call them:
 * - `GET /__site/metrics`: request counts by kind, e.g. `{"jira:GET /rest/api/3/issue/{issueIdOrKey}": 3}`;
 * - `POST /__site/metrics/reset`: zeroes them (204);
 * - `POST /__site/faults` with a FaultRule JSON body (`{"target":"jira","match":"PUT /rest/api/3/issue/SKU-1","status":429,"retryAfterSeconds":2,"times":3}`): 201;
 * - `DELETE /__site/faults`: clears every planned fault (204);
 * - `POST /__site/events/drain`: answers 204 once every issue event published so far (e.g. `avi:jira:created:issue`
 *   after `POST /rest/api/3/issue`) has been delivered to the app's triggers, so a test can wait for them.
 * Reading or resetting the metrics and planning a fault drain first too: a trigger still running in the background
 * after an earlier request must neither show up in a count nor take a fault planned for the next request.
 */
const INTERNAL_ROUTES: readonly InternalRoute[] = [
  {
    method: 'GET',
    path: '/__site/metrics',
    async handler(context) {
      await context.issueEvents.drain();
      return json(context.options.metrics.snapshot());
    },
  },
  {
    method: 'POST',
    path: '/__site/metrics/reset',
    async handler(context) {
      await context.issueEvents.drain();
      context.options.metrics.reset();
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/__site/faults',
    async handler(context, req) {
      await context.issueEvents.drain();
      const rule = FaultRuleSchema.safeParse(parseJson(await readText(req)));
      if (!rule.success) throw badRequest(`Invalid fault rule: ${rule.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
      context.options.faults.add(rule.data);
      return json(rule.data, 201);
    },
  },
  {
    method: 'DELETE',
    path: '/__site/faults',
    handler(context) {
      context.options.faults.clear();
      return Promise.resolve(noContent());
    },
  },
  {
    method: 'POST',
    path: '/__site/events/drain',
    async handler(context) {
      await context.issueEvents.drain();
      return noContent();
    },
  },
];

/** Serves an internal endpoint for the app or a Jira administrator; 401/403 for anyone else, 404 for an unknown one. */
export async function serveInternal(context: SiteContext, principal: Principal | undefined, req: IncomingMessage, path: string): Promise<Reply> {
  if (principal === undefined) throw unauthorized();
  if (principal !== 'app' && !principal.groups.includes(JIRA_ADMINS_GROUP)) throw forbidden(`Only the app or members of ${JIRA_ADMINS_GROUP} may use the site's internal endpoints.`);
  const method = req.method ?? 'GET';
  const route = INTERNAL_ROUTES.find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw notFound(`No internal endpoint ${method} ${path}.`);
  return route.handler(context, req);
}
