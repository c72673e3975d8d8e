import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FaultRuleSchema } from '../faults';
import type { FaultRule } from '../faults';
import type { Principal, Route, SiteContext, SiteOptions, SiteUser } from './context';
import { unauthorized } from './context';
import { JIRA_ADMINS_GROUP } from './demo';
import type { StatusCategoryKey } from './demo';
import { findManifest, readIndexedValues } from './entity-properties';
import { IssueEventQueue } from './issue-events';
import type { Reply } from './http';
import { badRequest, errorReply, forbidden, JiraError, json, noContent, notFound, parseJson, readText, send } from './http';
import { requireJsonBody } from './media-type';
import type { SentNotification } from './notifications';
import { listNotifications, notifyIssue, OutgoingMailSchema, setOutgoingMail } from './notifications';
import { createIssue, doTransition, getIssue, getTransitions } from './routes/issues';
import { getProject } from './routes/projects';
import {
  deleteIssueProperty,
  deleteProjectProperty,
  getIssueProperty,
  getProjectProperty,
  listIssueProperties,
  listProjectProperties,
  putIssueProperty,
  putProjectProperty,
} from './routes/properties';
import { searchGet, searchPost } from './routes/search';
import { addGroupMember, findGroups, getGroupMembers, getMyPermissions, getMyself, getUserGroups, getUsersBulk, removeGroupMember, searchUsers } from './routes/users';
import { seedDemoData } from './seed';
import { SiteStore } from './store';

export type { IssueEvent, Principal, SiteOptions, SiteUser, ValidatorCall } from './context';

export interface StatusRef {
  id: string;
  name: string;
  category: StatusCategoryKey;
}
export interface ValidatorConfig {
  moduleKey: string;
  configuration: string;
}
export interface TransitionDef {
  id: string;
  name: string;
  /** null: a global transition, available from every status. */
  from: StatusRef | null;
  to: StatusRef;
  validators: ValidatorConfig[];
}

export interface Site {
  /** Serves /rest/** (Jira REST v3 subset; unknown paths 404) and /__site/**; false for every other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Basic `email:token`, `Forge <appSecret>` (+ X-Forge-Principal: that user), or the `site-user=<accountId>` cookie. */
  authenticate(req: IncomingMessage): SiteUser | 'app' | undefined;
  users(): SiteUser[];
  projects(): { id: string; key: string; name: string }[];
  /** Notifications sent with POST /rest/api/3/issue/{issueIdOrKey}/notify, newest first (shown at /notifications). */
  notifications(): SentNotification[];
  /** Seeds the demo's Jira data on a fresh database; does nothing on one that has users. */
  seedDemo(): void;
  workflow: {
    listTransitions(projectKey: string): TransitionDef[];
    /** Replaces the transition's validators (in order); throws when the transition does not exist or a validator is malformed. */
    setValidators(transitionId: string, validators: ValidatorConfig[]): void;
  };
}

const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/rest/api/3/myself', handler: getMyself },
  { method: 'POST', template: '/rest/api/3/issue', handler: createIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties', handler: listIssueProperties },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: getIssueProperty },
  { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: putIssueProperty },
  { method: 'DELETE', template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', handler: deleteIssueProperty },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: getTransitions },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/transitions', handler: doTransition },
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/notify', handler: notifyIssue },
  { method: 'GET', template: '/rest/api/3/users/search', handler: searchUsers },
  { method: 'GET', template: '/rest/api/3/user/bulk', handler: getUsersBulk },
  { method: 'GET', template: '/rest/api/3/user/groups', handler: getUserGroups },
  { method: 'GET', template: '/rest/api/3/group/member', handler: getGroupMembers },
  { method: 'POST', template: '/rest/api/3/group/user', handler: addGroupMember },
  { method: 'DELETE', template: '/rest/api/3/group/user', handler: removeGroupMember },
  { method: 'GET', template: '/rest/api/3/groups/picker', handler: findGroups },
  { method: 'GET', template: '/rest/api/3/mypermissions', handler: getMyPermissions },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', handler: getProject },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/properties', handler: listProjectProperties },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', handler: getProjectProperty },
  { method: 'PUT', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', handler: putProjectProperty },
  { method: 'DELETE', template: '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}', handler: deleteProjectProperty },
  { method: 'GET', template: '/rest/api/3/search/jql', handler: searchGet },
  { method: 'POST', template: '/rest/api/3/search/jql', handler: searchPost },
];

/** The REST operations the site implements, as `METHOD template` (the OpenAPI fixture and contract test use them). */
export const IMPLEMENTED_OPERATIONS: readonly string[] = ROUTES.map((route) => `${route.method} ${route.template}`);

