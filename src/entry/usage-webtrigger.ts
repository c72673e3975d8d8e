import { z } from 'zod/mini';
import { receiveUsage } from '../app/receive-usage';
import type { UsageAnswer } from '../gate/usage-delivery';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { usageDeliveryPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

/** The parts of Forge's web trigger request the app reads: the headers and the body as text. */
const WebTriggerRequestSchema = lazySchema(() => z.object({
  headers: z.catch(z.record(z.string(), z.optional(z.union([z.array(z.string()), z.string()]))), {}),
  body: z.catch(z.string(), ''),
}));

/** Forge's dynamic web trigger response. */
export interface WebTriggerAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

const answer = ({ status, message }: UsageAnswer): WebTriggerAnswer => ({
  statusCode: status,
  headers: { 'Content-Type': ['application/json'] },
  body: JSON.stringify({ message }),
});

/**
 * The `go-live-gate-usage` web trigger (manifest function `usage-webtrigger`): a billing or quota system reports a
 * ticket's actual usage (see src/gate/usage-delivery.ts for the request). 200 when recorded, 400 when not as
 * documented, 401 when it cannot be authenticated, 503 when Jira or KVS did not answer (send it again).
 *
 * @example
 * await usageWebtrigger({ method: 'POST', headers: { 'x-go-live-gate-project': ['10000'], ... }, body: '{"issue":"SKU-4",...}' })
 * // { statusCode: 200, headers: {...}, body: '{"message":"Recorded usage for SKU-4."}' }
 */
export async function usageWebtrigger(request: unknown): Promise<WebTriggerAnswer> {
  const { headers, body } = z.catch(WebTriggerRequestSchema, { headers: {}, body: '' }).parse(request);
  try {
    return answer(await withDeadline(INVOCATION_BUDGET_MS.resolver, () => receiveUsage(usageDeliveryPorts(), { headers, body })));
  } catch (error) {
    console.error('Go-Live Gate could not record a usage delivery:', error instanceof Error ? `${error.name}: ${error.message}` : error);
    return answer({ status: 503, message: 'The usage could not be recorded just now; nothing was recorded. Send the delivery again.' });
  }
}
