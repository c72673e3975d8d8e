import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAuthenticator, siteUser } from './auth';
import type { SiteContext, SiteOptions, SiteUser } from './context';
import { findManifest, readIndexedValues } from './entity-properties';
import { errorReply, JiraError, send } from './http';
import { serveInternal } from './internal';
import { IssueEventQueue } from './issue-events';
import type { SentNotification } from './notifications';
import { listNotifications } from './notifications';
import { serveRest } from './router';
import { ROUTES } from './routes';
import { seedDemoData, seedDemoKep, seedDemoVersions } from './seed';
import { SiteStore } from './store';
import type { Workflow } from './workflow';
import { workflowOf } from './workflow';

export type { IssueEvent, Principal, SiteOptions, SiteUser, ValidatorCall } from './context';
export { IMPLEMENTED_OPERATIONS } from './routes';
export type { StatusRef, TransitionDef, ValidatorConfig } from './workflow';

export interface Site {
  /** Serves /rest/** (Jira REST v3 subset; unknown paths 404) and /__site/**; false for every other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Basic `email:token`, `Forge <appSecret>` (+ X-Forge-Principal: that user), or the `site-user=<accountId>` cookie. */
  authenticate(req: IncomingMessage): SiteUser | 'app' | undefined;
  users(): SiteUser[];
  projects(): { id: string; key: string; name: string }[];
  /** Notifications sent with POST /rest/api/3/issue/{issueIdOrKey}/notify, newest first (shown at /notifications). */
  notifications(): SentNotification[];
  /** Seeds the demo's Jira data on a fresh database (and its versions on one that has none); does nothing twice. */
  seedDemo(): void;
  /** Seeds the second demo project, KEP (the Kubernetes PRR process), once; `npm start` does, the REST tests' sites do not. */
  seedDemoKep(): void;
  /**
   * Forgets the notifications about these issues: the demo seed records approvals through the app, whose "waits on
   * you" messages are no longer true once the seed has approved everything (so they would only mislead).
   */
  forgetNotificationsAbout(issueKeys: readonly string[]): void;
  workflow: Workflow;
}

const AVATAR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="12" fill="#6B778C"/><circle cx="12" cy="9" r="4" fill="#fff"/><path d="M4 20c1.5-4 4.5-5 8-5s6.5 1 8 5" fill="#fff"/></svg>';
const INDEX_DECLARATIONS_KEY = 'entity-property-index';

/**
 * The Jira side of the local site: the REST operations of `routes/index.ts`, the internal `/__site/` endpoints
 * (internal.ts) and the public `GET /__site/avatar.svg` every `avatarUrls` points at. All data goes through the
 * store (SQLite).
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
  const authenticate = createAuthenticator(store, options.appSecret);

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://site.invalid');
      const isRest = url.pathname.startsWith('/rest/');
      if (!isRest && !url.pathname.startsWith('/__site/')) return false;
      try {
        if (isRest) await serveRest(ROUTES, context, authenticate, req, res, url);
        else if (url.pathname === '/__site/avatar.svg' && req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' });
          res.end(AVATAR_SVG);
        } else send(res, await serveInternal(context, authenticate(req), req, url.pathname));
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
      return store.activeUsers().flatMap((user) => siteUser(store, user.account_id) ?? []);
    },
    projects() {
      return store.projects().map((project) => ({ id: String(project.id), key: project.key, name: project.name }));
    },
    notifications() {
      return listNotifications(store);
    },
    seedDemo() {
      seedDemoData(store, now());
      seedDemoVersions(store, now());
    },
    seedDemoKep() {
      seedDemoKep(store, now());
    },
    forgetNotificationsAbout(issueKeys) {
      store.deleteNotificationsAbout(issueKeys);
    },
    workflow: workflowOf(store),
  };
}

/** The JQL index holds what the manifest declared when it was built: rebuild it when the declarations changed. */
function reindexWhenDeclarationsChanged(store: SiteStore, declarations: string): void {
  if (store.metaValue(INDEX_DECLARATIONS_KEY) === declarations) return;
  store.transaction(() => {
    store.reindexAll();
    store.setMetaValue(INDEX_DECLARATIONS_KEY, declarations);
  });
}
