import type { DeliveryReading, ProviderEvent, WebhookAnswer } from '../gate/webhook-delivery';
import { PROVIDER_NAMES } from '../gate/provider-refs';
import type { Provider } from '../gate/provider-refs';
import type { DeliveryLog } from '../ports';

/** A delivery that asks the gate to re-read a merge request or its checks. */
export type WorkEvent = Extract<ProviderEvent, { kind: 'approval' | 'head-changed' | 'check' }>;

export type DeliveryOutcome =
  /** Answer at once: refused (400/401), replayed (400), or authentic with nothing to do (200). */
  | { readonly kind: 'answered'; readonly answer: WebhookAnswer }
  /** Claimed for processing. If processing fails, release the claim so the provider's retry is processed. */
  | { readonly kind: 'accepted'; readonly provider: Provider; readonly deliveryId: string; readonly event: WorkEvent };

/**
 * The step between reading a delivery and acting on it: refuse what the reader refused, answer pings and unused events
 * without storing anything, and claim the delivery id of everything else, so that a replay is refused with 400.
 *
 * @example
 * const outcome = await acceptDelivery(readDelivery(request, githubProtocol(secrets, crypto)), deliveries, clock.now());
 * if (outcome.kind === 'answered') return outcome.answer;
 */
export async function acceptDelivery(reading: DeliveryReading, deliveries: DeliveryLog, now: Date): Promise<DeliveryOutcome> {
  if (!reading.ok) return { kind: 'answered', answer: reading.answer };
  const { provider, deliveryId, event } = reading;
  if (event.kind === 'ping') return { kind: 'answered', answer: { status: 200, message: `Go-Live Gate receives ${PROVIDER_NAMES[provider]} deliveries here` } };
  if (event.kind === 'ignored') return { kind: 'answered', answer: { status: 200, message: `Nothing to do: ${event.reason}` } };
  if (!(await deliveries.claim(provider, deliveryId, now.toISOString()))) {
    return { kind: 'answered', answer: { status: 400, message: `Delivery ${deliveryId} was received before; a replay records nothing` } };
  }
  return { kind: 'accepted', provider, deliveryId, event };
}
