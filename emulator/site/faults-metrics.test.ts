import { FaultPlan } from '../faults';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

describe('FaultPlan', () => {
  test('matches by target and substring, consumes uses, then lets requests through', () => {
    const plan = new FaultPlan();
    plan.add({ target: 'jira', match: 'PUT /rest/api/3/issue/SKU-1/', status: 503, times: 2 });
    plan.add({ target: 'kvs', status: 500 });
    expect(plan.take('jira', 'GET /rest/api/3/issue/SKU-1')).toBeUndefined();
    expect(plan.take('jira', 'PUT /rest/api/3/issue/SKU-1/properties/x')?.status).toBe(503);
    expect(plan.take('jira', 'PUT /rest/api/3/issue/SKU-1/properties/y')?.status).toBe(503);
    expect(plan.take('jira', 'PUT /rest/api/3/issue/SKU-1/properties/z')).toBeUndefined();
    expect(plan.take('kvs', 'set')?.status).toBe(500);
    expect(plan.take('kvs', 'set')).toBeUndefined();
    plan.add({ target: 'kvs', match: 'set', skip: 1, status: 502 });
    expect(plan.take('kvs', 'set')).toBeUndefined();
    expect(plan.take('kvs', 'set')?.status).toBe(502);
    plan.add({ target: 'kvs', times: 5 });
    plan.clear();
    expect(plan.take('kvs', 'get')).toBeUndefined();
  });
});

describe('internal endpoints', () => {
  let site: TestSite;
  const admin = { as: 'admin@example.com' };
  beforeAll(async () => {
    site = await startTestSite();
  });
  afterAll(async () => {
    await site.close();
  });

  const statusOf = async (key: string): Promise<string> => ((await site.request('GET', `/rest/api/3/issue/${key}?fields=status`, admin)).body as { fields: { status: { name: string } } }).fields.status.name;

  // The reference-model test relies on these two: resetting a ticket's status and waiting for late writes.
  test('an operator puts a ticket back in a status without running validators', async () => {
    expect(await statusOf('SKU-4')).toBe('Live');
    expect((await site.request('PUT', '/__site/issues/SKU-4/status', { ...admin, body: { status: 'In Review' } })).status).toBe(204);
    expect(await statusOf('SKU-4')).toBe('In Review');
    expect((await site.request('PUT', '/__site/issues/SKU-4/status', { ...admin, body: { status: 'Nowhere' } })).status).toBe(400);
    expect((await site.request('PUT', '/__site/issues/SKU-99/status', { ...admin, body: { status: 'Live' } })).status).toBe(404);
    expect((await site.request('PUT', '/__site/issues/SKU-4/status', { as: 'pm@example.com', body: { status: 'Live' } })).status).toBe(403);
  });

  test('refuses a late write for Jira, and settles at once when no late write is in flight', async () => {
    expect((await site.request('POST', '/__site/faults', { ...admin, body: { target: 'jira', lateMs: 10 } })).status).toBe(400);
    expect((await site.request('POST', '/__site/faults/settle', admin)).status).toBe(204);
  });

  test('counts every REST request by method and path template, and resets', async () => {
    expect((await site.request('POST', '/__site/metrics/reset', admin)).status).toBe(204);
    await site.request('GET', '/rest/api/3/issue/SKU-1', admin);
    await site.request('GET', '/rest/api/3/issue/SKU-2', admin);
    await site.request('PUT', '/rest/api/3/issue/SKU-2/properties/a', { ...admin, body: 1 });
    await site.request('GET', '/rest/api/3/issue/SKU-2');
    const metrics = await site.request('GET', '/__site/metrics', admin);
    expect(metrics.body).toEqual({
      'jira:GET /rest/api/3/issue/{issueIdOrKey}': 3,
      'jira:PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': 1,
    });
    await site.request('POST', '/__site/metrics/reset', admin);
    expect(site.metrics.snapshot()).toEqual({});
  });

  test('only the app and Jira administrators may use them', async () => {
    expect((await site.request('GET', '/__site/metrics', { as: 'pm@example.com' })).status).toBe(403);
    expect((await site.request('GET', '/__site/metrics')).status).toBe(401);
    expect((await site.request('GET', '/__site/metrics', { as: { app: true } })).status).toBe(200);
    expect((await site.request('GET', '/__site/nothing', admin)).status).toBe(404);
  });

  test('an injected 429 answers with Retry-After and Jira’s body, then the request succeeds', async () => {
    const added = await site.request('POST', '/__site/faults', { ...admin, body: { target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', status: 429, retryAfterSeconds: 3 } });
    expect(added.status).toBe(201);
    const limited = await site.request('GET', '/rest/api/3/issue/SKU-1', admin);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    expect((await site.request('GET', '/rest/api/3/issue/SKU-1', admin)).status).toBe(200);
  });

  test('an injected status applies as many times as asked; DELETE clears the plan', async () => {
    await site.request('POST', '/__site/faults', { ...admin, body: { target: 'jira', match: 'PUT ', status: 503, times: 5 } });
    expect((await site.request('PUT', '/rest/api/3/issue/SKU-1/properties/p', { ...admin, body: 1 })).status).toBe(503);
    expect((await site.request('DELETE', '/__site/faults', admin)).status).toBe(204);
    expect((await site.request('PUT', '/rest/api/3/issue/SKU-1/properties/p', { ...admin, body: 1 })).status).toBe(201);
  });

  test('a delay without a status still serves the request', async () => {
    site.faults.add({ target: 'jira', match: '/myself', delayMs: 20 });
    expect((await site.request('GET', '/rest/api/3/myself', admin)).status).toBe(200);
  });

  test('refuses a malformed fault rule, naming the field', async () => {
    const response = await site.request('POST', '/__site/faults', { ...admin, body: { target: 'db', status: 200 } });
    expect(response.status).toBe(400);
    expect((response.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/^Invalid fault rule: target: .*; status: /);
  });
});

test('a hanging fault never answers while other requests are served', async () => {
  const site = await startTestSite();
  site.faults.add({ target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', hang: true });
  let settled = false;
  const hung = site.request('GET', '/rest/api/3/issue/SKU-1', { as: 'pm@example.com' }).then(
    () => (settled = true),
    () => 'connection closed',
  );
  expect((await site.request('GET', '/rest/api/3/issue/SKU-2', { as: 'pm@example.com' })).status).toBe(200);
  expect(settled).toBe(false);
  await site.close();
  expect(await hung).toBe('connection closed');

});
