import type { ExtensionTarget } from '../runtime/extension-context';
import type { ForgeRuntime } from '../runtime/forge-runtime';
import { SiteRequestError } from '../runtime/site-client';
import type { Theme } from './html';
import type { HostSite, HostUser } from './host-site';

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
 * The URL of a module's resource in an iframe, on the Custom UI CDN's origin (another site than the page's):
 * `<frameOrigin>/__resources/<resource>/index.html?module=...&issueKey=...`.
 * @example frameUrl('http://localhost:8081', 'panel', { moduleKey: 'go-live-gate-panel', target: { issueKey: 'SKU-1' } })
 */
export function frameUrl(frameOrigin: string, resourceKey: string, placement: FramePlacement): string {
  const query = new URLSearchParams({ module: placement.moduleKey });
  if ('issueKey' in placement.target) query.set('issueKey', placement.target.issueKey);
  else if ('projectKey' in placement.target) query.set('projectKey', placement.target.projectKey);
  else query.set('gadgetId', placement.target.gadgetId);
  if (placement.entryPoint) query.set('entryPoint', placement.entryPoint);
  if (placement.transitionId) query.set('transitionId', placement.transitionId);
  if (placement.validatorIndex !== undefined) query.set('index', String(placement.validatorIndex));
  return `${frameOrigin}/__resources/${encodeURIComponent(resourceKey)}/index.html?${query.toString()}`;
}

/**
 * Where a frame is shown, from its URL's query (as frameUrl wrote it), or what is wrong with the query.
 * @example placementOf(new URL('http://localhost:8081/__resources/panel/index.html?module=go-live-gate-panel&issueKey=SKU-1'))
 */
export function placementOf(url: URL): FramePlacement | string {
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
 * What `view.getContext()` answers inside a frame: the page (the host, which knows its user) asks the site for it and
 * hands it to the frame by postMessage, as Jira's page gives Forge's frames their context. The frame itself holds no
 * credential of the user.
 * `siteUrl` is the origin of the page showing the frame (the site as its user reached it, `localhost` or `127.0.0.1`),
 * so the frame's links to Jira pages keep the user's session.
 * @example await frameContext(runtime, site, { moduleKey: 'go-live-gate-panel', target: { issueKey: 'SKU-1' } }, user, 'light', 'http://127.0.0.1:8080')
 */
export async function frameContext(runtime: ForgeRuntime, site: HostSite, placement: FramePlacement, user: HostUser, theme: Theme, siteUrl: string): Promise<Record<string, unknown>> {
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
    siteUrl,
    accountId: user.accountId,
    locale: 'en-US',
    timezone: 'UTC',
    theme: { colorMode: theme, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography', shape: 'shape' },
    environmentId: 'local',
    appVersion: 'local',
  };
}
