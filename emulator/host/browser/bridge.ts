// The local site's Custom UI bridge, loaded first in every app frame. It defines globalThis.__bridge as the Forge host
// does, so the unmodified @forge/bridge and @forge/jira-bridge work: requests go to the site (same origin, the viewing
// user's cookie); UI effects (flags, navigation, modals, resizing, events) go to the page by postMessage.
import type { FrameMessageType, ModalRequest } from './protocol';
import { asParentMessage, isRecord } from './protocol';

type Command = (payload: unknown) => unknown;
type Callback = (payload: unknown) => unknown;

const contextElement = document.getElementById('forge-host-context');
const context = JSON.parse(contextElement?.textContent ?? '{}') as Record<string, unknown>;
const host = (isRecord(context['__host']) ? context['__host'] : {}) as { target?: unknown };
delete context['__host'];

let configureCallback: (() => unknown) | undefined;
const pending = new Map<number, (data: unknown) => void>();
const modalCallbacks = new Map<number, Callback>();
const eventListeners = new Map<string, Set<Callback>>();
let nextRequest = 1;

function toParent(type: FrameMessageType, data: unknown): void {
  window.parent.postMessage({ source: 'forge-host', type, data }, window.location.origin);
}

/** A command the page answers (flags, navigation, dialogs): resolved by its reply. */
function askParent(type: FrameMessageType, data: unknown): Promise<unknown> {
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    pending.set(requestId, resolve);
    window.parent.postMessage({ source: 'forge-host', type, data, requestId }, window.location.origin);
  });
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== window.location.origin) return;
  const message = asParentMessage(event.data);
  if (!message) return;
  if (message.type === 'reply' && message.requestId !== undefined) {
    pending.get(message.requestId)?.(message.data);
    pending.delete(message.requestId);
  }
  if (message.type === 'configure' && message.requestId !== undefined) configure(message.requestId);
  if (message.type === 'modalClosed' && isRecord(message.data)) {
    const modalId = Number(message.data['modalId']);
    const callback = modalCallbacks.get(modalId);
    modalCallbacks.delete(modalId);
    void Promise.resolve(callback?.(message.data['payload']));
  }
  if (message.type === 'event' && isRecord(message.data) && typeof message.data['event'] === 'string') {
    for (const listener of eventListeners.get(message.data['event']) ?? []) void Promise.resolve(listener(message.data['payload']));
  }
});

/** The workflow page's Save: the app's onConfigure callback answers the configuration (a JSON string). */
function configure(requestId: number): void {
  if (!configureCallback) {
    toParent('configured', { requestId, error: 'The app did not register a configuration callback (workflowRules.onConfigure).' });
    return;
  }
  const callback = configureCallback;
  Promise.resolve()
    .then(() => callback())
    .then((configuration) => toParent('configured', { requestId, configuration: configuration ?? null }))
    .catch((error: unknown) => toParent('configured', { requestId, error: error instanceof Error ? error.message : String(error) }));
}

async function invoke(payload: unknown): Promise<unknown> {
  const call = isRecord(payload) ? payload : {};
  const response = await fetch('/__bridge/invoke', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: context['moduleKey'], functionKey: call['functionKey'], payload: call['payload'], context: host.target }),
  });
  const body = (await response.json()) as { result?: unknown; error?: string };
  if (!response.ok) throw new Error(body.error ?? `The resolver call failed with HTTP ${response.status}`);
  return body.result;
}

async function fetchProduct(payload: unknown): Promise<unknown> {
  const request = isRecord(payload) ? payload : {};
  if (request['product'] !== 'jira') throw new Error(`The local site serves only Jira; requested ${String(request['product'])}`);
  const restPath = typeof request['restPath'] === 'string' ? request['restPath'] : '';
  if (!restPath.startsWith('/rest/')) throw new Error(`fetchProduct needs a REST path, got ${restPath}`);
  const init = (isRecord(request['fetchRequestInit']) ? request['fetchRequestInit'] : {}) as RequestInit;
  const response = await fetch(restPath, { method: init.method ?? 'GET', headers: init.headers ?? [], body: init.body ?? null, credentials: 'same-origin' });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  return { body: await response.text(), headers, status: response.status, statusText: response.statusText };
}

/** Forge navigation targets the local site has pages for; a plain URL works too. */
function urlOf(location: unknown): string {
  const target = isRecord(location) ? location : {};
  if (typeof target['url'] === 'string') return new URL(target['url'], window.location.origin).href;
  if (target['target'] === 'issue' && typeof target['issueKey'] === 'string') return `${window.location.origin}/browse/${encodeURIComponent(target['issueKey'])}`;
  if (target['target'] === 'projectSettingsDetails' && typeof target['projectKey'] === 'string') {
    return `${window.location.origin}/projects/${encodeURIComponent(target['projectKey'])}/settings`;
  }
  throw new Error(`The local site cannot navigate to ${JSON.stringify(location)}`);
}

