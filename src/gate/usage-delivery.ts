import { z } from 'zod/mini';
import type { DeliveryRequest, WebhookCrypto } from './webhook-delivery';
import { checkEnvelope, header, notAsDocumented, parseJson } from './webhook-delivery';
import { lazySchema } from './lazy-schema';

/**
 * A usage delivery from a billing or quota system to the app's `usage` web trigger. It names the project in a header
 * so that it is authenticated with that project's secret before anything of the body is parsed; the signature is the
 * HMAC-SHA256 of the body's UTF-8 bytes with the secret, as GitHub signs its webhooks.
 *
 *   POST <web trigger URL>
 *   Content-Type: application/json
 *   X-Go-Live-Gate-Project: 10000
 *   X-Go-Live-Gate-Signature: sha256=<hex of HMAC-SHA256(secret, body)>
 *   {"issue": "SKU-4", "measuredAt": "2026-11-29T10:00:00Z", "usage": {"capacity": 120, "velocity": 4}, "source": "billing"}
 */
export const USAGE_PROJECT_HEADER = 'X-Go-Live-Gate-Project';
export const USAGE_SIGNATURE_HEADER = 'X-Go-Live-Gate-Signature';

/** What the app answers a usage delivery: 503 asks the sender to retry (Jira or KVS did not answer). */
export interface UsageAnswer {
  readonly status: 200 | 400 | 401 | 503;
  readonly message: string;
}

/** A measurement may be a little ahead of the app's clock; one far in the future would lock out every later one. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const UsageDeliverySchema = lazySchema(() => z.strictObject({
  issue: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/, 'must be an issue key such as SKU-4')),
  measuredAt: z.iso.datetime({ offset: true }),
  /** By the key of the number each value is measured against: capacity (customers), velocity (new customers per week). */
  usage: z.record(z.string().check(z.minLength(1), z.maxLength(40)), z.number()),
  /** The sender's name, shown as who recorded the usage. */
  source: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)), 'billing'),
}));
export type UsageDelivery = z.infer<typeof UsageDeliverySchema>;

const refuse = (status: 400 | 401, message: string): { readonly ok: false; readonly answer: UsageAnswer } => ({ ok: false, answer: { status, message } });

/**
 * The project a delivery names, checked before its secret is looked up.
 *
 * @example
 * usageProjectOf({ headers: { 'x-go-live-gate-project': '10000' }, body }) // { ok: true, projectId: '10000' }
 */
export function usageProjectOf(request: DeliveryRequest): { readonly ok: true; readonly projectId: string } | { readonly ok: false; readonly answer: UsageAnswer } {
  const envelope = checkEnvelope(request);
  if (!envelope.ok) return refuse(400, envelope.answer.message);
  const projectId = header(request, USAGE_PROJECT_HEADER);
  if (projectId === undefined) return refuse(400, `The ${USAGE_PROJECT_HEADER} header is missing: name the id of the project whose ticket the usage is for`);
  if (!/^[0-9]{1,18}$/.test(projectId)) return refuse(400, `The ${USAGE_PROJECT_HEADER} header must be a project id (digits), such as 10000`);
  return { ok: true, projectId };
}

/**
 * Authenticates a delivery with its project's secret (undefined: the project has none yet), then reads its body. A
 * delivery that cannot be authenticated answers 401 and its body is not even parsed; one that is not as documented 400.
 *
 * @example
 * readUsageDelivery(request, secret, crypto, now) // { ok: true, delivery: { issue: 'SKU-4', usage: { capacity: 120 }, ... } }
 */
export function readUsageDelivery(
  request: DeliveryRequest,
  secret: string | undefined,
  crypto: WebhookCrypto,
  now: Date,
): { readonly ok: true; readonly delivery: UsageDelivery } | { readonly ok: false; readonly answer: UsageAnswer } {
  if (secret === undefined) return refuse(401, 'The project has no usage secret yet: a project admin creates one in Project settings → Go-Live Gate');
  const signature = header(request, USAGE_SIGNATURE_HEADER);
  if (signature === undefined) return refuse(401, `The ${USAGE_SIGNATURE_HEADER} header is missing: sign the body with the project's usage secret`);
  const expected = `sha256=${crypto.hmacSha256Hex(secret, request.body)}`;
  if (!crypto.timingSafeEqual(signature, expected)) return refuse(401, `The ${USAGE_SIGNATURE_HEADER} does not match the body: sign it with the project's current usage secret`);
  const json = parseJson(request.body);
  if (!json.ok) return refuse(400, json.answer.message);
  const parsed = UsageDeliverySchema.safeParse(json.value);
  if (!parsed.success) return refuse(400, notAsDocumented(parsed.error, 'usage delivery'));
  if (Date.parse(parsed.data.measuredAt) > now.getTime() + MAX_CLOCK_SKEW_MS) return refuse(400, `measuredAt ${parsed.data.measuredAt} is in the future; send the time the usage was measured`);
  return { ok: true, delivery: parsed.data };
}
