import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { DeliveryLog } from '../ports';
import type { Provider } from '../gate/provider-refs';
import { ConflictError } from '../errors';
import { kvsCall } from './kvs-calls';

/** GitHub lets a delivery be redelivered for a few days; a month is beyond any retry either provider makes. */
const REMEMBER_DAYS = 30;

interface Claim {
  readonly at: string;
  /** Tells this claim from another, so a retried write that had in fact succeeded is still recognised as ours. */
  readonly token: string;
}

const deliveryKey = (provider: Provider, deliveryId: string): string => `webhook-delivery:${provider}:${deliveryId}`;

/**
 * Webhook delivery ids in Forge KVS (`webhook-delivery:<provider>:<id>`, kept 30 days): a claim is a write that fails
 * when the key exists, so of two deliveries with the same id exactly one is processed.
 */
export class KvsDeliveryLog implements DeliveryLog {
  constructor(private readonly newToken: () => string = randomUUID) {}

  async claim(provider: Provider, deliveryId: string, at: string): Promise<boolean> {
    const key = deliveryKey(provider, deliveryId);
    const claim: Claim = { at, token: this.newToken() };
    try {
      await kvsCall(() => kvs.set(key, claim, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: REMEMBER_DAYS, unit: 'DAYS' } }), 'remember the webhook delivery');
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A first attempt that timed out may have written the claim before the retry found it.
      const stored = await kvsCall(() => kvs.get<Claim>(key), 'read the webhook delivery');
      return stored?.token === claim.token;
    }
  }

  async release(provider: Provider, deliveryId: string): Promise<void> {
    await kvsCall(() => kvs.delete(deliveryKey(provider, deliveryId)), 'forget the webhook delivery');
  }
}
