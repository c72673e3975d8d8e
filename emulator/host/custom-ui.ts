import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import type { ExtensionTarget } from '../runtime/extension-context';
import type { ForgeRuntime } from '../runtime/forge-runtime';
import { ServerTiming } from '../runtime/server-timing';
import { SiteRequestError } from '../runtime/site-client';
import type { Theme } from './html';
import type { HostSite, HostUser } from './host-site';
import { contentTypeOf, readInside, sendBytes } from './static-files';

/**
 * The Content-Security-Policy Forge serves a Custom UI resource with, built by @forge/csp (the package Forge uses) as in
 * production: the page's own inline-script hashes and the manifest's `permissions.content` and `permissions.external`,
 * with the local site standing in for the Atlassian site hosting the app.
 */
function resourceCsp(runtime: ForgeRuntime, body: Buffer, siteUrl: string): string {
  const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(body, runtime.manifest.permissions);
  return new CSPInjectionService().getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: siteUrl }).join('; ');
}

/** The policy of a resource's other files (scripts, styles, images): they have no inline scripts to hash, so it is the same for all. */
const assetCsps = new WeakMap<ForgeRuntime, string>();
function assetCsp(runtime: ForgeRuntime): string {
  // Parsing a 150 KB script as HTML (what getCspDetails does with a body) cost the site 3-6 ms of CPU per file and
  // request (17 ms the first time), several per frame on the way to the panel's first verdict; now 0.5 ms.
  const known = assetCsps.get(runtime);
  if (known !== undefined) return known;
  const csp = resourceCsp(runtime, Buffer.alloc(0), runtime.siteUrl());
  assetCsps.set(runtime, csp);
  return csp;
}

/** Where a resource page is shown, from its URL's query: the module, its issue or project, and for workflow rules the transition. */
export interface FramePlacement {
  readonly moduleKey: string;
  readonly target: ExtensionTarget;
  readonly entryPoint?: 'create' | 'edit' | 'view' | undefined;
  readonly transitionId?: string | undefined;
  readonly validatorIndex?: number | undefined;
  /** A Forge modal's context (`new Modal({ context })`), given to the modal as `extension.modal`. */
  readonly modal?: unknown;
}

/** The longest modal context the site passes in a frame's URL. */
const MAX_MODAL_CONTEXT = 16_384;

/**
 * The URL of a module's resource in an iframe: `/__resources/<resource>/index.html?module=...&issueKey=...`.
 * @example frameUrl('panel', { moduleKey: 'go-live-gate-panel', target: { issueKey: 'SKU-1' } })
 */
export function frameUrl(resourceKey: string, placement: FramePlacement): string {
  const query = new URLSearchParams({ module: placement.moduleKey });
  if ('issueKey' in placement.target) query.set('issueKey', placement.target.issueKey);
  else if ('projectKey' in placement.target) query.set('projectKey', placement.target.projectKey);
  else query.set('gadgetId', placement.target.gadgetId);
  if (placement.entryPoint) query.set('entryPoint', placement.entryPoint);
  if (placement.transitionId) query.set('transitionId', placement.transitionId);
  if (placement.validatorIndex !== undefined) query.set('index', String(placement.validatorIndex));
  return `/__resources/${encodeURIComponent(resourceKey)}/index.html?${query.toString()}`;
}

function placementOf(url: URL): FramePlacement | string {
  const moduleKey = url.searchParams.get('module');
  const issueKey = url.searchParams.get('issueKey');
  const projectKey = url.searchParams.get('projectKey');
  const gadgetId = url.searchParams.get('gadgetId');
  if (!moduleKey) return 'the module query parameter is required';
  if (!issueKey && !projectKey && !gadgetId) return 'issueKey, projectKey or gadgetId is required';
  const entryPoint = url.searchParams.get('entryPoint');
  if (entryPoint !== null && entryPoint !== 'create' && entryPoint !== 'edit' && entryPoint !== 'view') return 'entryPoint is create, edit or view';
  const index = url.searchParams.get('index');
  if (index !== null && !/^\d+$/.test(index)) return 'index is a validator position (0, 1, ...)';
  const modalText = url.searchParams.get('modal');
  let modal: unknown;
  if (modalText !== null) {
    if (modalText.length > MAX_MODAL_CONTEXT) return `a modal's context is at most ${MAX_MODAL_CONTEXT} characters of JSON`;
    try {
      modal = JSON.parse(modalText) as unknown;
    } catch {
      return "the modal's context is not JSON";
    }
  }
  return {
    moduleKey,
    target: issueKey ? { issueKey } : projectKey ? { projectKey } : { gadgetId: gadgetId ?? '' },
    entryPoint: entryPoint ?? undefined,
    transitionId: url.searchParams.get('transitionId') ?? undefined,
    validatorIndex: index === null ? undefined : Number(index),
    ...(modalText === null ? {} : { modal }),
  };
}

