import type { z } from 'zod/mini';
import type { ChangeRequestRef, CheckResult, Provider, ProviderUser, RepositoryRef } from './provider-refs';
import { PROVIDER_NAMES } from './provider-refs';

/**
 * A webhook delivery from GitLab or GitHub, as a web trigger receives it, and what the app answers. Nothing in a
 * delivery is trusted: it is authenticated (shared secret or HMAC), bounded in size, parsed with schemas, and even then
 * it only says which merge request to re-read from the provider's API before anything is recorded.
 */

/** The request as Forge hands it to a web trigger: header names in any case, each with one or more values. */
export interface DeliveryRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: string;
}

/** What the app answers: 200 when it took the delivery, 400 when it is malformed, too large or replayed, 401 when it cannot be authenticated. */
export interface WebhookAnswer {
  readonly status: 200 | 400 | 401;
  readonly message: string;
}

/** What a delivery asks the app to look at. */
export type ProviderEvent =
  /** The provider checks the address (GitHub's ping when a webhook is created). */
  | { readonly kind: 'ping' }
  /** Authentic, but nothing the gate uses (another event or action); answered with success so the provider is content. */
  | { readonly kind: 'ignored'; readonly reason: string }
  /** Someone approved, or withdrew or lost an approval: re-read the approvals. */
  | { readonly kind: 'approval'; readonly change: ChangeRequestRef; readonly action: 'approved' | 'unapproved'; readonly by: ProviderUser; readonly headSha?: string | undefined }
  /** New commits on the source branch: approvals and checks for the old head are stale. */
  | { readonly kind: 'head-changed'; readonly change: ChangeRequestRef; readonly headSha: string }
  /** A check changed for a commit: re-read the required checks of the merge requests whose head it is. */
  | { readonly kind: 'check'; readonly repository: RepositoryRef; readonly sha: string; readonly checks: readonly CheckResult[]; readonly changes: readonly ChangeRequestRef[] };

export type DeliveryReading =
  | { readonly ok: false; readonly answer: WebhookAnswer }
  | {
      readonly ok: true;
      readonly provider: Provider;
      /** The provider's id of this delivery (X-GitHub-Delivery; GitLab's Idempotency-Key or X-Gitlab-Event-UUID), kept to refuse replays. */
      readonly deliveryId: string;
      readonly event: ProviderEvent;
    };

/** Forge passes at most a few MB to a function; a webhook the gate reads is a few KB. */
export const MAX_DELIVERY_BYTES = 1_048_576;

/**
 * HMAC and comparison, provided by src/forge (node:crypto), so these rules stay pure.
 */
export interface WebhookCrypto {
  /** HMAC-SHA256 of the body's UTF-8 bytes keyed with the secret, as lowercase hex. */
  readonly hmacSha256Hex: (secret: string, body: string) => string;
  /** Whether two strings are equal, in time that depends on neither where they differ nor their lengths. */
  readonly timingSafeEqual: (a: string, b: string) => boolean;
}

const badRequest = (message: string): { readonly ok: false; readonly answer: WebhookAnswer } => ({ ok: false, answer: { status: 400, message } });

/**
 * One header's first value, whatever the case of its name; undefined when absent or empty.
 *
 * @example
 * header({ headers: { 'x-github-event': ['ping'] }, body: '' }, 'X-GitHub-Event') // 'ping'
 */
export function header(request: DeliveryRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first = typeof value === 'string' ? value : value?.[0];
    const trimmed = first?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  }
  return undefined;
}

/** Whether the body's UTF-8 bytes exceed the limit, encoding it only when its length alone cannot tell. */
function isOversized(body: string): boolean {
  // A UTF-16 unit takes one to three UTF-8 bytes.
  if (body.length * 3 <= MAX_DELIVERY_BYTES) return false;
  if (body.length > MAX_DELIVERY_BYTES) return true;
  return new TextEncoder().encode(body).length > MAX_DELIVERY_BYTES;
}

/**
 * The checks every delivery passes before its signature is even computed: a body within the size limit, sent as JSON.
 *
 * @example
 * checkEnvelope({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'payload=...' })
 * // { ok: false, answer: { status: 400, message: 'The delivery is application/x-www-form-urlencoded; set the webhook’s content type to application/json' } }
 */
export function checkEnvelope(request: DeliveryRequest): { readonly ok: true } | { readonly ok: false; readonly answer: WebhookAnswer } {
  if (isOversized(request.body)) return badRequest(`The delivery is larger than ${MAX_DELIVERY_BYTES} bytes, more than any event the gate reads`);
  if (request.body.trim() === '') return badRequest('The delivery has no body');
  const type = header(request, 'content-type');
  if (type !== undefined && !/^application\/json\b/i.test(type)) return badRequest(`The delivery is ${type.split(';')[0] ?? type}; set the webhook’s content type to application/json`);
  return { ok: true };
}

