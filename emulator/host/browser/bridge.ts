// The local site's Custom UI bridge, loaded first in every app frame. It defines globalThis.__bridge as the Forge host
// does, so the unmodified @forge/bridge and @forge/jira-bridge work. The frame is served from the Custom UI CDN, another
// site than the page, and holds no credential of the user: as in Jira, everything goes to the page by postMessage (the
// context, resolver calls, REST requests, flags, navigation, modals, resizing, events) and the page does it as its user.
import type { FrameMessage, FrameMessageType, ModalRequest } from './protocol';
import { asParentMessage, isRecord } from './protocol';

type Command = (payload: unknown) => unknown;
type Callback = (payload: unknown) => unknown;

/** The origin of the page this frame belongs to, which the CDN wrote into the frame's HTML: the only one it talks to. */
function readHostOrigin(): string {
  const data = JSON.parse(document.getElementById('forge-host')?.textContent ?? '{}') as unknown;
  const origin = isRecord(data) ? data['hostOrigin'] : undefined;
  if (typeof origin !== 'string') throw new Error('The Custom UI frame was served without its host page origin: open it inside a page of the local site.');
  return origin;
}
const hostOrigin = readHostOrigin();

let configureCallback: (() => unknown) | undefined;
const pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
const modalCallbacks = new Map<number, Callback>();
const eventListeners = new Map<string, Set<Callback>>();
let nextRequest = 1;
/** Messages wait here until the page has answered `hello` with `connect` (it may not listen yet when the frame starts). */
let outbox: FrameMessage[] | undefined = [];

function post(message: FrameMessage): void {
  if (outbox) outbox.push(message);
  else window.parent.postMessage(message, hostOrigin);
}

function toParent(type: FrameMessageType, data: unknown): void {
  post({ source: 'forge-host', type, data });
}

/** A request the page answers (the context, calls, flags, navigation, dialogs): resolved or rejected by its reply. */
function askParent(type: FrameMessageType, data: unknown): Promise<unknown> {
  const requestId = nextRequest++;
  return new Promise((resolve, reject) => {
    pending.set(requestId, { resolve, reject });
    post({ source: 'forge-host', type, data, requestId });
  });
}

/** Only what the parent page posts from the site's origin: another window or origin (an ad, another tab) is ignored. */
window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== hostOrigin) return;
  const message = asParentMessage(event.data);
  if (!message) return;
  if (message.type === 'connect' && outbox) {
    const waiting = outbox;
    outbox = undefined;
    for (const queued of waiting) window.parent.postMessage(queued, hostOrigin);
  }
  if (message.type === 'reply' && message.requestId !== undefined) {
    const request = pending.get(message.requestId);
    pending.delete(message.requestId);
    if (typeof message.error === 'string') request?.reject(new Error(message.error));
    else request?.resolve(message.data);
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
window.parent.postMessage({ source: 'forge-host', type: 'hello', data: {} } satisfies FrameMessage, hostOrigin);

/** The viewing context, asked of the page at once so it arrives while the app's bundle loads. */
const context = askParent('getContext', {}).then((answer) => (isRecord(answer) ? answer : {}));
// A context the page could not give is the app's to report when it asks (getContext rejects), not an unhandled error.
context.catch(() => undefined);

/** A copy that survives postMessage's structured clone (no functions, no class instances). */
const plain = (value: unknown): unknown => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));

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

/** A resolver call: the page runs it as its user for this frame's module and issue or project. */
function invoke(payload: unknown): Promise<unknown> {
  const call = isRecord(payload) ? payload : {};
  return askParent('invoke', { functionKey: call['functionKey'], payload: plain(call['payload']) });
}

/** requestJira: the page sends the REST request as its user and answers the response's parts. */
function fetchProduct(payload: unknown): Promise<unknown> {
  return askParent('fetchProduct', plain(payload));
}

/** Forge navigation targets the local site has pages for; a plain URL works too. */
function urlOf(location: unknown): string {
  const target = isRecord(location) ? location : {};
  // Relative to the site (the page), never to the frame's own origin (the CDN), as Forge's router resolves them.
  if (typeof target['url'] === 'string') return new URL(target['url'], hostOrigin).href;
  if (target['target'] === 'issue' && typeof target['issueKey'] === 'string') return `${hostOrigin}/browse/${encodeURIComponent(target['issueKey'])}`;
  if (target['target'] === 'projectSettingsDetails' && typeof target['projectKey'] === 'string') {
    return `${hostOrigin}/projects/${encodeURIComponent(target['projectKey'])}/settings`;
  }
  throw new Error(`The local site cannot navigate to ${JSON.stringify(location)}`);
}

async function enableTheming(): Promise<void> {
  const known = await context;
  const theme = isRecord(known['theme']) ? known['theme'] : {};
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
    context: plain(options['context'] ?? {}),
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
  getContext: () => context.then(plain),
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
