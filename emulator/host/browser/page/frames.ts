// The page side of the app frames, the host of Forge's bridge: gives each frame its context, runs its resolver calls and
// REST requests as the page's user, sizes it to its content, shows flags, navigates, opens Forge modals and relays
// Forge events between the app's frames. The frames come from the Custom UI CDN, another site: a message counts only
// when it comes from a frame this page made and from that frame's origin, and answers go to that origin alone.
import type { FrameMessage, ModalRequest, ParentMessage } from '../protocol';
import { asFrameMessage, isRecord } from '../protocol';
import { refreshIssueView } from './issue';

const origin = window.location.origin;
/** Frames start this tall until their content reports its height. */
const MIN_FRAME_HEIGHT = 32;
const configureWaiters = new Map<number, (answer: Record<string, unknown>) => void>();
let nextRequest = 1;

interface OpenModal {
  readonly dialog: HTMLDialogElement;
  readonly frame: HTMLIFrameElement;
  readonly opener: HTMLIFrameElement;
  readonly modalId: number;
}
const modals: OpenModal[] = [];

function appFrames(): HTMLIFrameElement[] {
  return Array.from(document.querySelectorAll('iframe.forge-frame'));
}

/** An app frame made after the page loaded (a modal, an issue context opened): the router below serves it like the rest. */
export function newAppFrame(title: string, src: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.className = 'forge-frame';
  frame.title = title;
  frame.src = src;
  return frame;
}

/** The origin the frame's document must come from: its URL's (the CDN's), never what a message claims. */
const originOf = (frame: HTMLIFrameElement): string => new URL(frame.src, origin).origin;

/** The app frame of this page that posted `event`, when it did so from its own origin. */
function frameOf(event: MessageEvent): HTMLIFrameElement | undefined {
  const frame = appFrames().find((candidate) => candidate.contentWindow === event.source);
  return frame && event.origin === originOf(frame) ? frame : undefined;
}

function post(frame: HTMLIFrameElement, message: Omit<ParentMessage, 'source'>): void {
  frame.contentWindow?.postMessage({ source: 'forge-host-parent', ...message }, originOf(frame));
}

function reply(frame: HTMLIFrameElement, requestId: number | undefined, data: unknown): void {
  if (requestId !== undefined) post(frame, { type: 'reply', requestId, data });
}

/** Answers a frame's request with what `work` gives, or rejects it with the error's message. */
function replyWith(frame: HTMLIFrameElement, requestId: number | undefined, work: () => Promise<unknown>): void {
  work().then(
    (data) => reply(frame, requestId, data),
    (error: unknown) => {
      if (requestId !== undefined) post(frame, { type: 'reply', requestId, error: error instanceof Error ? error.message : String(error) });
    },
  );
}

/** The frame's module and issue, project or gadget, from the URL this page gave it (what a frame says is not asked). */
function placementOf(frame: HTMLIFrameElement): { moduleKey: string | null; target: Record<string, string>; query: string } {
  const url = new URL(frame.src, origin);
  const target: Record<string, string> = {};
  for (const name of ['issueKey', 'projectKey', 'gadgetId']) {
    const value = url.searchParams.get(name);
    if (value !== null) target[name] = value;
  }
  return { moduleKey: url.searchParams.get('module'), target, query: url.search };
}

/** The answer's JSON, or an error with the site's message. */
async function jsonOf(response: Response): Promise<unknown> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown; result?: unknown };
  if (!response.ok) throw new Error(typeof body.error === 'string' ? body.error : `The site answered HTTP ${response.status}`);
  return body;
}

/** `view.getContext()`: the site builds it for this page's user (the frame never sees the user's cookie). */
async function contextOf(frame: HTMLIFrameElement): Promise<unknown> {
  return jsonOf(await fetch(`/__host/frame-context${placementOf(frame).query}`, { credentials: 'same-origin' }));
}

/** `invoke(functionKey, payload)`: the frame's module's resolver, run as this page's user for the frame's issue or project. */
async function invoke(frame: HTMLIFrameElement, data: Record<string, unknown>): Promise<unknown> {
  const { moduleKey, target } = placementOf(frame);
  const response = await fetch('/__bridge/invoke', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey, functionKey: data['functionKey'], payload: data['payload'], context: target }),
  });
  return ((await jsonOf(response)) as { result?: unknown }).result;
}

