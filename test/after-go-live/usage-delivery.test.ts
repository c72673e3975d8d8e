import { nodeWebhookCrypto as crypto } from '../../src/forge/webhook-crypto';
import { readUsageDelivery, usageProjectOf } from '../../src/gate/usage-delivery';

// The usage web trigger's reader with the app's own HMAC (node:crypto).
const NOW = new Date('2026-11-29T10:00:00Z');
const SECRET = 'usage-secret';
const signed = (body: string, secret = SECRET) => ({
  headers: { 'content-type': 'application/json', 'x-go-live-gate-project': '10000', 'X-Go-Live-Gate-Signature': `sha256=${crypto.hmacSha256Hex(secret, body)}` },
  body,
});
const delivery = (fields: Record<string, unknown> = {}) => JSON.stringify({ issue: 'SKU-4', measuredAt: '2026-11-29T09:00:00Z', usage: { capacity: 120 }, ...fields });

describe('reading a usage delivery', () => {
  it('reads a signed delivery, the sender named billing unless it says otherwise', () => {
    expect(readUsageDelivery(signed(delivery()), SECRET, crypto, NOW)).toEqual({ ok: true, delivery: { issue: 'SKU-4', measuredAt: '2026-11-29T09:00:00Z', usage: { capacity: 120 }, source: 'billing' } });
  });

  it('answers 401 without reading the body when the project has no secret, the signature is missing or wrong', () => {
    const garbage = '{not json';
    expect(readUsageDelivery(signed(garbage), undefined, crypto, NOW)).toMatchObject({ ok: false, answer: { status: 401 } });
    expect(readUsageDelivery({ headers: { 'x-go-live-gate-project': '10000' }, body: garbage }, SECRET, crypto, NOW)).toMatchObject({ ok: false, answer: { status: 401 } });
    expect(readUsageDelivery(signed(garbage, 'other'), SECRET, crypto, NOW)).toMatchObject({ ok: false, answer: { status: 401 } });
    expect(readUsageDelivery(signed(garbage), SECRET, crypto, NOW)).toMatchObject({ ok: false, answer: { status: 400, message: expect.stringContaining('not JSON') as unknown } });
  });

  it('answers 400 naming what is wrong with a signed delivery', () => {
    const read = (body: string) => readUsageDelivery(signed(body), SECRET, crypto, NOW);
    expect(read(delivery({ issue: 'sku 4' }))).toMatchObject({ ok: false, answer: { status: 400, message: expect.stringContaining('issue: must be an issue key') as unknown } });
    expect(read(delivery({ extra: 1 }))).toMatchObject({ ok: false, answer: { status: 400 } });
    expect(read(delivery({ measuredAt: '2026-11-29T10:30:00Z' }))).toMatchObject({ ok: false, answer: { status: 400, message: expect.stringContaining('in the future') as unknown } });
  });

  it('needs the project header before it looks up a secret', () => {
    expect(usageProjectOf({ headers: {}, body: '{}' })).toMatchObject({ ok: false, answer: { status: 400 } });
    expect(usageProjectOf({ headers: { 'X-Go-Live-Gate-Project': 'SKU' }, body: '{}' })).toMatchObject({ ok: false, answer: { status: 400 } });
    expect(usageProjectOf({ headers: { 'X-Go-Live-Gate-Project': ['10000'] }, body: '{}' })).toEqual({ ok: true, projectId: '10000' });
  });
});
