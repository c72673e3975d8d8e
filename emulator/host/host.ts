import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { handleInvokeHttp, sendJson } from '../runtime/forge-runtime';
import type { ForgeRuntime } from '../runtime/forge-runtime';
import { projectRoot } from '../runtime/project-root';
import { SiteRequestError } from '../runtime/site-client';
import { readText } from '../site/http';
import { loadAssets } from './assets';
import { frameContext, placementOf } from './custom-ui';
import type { Theme } from './html';
import { pageCsp } from './html';
import type { HostSite, HostUser } from './host-site';
import type { SiteOrigins } from './origins';
import { dashboardPage, gadgetModules } from './pages/dashboard-page';
import { indexPage } from './pages/index-page';
import { issuePage } from './pages/issue-page';
import { layout } from './pages/layout';
import { loginPage } from './pages/login';
import { notificationsPage, statusesByJql } from './pages/notifications-page';
import type { Page, PageRequest } from './pages/page';
import { isProjectAdmin, messagePage } from './pages/page';
import { projectPage, settingsPage, workflowPage } from './pages/project-pages';
import { sendBytes } from './static-files';

const USER_COOKIE = 'site-user';
const THEME_COOKIE = 'site-theme';

const ValidatorChangeSchema = z.strictObject({
  projectKey: z.string().min(1),
  transitionId: z.string().min(1),
  moduleKey: z.string().min(1).optional(),
  /** The validator's position on the transition; absent: add a new one. */
  index: z.number().int().min(0).optional(),
  /** The configuration the app's onConfigure answered; null removes the validator at `index`. */
  configuration: z.string().max(32_768).nullable(),
});

/** A gadget's configuration: what its edit view submits, a JSON object. */
const GadgetConfigurationSchema = z.record(z.string(), z.unknown()).refine((value) => JSON.stringify(value).length <= 32_768, 'is at most 32,768 characters of JSON');

const sessionCookie = (accountId: string): string => `${USER_COOKIE}=${encodeURIComponent(accountId)}; Path=/; SameSite=Lax; HttpOnly`;

/**
 * The Custom UI host and the Jira-like pages. `handle` answers the requests it owns and returns false for the rest.
 *
 * Signing in: a page asked for without credentials answers 401 with `WWW-Authenticate: Basic` (a browser asks for the
 * email and API token) and the user chooser as its body (shown when the browser's prompt is cancelled); `/login` shows
 * the chooser, `/login/basic` challenges until the browser sends Basic credentials. A page served to Basic credentials
 * also sets the session cookie, which the page's own requests carry.
 *
 * The app's frames come from the Custom UI CDN (cdn.ts), another site, and never see that cookie: the page is their
 * host. It fetches each frame's context (`GET /__host/frame-context`) and runs its resolver calls (`POST
 * /__bridge/invoke`) and REST requests as its user, answering the frame by postMessage (browser/page/frames.ts).
 *
 * @example const host = createHost(runtime, site, origins); if (!(await host.handle(req, res))) await site.handle(req, res);
 */