/**
 * `GET /__resources/<resourceKey>/<file>`: a file of the resource's build. Its index.html gets, first in <head>,
 * the viewing context (a JSON data block) and the host's bridge script, so `__bridge` exists before the app loads.
 */
export async function serveResource(runtime: ForgeRuntime, site: HostSite, res: ServerResponse, url: URL, user: HostUser, theme: Theme): Promise<void> {
  const timing = new ServerTiming();
  const match = /^\/__resources\/([^/]+)\/(.*)$/.exec(url.pathname);
  const resourceKey = decodeURIComponent(match?.[1] ?? '');
  const directory = runtime.manifest.resources.get(resourceKey);
  if (!match || !directory) return sendBytes(res, 404, 'text/plain; charset=utf-8', `No resource '${resourceKey}' in manifest.yml`);
  const relative = decodeURIComponent(match[2] || 'index.html');
  const file = await readInside(join(runtime.root, directory), relative);
  if (!file) return sendBytes(res, 404, 'text/plain; charset=utf-8', `No file '${relative}' in ${directory}: run npm run build`);
  if (relative !== 'index.html') {
    return sendBytes(res, 200, contentTypeOf(relative), file, { 'content-security-policy': assetCsp(runtime), 'server-timing': timing.header() });
  }

  const placement = placementOf(url);
  if (typeof placement === 'string') return sendBytes(res, 400, 'text/plain; charset=utf-8', `Cannot show ${resourceKey}: ${placement}`);
  try {
    const context = await timing.time('context', () => viewContext(runtime, site, placement, user, theme));
    const page = Buffer.from(injectHost(file.toString('utf8'), context));
    const csp = await timing.time('csp', () => Promise.resolve(resourceCsp(runtime, page, runtime.siteUrl())));
    return sendBytes(res, 200, 'text/html; charset=utf-8', page, { 'content-security-policy': csp, 'server-timing': timing.header() });
  } catch (error) {
    const status = error instanceof SiteRequestError && error.status === 404 ? 404 : 500;
    return sendBytes(res, status, 'text/plain; charset=utf-8', `Cannot show ${resourceKey}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What `view.getContext()` answers inside the resource. */
async function viewContext(runtime: ForgeRuntime, site: HostSite, placement: FramePlacement, user: HostUser, theme: Theme): Promise<Record<string, unknown>> {
  const extra: Record<string, unknown> = {};
  if (placement.entryPoint) extra['entryPoint'] = placement.entryPoint;
  if ('modal' in placement) extra['modal'] = placement.modal;
  if (placement.transitionId && 'projectKey' in placement.target) {
    const transition = site.workflow.listTransitions(placement.target.projectKey).find((t) => t.id === placement.transitionId);
    if (!transition) throw new SiteRequestError(404, `No transition ${placement.transitionId} in ${placement.target.projectKey}`);
    extra['transitionContext'] = { id: transition.id, name: transition.name, from: transition.from ? { id: transition.from.id } : undefined, to: { id: transition.to.id } };
    const validator = placement.validatorIndex === undefined ? undefined : transition.validators[placement.validatorIndex];
    if (validator) extra['validatorConfig'] = validator.configuration;
  }
  const context = await runtime.contextFor(placement.moduleKey, placement.target, user.accountId, extra);
  return {
    ...context,
    accountId: user.accountId,
    locale: 'en-US',
    timezone: 'UTC',
    theme: { colorMode: theme, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography', shape: 'shape' },
    environmentId: 'local',
    appVersion: 'local',
    __host: { target: placement.target },
  };
}

function injectHost(page: string, context: Record<string, unknown>): string {
  // A JSON data block is not executed, so the CSP's script-src 'self' holds; '<' is escaped so it cannot close the tag.
  const data = JSON.stringify(context).replace(/</g, '\\u003c');
  const head = `<link rel="stylesheet" href="/__host/tokens.css"><script type="application/json" id="forge-host-context">${data}</script><script src="/__host/bridge.js"></script>`;
  const at = /<head(\s[^>]*)?>/i.exec(page);
  return at ? page.slice(0, at.index + at[0].length) + head + page.slice(at.index + at[0].length) : head + page;
}
