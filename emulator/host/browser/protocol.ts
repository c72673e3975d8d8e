// The messages between an app's iframe (bridge.ts, on the Custom UI CDN's origin) and the page around it (page/,
// on the site's): each side takes a message only from the window and origin it expects, and posts only to that origin.

/** Sent by the bridge inside an app frame to the page. */
export interface FrameMessage {
  readonly source: 'forge-host';
  readonly type: FrameMessageType;
  readonly data: unknown;
  /** Present when the frame waits for a `reply`. */
  readonly requestId?: number;
}
export type FrameMessageType =
  | 'hello'
  | 'getContext'
  | 'invoke'
  | 'fetchProduct'
  | 'resize'
  | 'showFlag'
  | 'closeFlag'
  | 'refresh'
  | 'navigate'
  | 'submit'
  | 'close'
  | 'configurable'
  | 'configured'
  | 'openModal'
  | 'emit'
  | 'escape';

/**
 * Sent by the page to an app frame. `connect` answers the frame's `hello` (or greets a frame that said hello before
 * the page listened): the frame holds its messages until then. A `reply` with `error` rejects the frame's request.
 */
export interface ParentMessage {
  readonly source: 'forge-host-parent';
  readonly type: 'connect' | 'reply' | 'configure' | 'modalClosed' | 'event';
  readonly requestId?: number;
  readonly data?: unknown;
  readonly error?: string;
}

/** What a frame asks the page to open with `new Modal(...).open()` (@forge/bridge). */
export interface ModalRequest {
  readonly modalId: number;
  readonly resource: string | null;
  readonly size: unknown;
  readonly context: unknown;
  readonly title: string;
  readonly closeOnEscape: boolean;
  readonly closeOnOverlayClick: boolean;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The message when `value` is one from a frame's bridge. */
export function asFrameMessage(value: unknown): FrameMessage | undefined {
  return isRecord(value) && value['source'] === 'forge-host' && typeof value['type'] === 'string' ? (value as unknown as FrameMessage) : undefined;
}

/** The message when `value` is one from the page. */
export function asParentMessage(value: unknown): ParentMessage | undefined {
  return isRecord(value) && value['source'] === 'forge-host-parent' && typeof value['type'] === 'string' ? (value as unknown as ParentMessage) : undefined;
}