function enableTheming(): void {
  const theme = isRecord(context['theme']) ? context['theme'] : {};
  const root = document.documentElement;
  root.setAttribute('data-color-mode', typeof theme['colorMode'] === 'string' ? theme['colorMode'] : 'light');
  root.setAttribute('data-theme', 'light:light dark:dark spacing:spacing typography:typography shape:shape');
}

/**
 * The content's height, which the frame is then set to: the root element's own height (it follows the content,
 * margins included, and not the frame, unless the app's CSS ties it to the viewport), or what overflows the frame
 * when the content is taller than it is now.
 */
function contentHeight(): number {
  const root = document.documentElement;
  return Math.ceil(Math.max(root.getBoundingClientRect().height, root.scrollHeight > root.clientHeight ? root.scrollHeight : 0));
}

let reportedHeight = -1;
function reportHeight(): void {
  if (!document.body) return;
  const height = contentHeight();
  if (height === reportedHeight) return;
  reportedHeight = height;
  toParent('resize', { height });
}

let heightPending = false;
/**
 * After DOM changes, reports the height once per frame however many changes there were: measuring forces a layout, and
 * measuring after every DOM change (a render is hundreds) cost the panel ~50 ms of main thread per load. A resize
 * of the root reports at once, as its observer runs after layout, when measuring costs nothing.
 */
function reportHeightSoon(): void {
  if (heightPending) return;
  heightPending = true;
  requestAnimationFrame(() => {
    heightPending = false;
    reportHeight();
  });
}

function openModal(payload: unknown): Promise<unknown> {
  const options = isRecord(payload) ? payload : {};
  const modalId = nextRequest++;
  if (typeof options['onClose'] === 'function') modalCallbacks.set(modalId, options['onClose'] as Callback);
  const request: ModalRequest = {
    modalId,
    resource: typeof options['resource'] === 'string' ? options['resource'] : null,
    size: options['size'] ?? 'medium',
    context: JSON.parse(JSON.stringify(options['context'] ?? {})) as unknown,
    title: typeof options['title'] === 'string' ? options['title'] : '',
    closeOnEscape: options['closeOnEscape'] !== false,
    closeOnOverlayClick: options['closeOnOverlayClick'] !== false,
  };
  return askParent('openModal', request);
}

function on(payload: unknown): { unsubscribe: () => void } {
  const subscription = isRecord(payload) ? payload : {};
  const event = typeof subscription['event'] === 'string' ? subscription['event'] : '';
  const callback = subscription['callback'];
  if (typeof callback !== 'function') return { unsubscribe: () => undefined };
  const listeners = eventListeners.get(event) ?? new Set<Callback>();
  listeners.add(callback as Callback);
  eventListeners.set(event, listeners);
  return { unsubscribe: () => listeners.delete(callback as Callback) };
}

const commands: Record<string, Command> = {
  invoke,
  getContext: () => JSON.parse(JSON.stringify(context)) as unknown,
  fetchProduct,
  enableTheming,
  showFlag: (payload) => (toParent('showFlag', payload), true),
  closeFlag: (payload) => (toParent('closeFlag', payload), true),
  refresh: () => askParent('refresh', {}),
  refreshIssueView: () => askParent('refresh', {}),
  reload: () => askParent('refresh', {}),
  navigate: (payload) => askParent('navigate', { url: urlOf(payload), type: isRecord(payload) ? payload['type'] : undefined }),
  getUrl: urlOf,
  submit: (payload) => askParent('submit', payload),
  close: (payload) => askParent('close', payload),
  openModal,
  changeWindowTitle: () => true,
  emitReadyEvent: () => true,
  emit: (payload) => (toParent('emit', payload), true),
  emitPublic: (payload) => (toParent('emit', payload), true),
  on,
  onPublic: on,
  setWorkflowRuleConfigurationCallback: (payload) => {
    const data = isRecord(payload) && isRecord(payload['data']) ? payload['data'] : {};
    if (typeof data['onConfigure'] !== 'function') return false;
    configureCallback = data['onConfigure'] as () => unknown;
    toParent('configurable', {});
    return true;
  },
};

(globalThis as Record<string, unknown>)['__bridge'] = {
  callBridge: (command: string, payload: unknown): Promise<unknown> => {
    const handler = commands[command];
    if (!handler) return Promise.reject(new Error(`The local site does not support the bridge command "${command}"`));
    return Promise.resolve().then(() => handler(payload));
  },
};

// Escape pressed inside a frame reaches the page's dialogs (a modal closes as it would with focus on the page).
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.defaultPrevented) toParent('escape', {});
});

// The frame is as tall as its content, as Jira sizes Custom UI frames: the page scrolls, never the frame.
window.addEventListener('DOMContentLoaded', () => {
  document.documentElement.style.overflow = 'hidden';
  const observer = new ResizeObserver(reportHeight);
  observer.observe(document.documentElement);
  observer.observe(document.body);
  new MutationObserver(reportHeightSoon).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  reportHeight();
});