/** Matches a concrete path against a template; params are URL-decoded. undefined when it does not match. */
function matchTemplate(template: string, path: string): Record<string, string> | undefined {
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

const HANG_CLOSE_MS = 30_000;
const AVATAR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="12" fill="#6B778C"/><circle cx="12" cy="9" r="4" fill="#fff"/><path d="M4 20c1.5-4 4.5-5 8-5s6.5 1 8 5" fill="#fff"/></svg>';

const ValidatorConfigSchema = z.strictObject({ moduleKey: z.string().min(1).max(255), configuration: z.string().max(32_768) });

/**
 * The Jira side of the local site.
 *
 * Internal endpoints (not Jira's), for tests, benchmarks and the reliability suite; the app (Forge auth) or a
 * member of jira-administrators may call them:
 * - `GET /__site/metrics`: request counts by kind, e.g. `{"jira:GET /rest/api/3/issue/{issueIdOrKey}": 3}`;
 * - `POST /__site/metrics/reset`: zeroes them (204);
 * - `POST /__site/faults` with a FaultRule JSON body (`{"target":"jira","match":"PUT /rest/api/3/issue/SKU-1","status":429,"retryAfterSeconds":2,"times":3}`): 201;
 * - `DELETE /__site/faults`: clears every planned fault (204);
 * - `POST /__site/faults/settle`: answers 204 once every late KVS write planned so far (`lateMs`) has landed;
 * - `PUT /__site/issues/{key}/status` with `{"status": "<name or id>"}`: puts the issue in that status without running
 *   validators or publishing an event (204), so a test can move a ticket back after a gated transition passed;
 * - `PUT /__site/settings/outgoing-mail` with `{"enabled": false}`: turns Jira's outgoing mail off (on by default), so
 *   `POST /rest/api/3/issue/{issueIdOrKey}/notify` answers 403 as Jira does then (204);
 * - `POST /__site/events/drain`: answers 204 once every issue event published so far (e.g. `avi:jira:created:issue`
 *   after `POST /rest/api/3/issue`) has been delivered to the app's triggers, so a test can wait for them. Reading or
 *   resetting the metrics and planning a fault drain first too: a trigger still running in the background after an
 *   earlier request must neither show up in a count nor take a fault planned for the next request;
 * - `GET /__site/avatar.svg` (public): the avatar every `avatarUrls` points at.
 *
 * @example
 * const site = createSite({ db: openDatabase(':memory:'), appSecret, metrics, faults, runValidator });
 * site.seedDemo();
 * http.createServer((req, res) => void site.handle(req, res)).listen(0, '127.0.0.1');
 */
export function createSite(options: SiteOptions): Site {
  const indexedValues = readIndexedValues(options.manifestFile ?? findManifest());
  const store = new SiteStore(options.db, indexedValues);
  const now = options.now ?? Date.now;
  const issueEvents = new IssueEventQueue(options.onIssueEvent?.bind(options));
  const context: SiteContext = { store, options, indexedValues, now, issueEvents };
  reindexWhenDeclarationsChanged(store, JSON.stringify(indexedValues));
  const appSecret = Buffer.from(options.appSecret);

  const toSiteUser = (accountId: string): SiteUser | undefined => {
    const row = store.userById(accountId);
    if (!row || row.active !== 1) return undefined;
    return { accountId: row.account_id, emailAddress: row.email, displayName: row.display_name, groups: store.groupsOf(row.account_id).map((group) => group.name) };
  };

  function authenticate(req: IncomingMessage): Principal | undefined {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const [scheme = '', credentials = ''] = authorization.split(/\s+/, 2);
      if (scheme.toLowerCase() === 'basic') {
        const decoded = Buffer.from(credentials, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const user = colon < 0 ? undefined : store.userByEmail(decoded.slice(0, colon));
        if (!user || !safeEqual(Buffer.from(user.api_token), Buffer.from(decoded.slice(colon + 1)))) return undefined;
        return toSiteUser(user.account_id);
      }
      if (scheme === 'Forge' && safeEqual(Buffer.from(credentials), appSecret)) {
        const principal = req.headers['x-forge-principal'];
        if (principal === undefined) return 'app';
        return typeof principal === 'string' ? toSiteUser(principal) : undefined;
      }
      return undefined;
    }
    const cookie = /(?:^|;\s*)site-user=([^;]+)/.exec(req.headers.cookie ?? '');
    return cookie?.[1] === undefined ? undefined : toSiteUser(decodeURIComponent(cookie[1]));
  }

  const requireOperator = (req: IncomingMessage): void => {
    const principal = authenticate(req);
    if (principal === undefined) throw unauthorized();
    if (principal !== 'app' && !principal.groups.includes(JIRA_ADMINS_GROUP)) throw forbidden(`Only the app or members of ${JIRA_ADMINS_GROUP} may use the site's internal endpoints.`);
  };

  async function internal(req: IncomingMessage, path: string): Promise<Reply> {
    const method = req.method ?? 'GET';
    requireOperator(req);
    if (method === 'GET' && path === '/__site/metrics') {
      await issueEvents.drain();
      return json(options.metrics.snapshot());
    }
    if (method === 'POST' && path === '/__site/metrics/reset') {
      await issueEvents.drain();
      options.metrics.reset();
      return noContent();
    }
    if (method === 'POST' && path === '/__site/faults') {
      await issueEvents.drain();
      const rule = FaultRuleSchema.safeParse(parseJson(await readText(req)));
      if (!rule.success) throw badRequest(`Invalid fault rule: ${rule.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
      options.faults.add(rule.data);
      return json(rule.data, 201);
    }
    if (method === 'DELETE' && path === '/__site/faults') {
      options.faults.clear();
      return noContent();
    }
    if (method === 'POST' && path === '/__site/faults/settle') {
      await options.faults.settled();
      return noContent();
    }
    if (method === 'PUT' && path === '/__site/settings/outgoing-mail') {
      const setting = OutgoingMailSchema.safeParse(parseJson(await readText(req)));
      if (!setting.success) throw badRequest('The outgoing mail setting is {"enabled": true} or {"enabled": false}.');
      setOutgoingMail(options.db, setting.data.enabled);
      return noContent();
    }
    if (method === 'POST' && path === '/__site/events/drain') {
      await issueEvents.drain();
      return noContent();
    }
    const statusOf = /^\/__site\/issues\/([^/]+)\/status$/.exec(path);
    if (method === 'PUT' && statusOf?.[1] !== undefined) {
      // An operator's reset (tests move a ticket back after a gated transition passed); no validators, no event.
      const issue = store.issue(decodeURIComponent(statusOf[1]));
      if (!issue) throw notFound(`No issue ${statusOf[1]}.`);
      const body = z.object({ status: z.string().min(1) }).safeParse(parseJson(await readText(req)));
      const status = body.success ? store.statusesMatching(body.data.status)[0] : undefined;
      if (!status) throw badRequest('Send {"status": "<status name or id>"} naming a status of the site.');
      store.moveIssue(issue.id, issue.status_id, status.id, context.now());
      return noContent();
    }
    throw notFound(`No internal endpoint ${method} ${path}.`);
  }

  async function serveRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const candidates = ROUTES.map((route) => ({ route, params: matchTemplate(route.template, path) })).filter((match) => match.params !== undefined);
    const match = candidates.find((candidate) => candidate.route.method === method);
    options.metrics.count(`jira:${method} ${match?.route.template ?? 'unknown'}`);
    const fault = options.faults.take('jira', `${method} ${path}`);
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

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://site.invalid');
      const isRest = url.pathname.startsWith('/rest/');
      if (!isRest && !url.pathname.startsWith('/__site/')) return false;
      try {
        if (isRest) await serveRest(req, res, url);
        else if (url.pathname === '/__site/avatar.svg' && req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' });
          res.end(AVATAR_SVG);
        } else send(res, await internal(req, url.pathname));
      } catch (error) {
        if (error instanceof JiraError) send(res, errorReply(error));
        else {
          console.error('Local Jira site: request failed', req.method, req.url, error);
          send(res, errorReply(new JiraError(500, ['Internal server error.'])));
        }
      }
      return true;
    },
    authenticate,
    users() {
      return (store.sql('SELECT account_id FROM users WHERE active = 1 ORDER BY display_name').pluck().all() as string[]).flatMap((accountId) => toSiteUser(accountId) ?? []);
    },
    projects() {
      return store.projects().map((project) => ({ id: String(project.id), key: project.key, name: project.name }));
    },
    notifications() {
      return listNotifications(options.db);
    },
    seedDemo() {
      seedDemoData(store, now());
    },
    workflow: {
      listTransitions(projectKey) {
        const project = store.project(projectKey);
        if (!project) throw new Error(`No project could be found with key '${projectKey}'.`);
        const statusRef = (id: number): StatusRef => {
          const status = store.status(id);
          return { id: String(status.id), name: status.name, category: status.category };
        };
        return store.transitionsOf(project.id).map((transition) => ({
          id: String(transition.id),
          name: transition.name,
          from: transition.from_status_id === null ? null : statusRef(transition.from_status_id),
          to: statusRef(transition.to_status_id),
          validators: store.validatorsOf(transition.id).map((validator) => ({ moduleKey: validator.module_key, configuration: validator.configuration })),
        }));
      },
      setValidators(transitionId, validators) {
        const parsed = z.array(ValidatorConfigSchema).max(20).parse(validators);
        if (!/^\d+$/.test(transitionId) || !store.transition(Number(transitionId))) throw new Error(`No transition with id '${transitionId}'.`);
        store.setValidators(Number(transitionId), parsed);
      },
    },
  };
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

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The JQL index holds what the manifest declared when it was built: rebuild it when the declarations changed. */
function reindexWhenDeclarationsChanged(store: SiteStore, declarations: string): void {
  const stored = store.sql("SELECT value FROM meta WHERE key = 'entity-property-index'").pluck().get() as string | undefined;
  if (stored === declarations) return;
  store.reindexAll();
  store.sql("INSERT INTO meta (key, value) VALUES ('entity-property-index', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(declarations);
}
