import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookCrypto } from '../gate/webhook-delivery';

/** Hashing first gives both sides the same length, so the comparison's time says nothing about the secret's length. */
const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The webhook rules' HMAC and constant-time comparison, from node:crypto. Forge passes a web trigger's body as a
 * string; GitHub signs the UTF-8 bytes of the JSON it sent, which is what the string encodes back to.
 */
export const nodeWebhookCrypto: WebhookCrypto = {
  hmacSha256Hex: (secret, body) => createHmac('sha256', secret).update(body, 'utf8').digest('hex'),
  timingSafeEqual: (a, b) => timingSafeEqual(sha256(a), sha256(b)),
};
