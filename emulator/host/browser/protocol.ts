// The messages between an app's iframe (bridge.ts) and the page around it (page.ts), same origin only.

/** Sent by the bridge inside an app frame to the page. */
export interface FrameMessage {
  readonly source: 'forge-host';
  readonly type: FrameMessageType;
  readonly data: unknown;
  /** Present when the frame waits for a `reply`. */
  readonly requestId?: number;
}
export type FrameMessageType = 'resize' | 'showFlag' | 'closeFlag' | 'refresh' | 'navigate' | 'submit' | 'close' | 'configurable' | 'configured' | 'openModal' | 'emit' | 'escape';

/** Sent by the page to an app frame. */
export interface ParentMessage {
  readonly source: 'forge-host-parent';
  readonly type: 'reply' | 'configure' | 'modalClosed' | 'event';
  readonly requestId?: number;
  readonly data?: unknown;
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
