// KvsDeliveryLog (src/forge/delivery-log) through the REAL @forge/kvs, against the local site, and acceptDelivery with it.
import { createHmac } from 'node:crypto';
import { acceptDelivery } from '../../src/app/accept-delivery';
import { githubProtocol } from '../../src/gate/github-webhook';
import { gitlabProtocol } from '../../src/gate/gitlab-webhook';
import { readDelivery } from '../../src/gate/webhook-delivery';
import { nodeWebhookCrypto } from '../../src/forge/webhook-crypto';
import { UnavailableError } from '../../src/errors';
import { providerFixture } from '../support/provider-fixtures';
import { forgeSite } from '../support/forge-site';
import { clearFaults, injectFault } from '../support/site-faults';

const env = forgeSite(async () => {
  const [log, storage] = await Promise.all([import('../../src/forge/delivery-log'), import('@forge/kvs')]);
  return { ...log, kvs: storage.kvs, MetadataField: storage.MetadataField };
});
const AT = '2026-03-02T10:15:00.000Z';
const newLog = (newToken?: () => string) => {
  const { KvsDeliveryLog } = env.modules();
  return newToken === undefined ? new KvsDeliveryLog() : new KvsDeliveryLog(newToken);
};

describe('KvsDeliveryLog', () => {
  it('claims a delivery once; the replay finds it claimed', async () => {
    const log = newLog();
    expect(await log.claim('github', 'a-delivery', AT)).toBe(true);
    expect(await log.claim('github', 'a-delivery', AT)).toBe(false);
    // The same id from the other provider is another delivery.
    expect(await log.claim('gitlab', 'a-delivery', AT)).toBe(true);
  });

  it('lets exactly one of many concurrent deliveries with the same id through', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => newLog().claim('gitlab', 'f7a1c3e5-2b4d-4f6a-8c0e-1a3b5c7d9e0f', AT)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('forgets a released claim, so the provider’s retry after a failure is processed', async () => {
    const log = newLog();
    expect(await log.claim('github', 'retry-after-failure', AT)).toBe(true);
    await log.release('github', 'retry-after-failure');
    expect(await log.claim('github', 'retry-after-failure', AT)).toBe(true);
  });

  it('keeps the claim for 30 days, after which storage forgets it', async () => {
    const before = Date.now();
    await newLog().claim('github', 'kept-a-month', AT);
    const stored = await env.modules().kvs.get('webhook-delivery:github:kept-a-month', { metadataFields: [env.modules().MetadataField.EXPIRE_TIME] });
    const days = (Date.parse(stored?.expireTime ?? '') - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  it('recognises its own claim when a retried write finds the first attempt had stored it', async () => {
    await env.modules().kvs.set('webhook-delivery:github:written-before-timeout', { at: AT, token: 'token-1' });
    expect(await newLog(() => 'token-1').claim('github', 'written-before-timeout', AT)).toBe(true);
    expect(await newLog(() => 'token-2').claim('github', 'written-before-timeout', AT)).toBe(false);
  });

  it('says storage is unavailable rather than claiming or refusing when KVS keeps failing', async () => {
    await injectFault(env.site(), { target: 'kvs', match: 'set', status: 503, times: 10 });
    await expect(newLog().claim('github', 'storage-down', AT)).rejects.toBeInstanceOf(UnavailableError);
    await clearFaults(env.site());
    expect(await newLog().claim('github', 'storage-down', AT)).toBe(true);
  });
});

describe('acceptDelivery', () => {
  const secret = 'hook secret';
  const now = new Date(AT);
  const githubRequest = (name: string) => {
    const { headers, payload } = providerFixture('github', name);
    const body = JSON.stringify(payload);
    return { headers: { ...headers, 'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` }, body };
  };
  const accept = (request: { headers: Record<string, string>; body: string }) => acceptDelivery(readDelivery(request, githubProtocol([secret], nodeWebhookCrypto)), newLog(), now);

  it('accepts an authentic delivery once and answers its replay with 400', async () => {
    const request = githubRequest('webhook-pull-request-review-submitted');
    expect(await accept(request)).toMatchObject({ kind: 'accepted', provider: 'github', deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958', event: { kind: 'approval', action: 'approved' } });
    expect(await accept(request)).toEqual({ kind: 'answered', answer: { status: 400, message: 'Delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958 was received before; a replay records nothing' } });
  });

  it('answers a ping and unused events with 200 without remembering them', async () => {
    const ping = githubRequest('webhook-ping');
    expect(await accept(ping)).toEqual({ kind: 'answered', answer: { status: 200, message: 'Go-Live Gate receives GitHub deliveries here' } });
    expect(await accept(ping)).toEqual({ kind: 'answered', answer: { status: 200, message: 'Go-Live Gate receives GitHub deliveries here' } });
    expect(await env.modules().kvs.get('webhook-delivery:github:c0e2a4b6-cc7d-11e3-9f5a-6b7c8d9e0f1a')).toBeUndefined();
  });

  it('passes the reader’s refusal on and remembers nothing of a forged delivery', async () => {
    const forged = { ...githubRequest('webhook-check-run-completed'), body: '{"forged":true}' };
    expect(await accept(forged)).toMatchObject({ kind: 'answered', answer: { status: 401 } });
    expect(await env.modules().kvs.get('webhook-delivery:github:a4c6e8f0-cc7b-11e3-8c2d-4e5f6a7b8c9d')).toBeUndefined();
  });

  it('refuses a GitLab retry of a delivery already processed, by its idempotency key', async () => {
    const { headers, payload } = providerFixture('gitlab', 'webhook-pipeline');
    const request = { headers: { ...headers, 'X-Gitlab-Token': secret }, body: JSON.stringify(payload) };
    const read = () => readDelivery(request, gitlabProtocol([secret], nodeWebhookCrypto));
    expect(await acceptDelivery(read(), newLog(), now)).toMatchObject({ kind: 'accepted', event: { kind: 'check' } });
    expect(await acceptDelivery(read(), newLog(), now)).toMatchObject({ kind: 'answered', answer: { status: 400 } });
  });
});
