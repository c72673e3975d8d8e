import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { FaultRuleSchema } from '../faults';
import type { Principal, SiteContext, TimeControl } from './context';
import { unauthorized } from './context';
import { JIRA_ADMINS_GROUP } from './demo';
import type { Reply } from './http';
import { badRequest, forbidden, JiraError, json, noContent, notFound, parseJson, readText } from './http';
import { OutgoingMailSchema, setOutgoingMail } from './notifications';
import { matchTemplate } from './router';
import { workflowOf } from './workflow';

/** An endpoint of the site's own (not Jira's) under `/__site/`, for tests, benchmarks and the reliability suite. */
interface InternalRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly handler: (context: SiteContext, req: IncomingMessage, params: Readonly<Record<string, string>>) => Promise<Reply>;
}

/** The longest single move of the clock: a year. */
const MAX_ADVANCE_MS = 366 * 86_400_000;

const AdvanceSchema = z.union([
  z.strictObject({ ms: z.number().int().positive().max(MAX_ADVANCE_MS) }),
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
]);

function timeControlOf(context: SiteContext): TimeControl {
  if (!context.options.timeControl) throw new JiraError(501, ['This site has no controllable clock: start it with npm start (emulator/main.ts).']);
  return context.options.timeControl;
}

/**
 * The internal endpoints; the app (Forge auth) or a member of jira-administrators may call them:
 * - `GET /__site/metrics`: request counts by kind, e.g. `{"jira:GET /rest/api/3/issue/{issueIdOrKey}": 3}`;
 * - `POST /__site/metrics/reset`: zeroes them (204);
 * - `POST /__site/faults` with a FaultRule JSON body (`{"target":"jira","match":"PUT /rest/api/3/issue/SKU-1","status":429,"retryAfterSeconds":2,"times":3}`): 201;
 * - `DELETE /__site/faults`: clears every planned fault (204);
 * - `POST /__site/faults/settle`: answers 204 once every late KVS write planned so far (`lateMs`) has landed;
 * - `PUT /__site/issues/{key}/status` with `{"status": "<name or id>"}`: puts the issue in that status without running
 *   validators or publishing an event (204), so a test can move a ticket back after a gated transition passed;
 * - `PUT /__site/projects/{key}/transitions/{name}` with `{"to": "<status>", "from": "<status>"}` (no `from`: a global
 *   transition): adds a transition without validators to the project's workflow, as a Jira admin edits it, or finds
 *   the one of that name it has; answers it (200), so a test can move a ticket back with a real status-change event;
 * - `PUT /__site/settings/outgoing-mail` with `{"enabled": false}`: turns Jira's outgoing mail off (on by default), so
 *   `POST /rest/api/3/issue/{issueIdOrKey}/notify` answers 403 as Jira does then (204);
 * - `POST /__site/events/drain`: answers 204 once every issue event published so far (e.g. `avi:jira:created:issue`
 *   after `POST /rest/api/3/issue`) has been delivered to the app's triggers, so a test can wait for them.
 * - `GET /__site/clock`: the site time, its offset from real time and each scheduled trigger's next and last run;
 * - `POST /__site/clock/advance` with `{"ms": 93600000}` or `{"to": "2030-01-02T03:04:05Z"}`: moves the site clock
 *   forward (never back; at most a year at once), running every scheduled trigger due on the way at its own time and
 *   delivering the events each run caused before time moves on; answers the clock and the runs;
 * - `POST /__site/scheduled-triggers/{moduleKey}/run`: runs that scheduled trigger now; answers the run.
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
    path: '/__site/faults/settle',
    async handler(context) {
      await context.options.faults.settled();
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: '/__site/issues/{key}/status',
    async handler(context, req, params) {
      // An operator's reset (tests move a ticket back after a gated transition passed); no validators, no event.
      const issue = context.store.issue(params['key'] ?? '');
      if (!issue) throw notFound(`No issue ${params['key'] ?? ''}.`);
      const body = z.object({ status: z.string().min(1) }).safeParse(parseJson(await readText(req)));
      const status = body.success ? context.store.statusesMatching(body.data.status)[0] : undefined;
      if (!status) throw badRequest('Send {"status": "<status name or id>"} naming a status of the site.');
      context.store.moveIssue(issue.id, issue.status_id, status.id, context.now());
      return noContent();
    },
  },
  {
    method: 'PUT',
    path: '/__site/projects/{key}/transitions/{name}',
    async handler(context, req, params) {
      // A workflow edit as a Jira admin makes it (a transition without validators, e.g. a way back to review).
      const body = z.strictObject({ to: z.string().min(1), from: z.string().min(1).optional() }).safeParse(parseJson(await readText(req)));
      if (!body.success) throw badRequest('Send {"to": "<status>", "from": "<status>"} naming statuses of the site; without "from" the transition is global.');
      try {
        return json(workflowOf(context.store).addTransition(params['key'] ?? '', { name: params['name'] ?? '', ...body.data }));
      } catch (error) {
        throw badRequest(error instanceof Error ? error.message : String(error));
      }
    },
  },
  {
    method: 'PUT',
    path: '/__site/settings/outgoing-mail',
    async handler(context, req) {
      const setting = OutgoingMailSchema.safeParse(parseJson(await readText(req)));
      if (!setting.success) throw badRequest('The outgoing mail setting is {"enabled": true} or {"enabled": false}.');
      setOutgoingMail(context.store, setting.data.enabled);
      return noContent();
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
  {
    method: 'GET',
    path: '/__site/clock',
    handler(context) {
      return Promise.resolve(json(timeControlOf(context).state()));
    },
  },
  {
    method: 'POST',
    path: '/__site/clock/advance',
    async handler(context, req) {
      const time = timeControlOf(context);
      const parsed = AdvanceSchema.safeParse(parseJson(await readText(req)));
      if (!parsed.success) throw badRequest(`Send {"ms": <1 to ${MAX_ADVANCE_MS}>} or {"to": "<ISO 8601 date-time with offset>"}: ${z.prettifyError(parsed.error)}`);
      const now = context.now();
      const target = 'ms' in parsed.data ? now + parsed.data.ms : Date.parse(parsed.data.to);
      if (target < now) throw badRequest(`The site clock only moves forward: it is already ${new Date(now).toISOString()}.`);
      if (target - now > MAX_ADVANCE_MS) throw badRequest('The site clock moves at most a year at once.');
      await context.issueEvents.drain();
      const runs = await time.advanceTo(target, () => context.issueEvents.drain());
      return json({ ...(time.state() as object), runs });
    },
  },
  {
    method: 'POST',
    path: '/__site/scheduled-triggers/{moduleKey}/run',
    async handler(context, _req, params) {
      const time = timeControlOf(context);
      await context.issueEvents.drain();
      let run: Promise<unknown>;
      try {
        run = time.runScheduledTrigger(params['moduleKey'] ?? '', () => context.issueEvents.drain());
      } catch (error) {
        throw notFound(error instanceof Error ? error.message : String(error));
      }
      return json(await run);
    },
  },
];

/** Serves an internal endpoint for the app or a Jira administrator; 401/403 for anyone else, 404 for an unknown one. */
export async function serveInternal(context: SiteContext, principal: Principal | undefined, req: IncomingMessage, path: string): Promise<Reply> {
  if (principal === undefined) throw unauthorized();
  if (principal !== 'app' && !principal.groups.includes(JIRA_ADMINS_GROUP)) throw forbidden(`Only the app or members of ${JIRA_ADMINS_GROUP} may use the site's internal endpoints.`);
  const method = req.method ?? 'GET';
  for (const route of INTERNAL_ROUTES) {
    const params = route.method === method ? matchTemplate(route.path, path) : undefined;
    if (params) return route.handler(context, req, params);
  }
  throw notFound(`No internal endpoint ${method} ${path}.`);
}