/** `requestJira(path, init)`: the REST request as this page's user; its status, headers and text for the frame. */
async function fetchProduct(data: Record<string, unknown>): Promise<unknown> {
  if (data['product'] !== 'jira') throw new Error(`The local site serves only Jira; requested ${String(data['product'])}`);
  const restPath = typeof data['restPath'] === 'string' ? data['restPath'] : '';
  if (!restPath.startsWith('/rest/')) throw new Error(`fetchProduct needs a REST path, got ${restPath}`);
  const init = (isRecord(data['fetchRequestInit']) ? data['fetchRequestInit'] : {}) as RequestInit;
  const response = await fetch(restPath, { method: init.method ?? 'GET', headers: init.headers ?? [], body: init.body ?? null, credentials: 'same-origin' });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  return { body: await response.text(), headers, status: response.status, statusText: response.statusText };
}

function showFlag(flag: unknown): void {
  const region = document.getElementById('flags');
  if (!region || !isRecord(flag)) return;
  const type = ['success', 'warning', 'error', 'info'].includes(String(flag['type'])) ? String(flag['type']) : 'info';
  const item = document.createElement('div');
  item.className = `flag flag-${type}`;
  item.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
  item.dataset['flagId'] = String(flag['id']);
  const title = document.createElement('strong');
  title.textContent = typeof flag['title'] === 'string' ? flag['title'] : '';
  item.appendChild(title);
  if (typeof flag['description'] === 'string' && flag['description'] !== '') {
    const description = document.createElement('p');
    description.textContent = flag['description'];
    item.appendChild(description);
  }
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'flag-dismiss';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => item.remove());
  item.appendChild(dismiss);
  region.appendChild(item);
  if (flag['isAutoDismiss'] !== false) setTimeout(() => item.remove(), 8000);
}

function closeFlag(id: unknown): void {
  for (const item of Array.from(document.querySelectorAll<HTMLElement>('#flags .flag'))) if (item.dataset['flagId'] === String(id)) item.remove();
}

function navigate(location: unknown): boolean {
  const target = isRecord(location) ? location : {};
  const url = new URL(String(target['url']), origin);
  if (url.origin !== origin) throw new Error(`Navigation leaves the site: ${url.href}`);
  if (target['type'] === 'new-tab') window.open(url.href, '_blank', 'noopener');
  else window.location.assign(url.href);
  return true;
}

const MODAL_SIZES = new Set(['small', 'medium', 'large', 'xlarge', 'max', 'fullscreen', 'resizable']);

/** Opens a Forge modal: the resource (or the opener's own) in a dialog, with the modal's context. */
function openModal(opener: HTMLIFrameElement, request: ModalRequest): boolean {
  const source = new URL(opener.src, origin);
  const resource = request.resource ?? decodeURIComponent(source.pathname.split('/')[2] ?? '');
  // From the CDN the opener came from, as Forge serves a modal's resource.
  const url = new URL(`/__resources/${encodeURIComponent(resource)}/index.html`, source.origin);
  for (const name of ['module', 'issueKey', 'projectKey', 'gadgetId']) {
    const value = source.searchParams.get(name);
    if (value !== null) url.searchParams.set(name, value);
  }
  url.searchParams.set('modal', JSON.stringify(request.context ?? {}));

  const dialog = document.createElement('dialog');
  dialog.className = `forge-modal size-${typeof request.size === 'string' && MODAL_SIZES.has(request.size) ? request.size : 'custom'}`;
  if (isRecord(request.size)) {
    if (typeof request.size['width'] === 'string') dialog.style.width = request.size['width'];
    if (typeof request.size['height'] === 'string') dialog.style.height = request.size['height'];
  }
  const title = request.title || opener.title;
  dialog.setAttribute('aria-label', title);
  if (request.title) {
    const heading = document.createElement('h2');
    heading.textContent = request.title;
    dialog.appendChild(heading);
  }
  const frame = newAppFrame(title, url.href);
  dialog.appendChild(frame);
  document.body.appendChild(dialog);
  const modal: OpenModal = { dialog, frame, opener, modalId: request.modalId };
  modals.push(modal);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (request.closeOnEscape) closeModal(modal, undefined);
  });
  dialog.dataset['closeOnEscape'] = String(request.closeOnEscape);
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog && request.closeOnOverlayClick) closeModal(modal, undefined);
  });
  dialog.showModal();
  // showModal focused the frame while it was blank; its document from the CDN (another site, another process) did not
  // keep that focus and the keyboard stayed with the opener's frame: focus it afresh (blur first, or focus() is a no-op).
  frame.addEventListener(
    'load',
    () => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      frame.focus();
    },
    { once: true },
  );
  return true;
}