/** Delivery ids are GUIDs; anything else is refused before it reaches storage. */
const DELIVERY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * A delivery id header, checked.
 *
 * @example
 * deliveryId(request, ['X-GitHub-Delivery']) // { ok: true, id: '72d3162e-cc78-11e3-81ab-4c9367dc0958' }
 */
function deliveryId(request: DeliveryRequest, names: readonly string[]): { readonly ok: true; readonly id: string } | { readonly ok: false; readonly answer: WebhookAnswer } {
  for (const name of names) {
    const value = header(request, name);
    if (value === undefined) continue;
    if (!DELIVERY_ID.test(value)) return badRequest(`The ${name} header is not a delivery id`);
    return { ok: true, id: value };
  }
  return badRequest(`The ${names.join(' or ')} header is missing, so the delivery cannot be told from a replay`);
}

/** The body as JSON, or a 400 that says it is not. */
export function parseJson(body: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly answer: WebhookAnswer } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return badRequest(`The body is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads a payload with its schema; a payload that does not fit answers 400 naming the first few problems.
 *
 * @example
 * readEvent(ReviewEventSchema, payload, 'pull_request_review event', (event) => ({ kind: 'ping' }))
 * // { ok: false, answer: { status: 400, message: 'The pull_request_review event is not as documented: review.state: ...' } }
 */
export function readEvent<T>(schema: z.ZodMiniType<T>, payload: unknown, what: string, read: (value: T) => ProviderEvent): EventReading {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, event: read(parsed.data) };
  return { ok: false, answer: { status: 400, message: notAsDocumented(parsed.error, what) } };
}

/**
 * Why a payload does not fit its schema, naming the first few problems.
 *
 * @example
 * notAsDocumented(error, 'usage delivery') // 'The usage delivery is not as documented: measuredAt: Invalid ISO datetime'
 */
export function notAsDocumented(error: z.core.$ZodError, what: string): string {
  const problems = error.issues.slice(0, 3).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
  const more = error.issues.length > 3 ? ` and ${error.issues.length - 3} more` : '';
  return `The ${what} is not as documented: ${problems.join('; ')}${more}`;
}

/** An event read from a delivery's body, or why the body is not as documented. */
export type EventReading = { readonly ok: true; readonly event: ProviderEvent } | { readonly ok: false; readonly answer: WebhookAnswer };

/** How one provider's deliveries are told apart, authenticated and read. */
export interface DeliveryProtocol {
  readonly provider: Provider;
  /** The header naming the event (`X-GitHub-Event`, `X-Gitlab-Event`). */
  readonly eventHeader: string;
  /** Headers that may carry the delivery id, in order of preference. */
  readonly deliveryIdHeaders: readonly string[];
  /** Undefined when the delivery is authentic, else the 401 that says why not. */
  authenticate(request: DeliveryRequest): WebhookAnswer | undefined;
  read(eventName: string, payload: unknown): EventReading;
}

/**
 * The steps every delivery goes through, cheapest first: size and content type, the event header, authentication
 * (before anything of the body is parsed), the delivery id, JSON, and the event's schema.
 *
 * @example
 * readDelivery(request, githubProtocol(secrets, crypto)) // { ok: true, provider: 'github', deliveryId, event }
 */
export function readDelivery(request: DeliveryRequest, protocol: DeliveryProtocol): DeliveryReading {
  const envelope = checkEnvelope(request);
  if (!envelope.ok) return envelope;
  const name = header(request, protocol.eventHeader);
  if (name === undefined) return badRequest(`The ${protocol.eventHeader} header is missing: this address takes ${PROVIDER_NAMES[protocol.provider]} webhook deliveries`);
  const refused = protocol.authenticate(request);
  if (refused !== undefined) return { ok: false, answer: refused };
  const id = deliveryId(request, protocol.deliveryIdHeaders);
  if (!id.ok) return id;
  const json = parseJson(request.body);
  if (!json.ok) return json;
  const read = protocol.read(name, json.value);
  if (!read.ok) return read;
  return { ok: true, provider: protocol.provider, deliveryId: id.id, event: read.event };
}

/**
 * Whether any configured secret (the current one and, while rotating, the previous) produced the signature.
 *
 * @example
 * anySecretMatches(['s3cret'], (secret) => crypto.timingSafeEqual(crypto.hmacSha256Hex(secret, body), signature))
 */
export function anySecretMatches(secrets: readonly string[], matches: (secret: string) => boolean): boolean {
  // Every secret is tried, so the time taken does not say which one matched.
  return secrets.map(matches).some(Boolean);
}
