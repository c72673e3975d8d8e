import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Jira-style failure: answered as `{"errorMessages": [...], "errors": {...}}` with its status. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: readonly string[],
    readonly errors: Readonly<Record<string, string>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }
}

export const badRequest = (message: string): JiraError => new JiraError(400, [message]);
export const fieldError = (field: string, message: string): JiraError => new JiraError(400, [], { [field]: message });
export const notFound = (message: string): JiraError => new JiraError(404, [message]);
export const forbidden = (message: string): JiraError => new JiraError(403, [message]);

export const issueNotFound = (): JiraError => notFound('Issue does not exist or you do not have permission to see it.');
export const projectNotFound = (projectIdOrKey: string): JiraError => notFound(`No project could be found with key '${projectIdOrKey}'.`);

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  // A Buffer is file content (an attachment download), sent as it is with the reply's own Content-Type.
  if (Buffer.isBuffer(reply.body)) {
    res.writeHead(reply.status, { ...headers, 'Content-Length': reply.body.length });
    res.end(reply.body);
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function errorReply(error: JiraError): Reply {
  return { status: error.status, body: { errorMessages: error.errorMessages, errors: error.errors }, headers: error.headers };
}

/**
 * Request body limits. Jira documents none for its REST API; 2 MiB is far above anything it accepts here (an entity
 * property value is at most 32 KB), and the KVS endpoint takes Forge's 4 MB transaction plus room to answer MAX_SIZE.
 */
export const BODY_LIMITS = { jira: 2 * 1024 * 1024, kvs: 8 * 1024 * 1024 } as const;
/** How much of an oversized body the site still reads (and discards) so the client can finish sending and read the 413. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * The request body as text; 413 with Jira's error body beyond `maxBytes`. An oversized body is read to its end (up
 * to 64 MiB) before the 413 is sent: answering while the client is still sending makes it see a reset connection
 * instead of the answer.
 */
export async function readText(req: IncomingMessage, maxBytes: number = BODY_LIMITS.jira): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
    else if (size > DRAIN_BYTES) break;
  }
  if (size > maxBytes) {
    const headers: Record<string, string> = size > DRAIN_BYTES ? { Connection: 'close' } : {};
    throw new JiraError(413, [`The request body is too large: at most ${maxBytes} bytes are accepted here.`], {}, headers);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON request body; a body that is not JSON answers 400 as Jira does. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Values of a repeatable, comma-separated query parameter (`fields=a,b&fields=c`). */
export function listParam(url: URL, name: string): string[] | undefined {
  const raw = url.searchParams.getAll(name);
  if (raw.length === 0) return undefined;
  return raw.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

/** A non-negative integer query parameter, or `fallback` when absent; 400 when malformed. */
export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`The value '${raw}' of the '${name}' parameter is not a valid non-negative integer.`);
  return Number(raw);
}