/** Closes a modal and hands `payload` to the opener's onClose, as `view.submit` / `view.close` do in Forge. */
function closeModal(modal: OpenModal, payload: unknown): void {
  modals.splice(modals.indexOf(modal), 1);
  modal.dialog.close();
  modal.dialog.remove();
  post(modal.opener, { type: 'modalClosed', data: { modalId: modal.modalId, payload } });
  modal.opener.focus();
}

/** A dashboard gadget's edit view submitted its configuration: the site keeps it (false when it refused it). */
async function saveGadget(gadgetId: string, configuration: unknown): Promise<boolean> {
  const response = await fetch(`/__host/dashboard/gadgets/${encodeURIComponent(gadgetId)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(configuration ?? {}),
  });
  if (!response.ok) showFlag({ id: `gadget-${gadgetId}`, type: 'error', title: 'The gadget configuration was not saved', description: `HTTP ${response.status}` });
  return response.ok;
}

/** Asks the frame in a workflow dialog for its configuration (the rule's onConfigure callback). */
export function requestConfiguration(frame: HTMLIFrameElement): Promise<Record<string, unknown>> {
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    configureWaiters.set(requestId, resolve);
    post(frame, { type: 'configure', requestId });
  });
}

/** Wires the message router; call once per page. */
export function startFrames(): void {
  window.addEventListener('message', (event) => {
    const message = asFrameMessage(event.data);
    const frame = message && frameOf(event);
    if (!message || !frame) return;
    route(frame, message);
  });
  for (const frame of appFrames()) {
    frame.style.height ||= `${MIN_FRAME_HEIGHT}px`;
    // A frame that said hello before this page listened: greet it (one still loading drops this and says hello later).
    post(frame, { type: 'connect' });
  }
}

function route(frame: HTMLIFrameElement, message: FrameMessage): void {
  const data = isRecord(message.data) ? message.data : {};
  switch (message.type) {
    case 'hello':
      post(frame, { type: 'connect' });
      break;
    case 'getContext':
      replyWith(frame, message.requestId, () => contextOf(frame));
      break;
    case 'invoke':
      replyWith(frame, message.requestId, () => invoke(frame, data));
      break;
    case 'fetchProduct':
      replyWith(frame, message.requestId, () => fetchProduct(data));
      break;
    case 'resize':
      // As tall as its content, whatever that is: the page scrolls, the frame never does.
      frame.style.height = `${Math.max(MIN_FRAME_HEIGHT, Math.ceil(Number(data['height']) || 0))}px`;
      break;
    case 'showFlag':
      showFlag(message.data);
      break;
    case 'closeFlag':
      closeFlag(data['id']);
      break;
    case 'refresh':
      reply(frame, message.requestId, true);
      // Jira refreshes its issue view in place ("without reloading the browser"): the app's frames keep their state.
      if (!refreshIssueView()) window.location.reload();
      break;
    case 'navigate':
      try {
        reply(frame, message.requestId, navigate(message.data));
      } catch {
        reply(frame, message.requestId, false);
      }
      break;
    case 'submit':
    case 'close': {
      const modal = modals.find((candidate) => candidate.frame === frame);
      if (modal) {
        reply(frame, message.requestId, true);
        closeModal(modal, message.data);
        break;
      }
      const gadgetId = frame.dataset['gadgetId'];
      if (gadgetId !== undefined && message.type === 'submit') {
        void saveGadget(gadgetId, message.data).then((saved) => {
          reply(frame, message.requestId, saved);
          if (saved) window.location.assign('/dashboard');
        });
        break;
      }
      const dialog = frame.closest('dialog');
      dialog?.close();
      reply(frame, message.requestId, Boolean(dialog));
      break;
    }
    case 'openModal':
      reply(frame, message.requestId, openModal(frame, message.data as ModalRequest));
      break;
    case 'emit':
      for (const other of appFrames()) post(other, { type: 'event', data: message.data });
      break;
    case 'escape': {
      // The frame had the focus, so the dialog around it never saw the key: close it as its own Escape would.
      const modal = modals.find((candidate) => candidate.frame === frame);
      if (modal) {
        if (modal.dialog.dataset['closeOnEscape'] === 'true') closeModal(modal, undefined);
      } else frame.closest('dialog')?.close();
      break;
    }
    case 'configurable':
      frame.dataset['configurable'] = 'true';
      break;
    case 'configured': {
      const requestId = Number(data['requestId']);
      configureWaiters.get(requestId)?.(data);
      configureWaiters.delete(requestId);
      break;
    }
  }
}