export function createHost(runtime: ForgeRuntime, site: HostSite, origins: SiteOrigins): { handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> } {
  const assets = loadAssets(projectRoot()).page;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const asset = req.method === 'GET' ? assets.get(path) : undefined;
    if (asset) {
      sendBytes(res, 200, asset.type, asset.body);
      return true;
    }
    if (req.method === 'POST' && path === '/__host/session') {
      await switchUser(req, res);
      return true;
    }
    if (req.method === 'POST' && path === '/__host/theme') {
      await switchTheme(req, res);
      return true;
    }
    if (req.method === 'POST' && path === '/__host/logout') {
      redirect(res, '/login', `${USER_COOKIE}=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0`);
      return true;
    }

    const principal = site.authenticate(req);
    const user = principal === 'app' ? undefined : principal;
    if (path === '/__bridge/invoke') {
      if (!user) sendJson(res, 401, { error: 'Sign in first: the bridge acts as the page user' });
      else await handleInvokeHttp(runtime, req, res, user.accountId);
      return true;
    }
    if (path === '/__host/workflow/validators' && req.method === 'POST') {
      await changeValidator(req, res, user);
      return true;
    }
    const gadgetPath = /^\/__host\/dashboard\/gadgets\/([^/]+)$/.exec(path);
    if (gadgetPath && req.method === 'POST') {
      await saveGadget(req, res, user, decodeURIComponent(gadgetPath[1] ?? ''));
      return true;
    }
    if (path.startsWith('/__resources/') && req.method === 'GET') {
      // The app's files are on the Custom UI CDN (another site), as in Jira: an old same-origin link goes there.
      res.writeHead(307, { location: `${origins.frameOriginFor(req.headers.host)}${path}${url.search}`, 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    if (path === '/__host/frame-context' && req.method === 'GET') {
      // The page's own origin when it is one of the site's (a Host header names it), else the site's URL.
      const pageOrigin = origins.pageOrigins.find((origin) => new URL(origin).host === req.headers.host) ?? runtime.siteUrl();
      await sendFrameContext(res, url, user, themeOf(req), pageOrigin);
      return true;
    }
    if (req.method !== 'GET') return false;
    const next = safeNext(url.searchParams.get('next'));
    if (path === '/login') {
      sendPage(res, loginPage(site.users(), next, false), undefined);
      return true;
    }
    if (path === '/login/basic') {
      if (!user || !isBasic(req)) sendPage(res, loginPage(site.users(), next, true), undefined);
      else redirect(res, next, sessionCookie(user.accountId));
      return true;
    }
    const page = pageRoute(path);
    if (!page) return false;
    if (!user) {
      sendPage(res, loginPage(site.users(), path + url.search, true), undefined);
      return true;
    }
    const request: PageRequest = { user, theme: themeOf(req), path: path + url.search, now: runtime.clock.now(), frameOrigin: origins.frameOriginFor(req.headers.host) };
    sendPage(res, await renderPage(page, request), request, isBasic(req) ? sessionCookie(user.accountId) : undefined);
    return true;
  }

  function pageRoute(path: string): ((request: PageRequest) => Promise<Page>) | undefined {
    if (path === '/') return (request) => indexPage(runtime, site, request);
    if (path === '/dashboard') return (request) => dashboardPage(runtime, request);
    if (path === '/notifications') return (request) => notificationsPage(site, request, (keys) => statusesByJql(runtime, request.user.accountId, keys));
    const browse = /^\/browse\/([^/]+)$/.exec(path);
    if (browse) return (request) => issuePage(runtime, request, decodeURIComponent(browse[1] ?? ''));
    const project = /^\/projects\/([^/]+)\/(settings|workflow|reviews)$/.exec(path);
    if (!project) return undefined;
    const key = decodeURIComponent(project[1] ?? '');
    if (project[2] === 'settings') return (request) => settingsPage(runtime, request, key);
    if (project[2] === 'reviews') return (request) => projectPage(runtime, request, key);
    return (request) => workflowPage(runtime, site, request, key);
  }

  async function renderPage(page: (request: PageRequest) => Promise<Page>, request: PageRequest): Promise<Page> {
    try {
      return await page(request);
    } catch (error) {
      if (error instanceof SiteRequestError && error.status === 404) return messagePage(404, 'Not found', 'This page does not exist, or you do not have permission to see it.');
      return messagePage(500, 'Something went wrong', error instanceof Error ? error.message : String(error));
    }
  }

  function sendPage(res: ServerResponse, page: Page, request: PageRequest | undefined, cookie?: string): void {
    const data = { users: site.users(), projects: site.projects(), hasDashboard: gadgetModules(runtime).length > 0 };
    const headers: Record<string, string> = { 'content-security-policy': pageCsp(request?.frameOrigin), 'x-frame-options': 'SAMEORIGIN', ...page.headers };
    if (cookie) headers['set-cookie'] = cookie;
    sendBytes(res, page.status, 'text/html; charset=utf-8', layout(page, request, data).text, headers);
  }

  /** What a frame's `view.getContext()` answers, for the page that shows the frame (its user, its theme). */
  async function sendFrameContext(res: ServerResponse, url: URL, user: HostUser | undefined, theme: Theme, siteUrl: string): Promise<void> {
    if (!user) return sendJson(res, 401, { error: 'Sign in first: a frame is shown to a user' });
    const placement = placementOf(url);
    if (typeof placement === 'string') return sendJson(res, 400, { error: `No frame context: ${placement}` });
    try {
      return sendJson(res, 200, await frameContext(runtime, site, placement, user, theme, siteUrl));
    } catch (error) {
      const status = error instanceof SiteRequestError && error.status === 404 ? 404 : 500;
      return sendJson(res, status, { error: `No frame context for ${placement.moduleKey}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async function switchUser(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    const accountId = form.get('accountId') ?? '';
    if (!site.users().some((u) => u.accountId === accountId)) {
      sendBytes(res, 400, 'text/plain; charset=utf-8', `No user with accountId '${accountId}'`);
      return;
    }
    redirect(res, safeNext(form.get('next')), sessionCookie(accountId));
  }

  async function switchTheme(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    const theme: Theme = form.get('theme') === 'dark' ? 'dark' : 'light';
    redirect(res, safeNext(form.get('next')), `${THEME_COOKIE}=${theme}; Path=/; SameSite=Lax`);
  }

  async function changeValidator(req: IncomingMessage, res: ServerResponse, user: HostUser | undefined): Promise<void> {
    if (!user) return sendJson(res, 401, { error: 'Sign in first' });
    const body = await jsonBody(req);
    if (body === NOT_JSON) return sendJson(res, 400, { error: 'The request body is not JSON' });
    const change = ValidatorChangeSchema.safeParse(body);
    if (!change.success) return sendJson(res, 400, { error: `Invalid validator change: ${z.prettifyError(change.error)}` });
    const { projectKey, transitionId, moduleKey, index, configuration } = change.data;
    if (!(await isProjectAdmin(runtime, user.accountId, projectKey))) return sendJson(res, 403, { error: `Only administrators of ${projectKey} can change its workflow` });
    const transition = site.workflow.listTransitions(projectKey).find((t) => t.id === transitionId);
    if (!transition) return sendJson(res, 404, { error: `No transition ${transitionId} in ${projectKey}` });
    const validators = [...transition.validators];
    if (index !== undefined && index >= validators.length) return sendJson(res, 404, { error: `Transition ${transition.name} has no validator at position ${index}` });
    if (configuration === null) {
      if (index === undefined) return sendJson(res, 400, { error: 'Removing a validator needs its index' });
      validators.splice(index, 1);
    } else {
      const key = moduleKey ?? (index === undefined ? undefined : validators[index]?.moduleKey);
      if (!key || runtime.manifest.modules.get(key)?.type !== 'jira:workflowValidator') return sendJson(res, 400, { error: `'${key ?? ''}' is not a workflow validator of this app` });
      if (index === undefined) validators.push({ moduleKey: key, configuration });
      else validators[index] = { moduleKey: key, configuration };
    }
    site.workflow.setValidators(transitionId, validators);
    return sendJson(res, 204, undefined);
  }

  /** Saves what a gadget's edit view submitted (the site's one dashboard is shared by its users). */
  async function saveGadget(req: IncomingMessage, res: ServerResponse, user: HostUser | undefined, gadgetId: string): Promise<void> {
    if (!user) return sendJson(res, 401, { error: 'Sign in first' });
    const module = gadgetModules(runtime).find((m) => m.key === gadgetId);
    if (!module) return sendJson(res, 404, { error: `No gadget '${gadgetId}' on the dashboard` });
    const body = await jsonBody(req);
    if (body === NOT_JSON) return sendJson(res, 400, { error: 'The gadget configuration is not JSON' });
    const configuration = GadgetConfigurationSchema.safeParse(body);
    if (!configuration.success) return sendJson(res, 400, { error: `A gadget configuration is a JSON object: ${z.prettifyError(configuration.error)}` });
    runtime.platform.saveGadgetConfiguration(gadgetId, module.key, configuration.data, runtime.clock.now());
    return sendJson(res, 204, undefined);
  }

  return { handle };
}

function themeOf(req: IncomingMessage): Theme {
  return /(?:^|;\s*)site-theme=dark(?:;|$)/.test(req.headers.cookie ?? '') ? 'dark' : 'light';
}

const NOT_JSON = Symbol('not JSON');

/** The request body parsed as JSON, or NOT_JSON. */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readText(req)) as unknown;
  } catch {
    return NOT_JSON;
  }
}

const isBasic = (req: IncomingMessage): boolean => /^basic\s/i.test(req.headers.authorization ?? '');

/** `next` when it is a path on this site (never another origin), else the home page. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function redirect(res: ServerResponse, target: string, cookie: string): void {
  res.writeHead(303, { location: safeNext(target), 'set-cookie': cookie, 'cache-control': 'no-store' });
  res.end();
}
