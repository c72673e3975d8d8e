import { createHmac } from 'node:crypto';
import type { GateView, UsageIntake } from '../../src/contract';
import { USAGE_PROPERTY } from '../../src/gate/records';
import { DEMO, unwrap, useSite } from '../support/site-client';

// Usage against commitments: a billing system reports a ticket's usage through the app's web trigger, signed with the
// project's secret; usage over the capacity SRE-P agreed shows as a breach in the panel and in JQL, and SRE-P is told once.
const env = useSite();
const SRE_P = DEMO.approverOf('sre-p');

interface Delivery {
  readonly status: number;
  readonly message: string;
}

async function deliver(intake: UsageIntake, body: string, sign: string | undefined, projectId = intake.projectId): Promise<Delivery> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', [intake.projectHeader]: projectId };
  if (sign !== undefined) headers[intake.signatureHeader] = `sha256=${createHmac('sha256', sign).update(body, 'utf8').digest('hex')}`;
  const response = await fetch(intake.url, { method: 'POST', headers, body });
  return { status: response.status, message: ((await response.json()) as { message: string }).message };
}

const gateOf = async (key: string): Promise<GateView> => unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key }));

async function keysFound(jql: string): Promise<string[]> {
  const found = await env.client.rest(DEMO.pm, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 });
  expect(found.status).toBe(200);
  return (found.body as { issues: { key: string }[] }).issues.map((i) => i.key);
}

async function notificationsOf(accountId: string): Promise<string> {
  const response = await fetch(`${env.site.url}/notifications`, { headers: { cookie: `site-user=${accountId}` } });
  return response.text();
}

const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

let intake: UsageIntake;
let ticket: { id: string; key: string };

beforeAll(async () => {
  const before = unwrap(await env.client.invoke(DEMO.admin, 'settings', 'getUsageIntake', {}, { projectKey: DEMO.projectKey }));
  expect(before.hasSecret).toBe(false);
  intake = unwrap(await env.client.invoke(DEMO.admin, 'settings', 'rotateUsageSecret', {}, { projectKey: DEMO.projectKey }));
  expect(intake).toMatchObject({ hasSecret: true, projectId: '10000' });
  ticket = await env.client.createTicket('Add-on U go-live');
  unwrap(await env.client.invoke(SRE_P, 'panel', 'recordNumbers', { values: { capacity: 100, velocity: 10 } }, { issueKey: ticket.key }));
});

const secret = (): string => intake.secret ?? '';
const body = (usage: Record<string, number>, measuredAt = new Date().toISOString()): string => JSON.stringify({ issue: ticket.key, measuredAt, usage, source: 'billing' });

describe('usage deliveries', () => {
  it('refuses deliveries it cannot authenticate (401) or read (400), and records nothing', async () => {
    expect((await deliver(intake, body({ capacity: 500 }), undefined)).status).toBe(401);
    expect((await deliver(intake, body({ capacity: 500 }), 'not-the-secret')).status).toBe(401);
    expect((await deliver(intake, body({ capacity: 500 }), secret(), '10001')).status).toBe(401);
    const notJson = await deliver(intake, '{"issue":', secret());
    expect(notJson).toMatchObject({ status: 400, message: expect.stringContaining('not JSON') as unknown });
    const unknownNumber = await deliver(intake, body({ speed: 3 }), secret());
    expect(unknownNumber).toMatchObject({ status: 400, message: expect.stringContaining('no number has the key "speed"') as unknown });
    expect((await deliver(intake, body({ capacity: -1 }), secret())).status).toBe(400);
    expect((await deliver(intake, JSON.stringify({ issue: 'SKU-999', measuredAt: new Date().toISOString(), usage: { capacity: 1 } }), secret())).status).toBe(400);
    const inFuture = await deliver(intake, body({ capacity: 1 }, '2999-01-01T00:00:00Z'), secret());
    expect(inFuture.status).toBe(400);

    const properties = await env.client.rest(DEMO.pm, 'GET', `/rest/api/3/issue/${ticket.key}/properties`);
    expect(JSON.stringify(properties.body)).not.toContain(USAGE_PROPERTY);
    expect((await gateOf(ticket.key)).records.usage).toBeUndefined();
  });

  it('shows usage over the agreed capacity as a breach in the panel and in JQL, and notifies SRE-P once', async () => {
    const within = await deliver(intake, body({ capacity: 80, velocity: 5 }), secret());
    expect(within).toEqual({ status: 200, message: `Recorded usage for ${ticket.key}.` });
    expect(await keysFound('project = SKU AND goLiveGateBreached = "capacity"')).not.toContain(ticket.key);

    const over = await deliver(intake, body({ capacity: 120 }), secret());
    expect(over).toEqual({ status: 200, message: `Recorded usage for ${ticket.key}. Capacity breached: 120 customers measured, 100 customers agreed` });
    const gate = await gateOf(ticket.key);
    expect(gate.records.usage).toMatchObject({ values: { capacity: 120, velocity: 5 }, source: 'webtrigger', by: 'billing' });
    expect(gate.unverified).toEqual([]);
    expect(await keysFound('project = SKU AND goLiveGateBreached = "capacity"')).toContain(ticket.key);
    expect(await keysFound('project = SKU AND goLiveGateBreached = "velocity"')).not.toContain(ticket.key);
    const reviews = unwrap(await env.client.invoke(DEMO.pm, 'reviews', 'getReviews', {}, { projectKey: DEMO.projectKey }));
    expect(reviews.breaches).toEqual([{ key: ticket.key, title: 'Add-on U go-live', breaches: ['Capacity breached: 120 customers measured, 100 customers agreed'] }]);

    // Still over on the next delivery and a team member's measurement: the same breach, told once.
    expect((await deliver(intake, body({ capacity: 130 }), secret())).status).toBe(200);
    unwrap(await env.client.invoke(SRE_P, 'panel', 'recordUsage', { values: { capacity: 131 } }, { issueKey: ticket.key }));
    await env.site.drainEvents();
    expect(occurrences(await notificationsOf('acc-sre-p'), `${ticket.key}: capacity breached`)).toBe(1);
    expect(occurrences(await notificationsOf('acc-cee'), `${ticket.key}: capacity breached`)).toBe(0);

    // A measurement older than the one recorded (a late or replayed delivery) changes nothing.
    const late = await deliver(intake, body({ capacity: 10 }, '2020-01-01T00:00:00Z'), secret());
    expect(late.status).toBe(400);
    expect((await gateOf(ticket.key)).records.usage?.values['capacity']).toBe(131);
  });

  it('lets only members of a gating team record usage in the panel', async () => {
    const refused = await env.client.invoke(DEMO.pm, 'panel', 'recordUsage', { values: { capacity: 1 } }, { issueKey: ticket.key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await gateOf(ticket.key)).canRecordUsage).toBe(false);
  });

  it('shows a hand-edited usage property as unverified, and keeps the breach from what the app wrote', async () => {
    const put = await env.client.rest(DEMO.pm, 'PUT', `/rest/api/3/issue/${ticket.key}/properties/${USAGE_PROPERTY}`, { kind: 'usage', issueId: ticket.id, values: { capacity: 1 }, measuredAt: new Date().toISOString(), source: 'panel', by: 'acc-pm', at: new Date().toISOString() });
    expect(put.status).toBeLessThan(300);
    const gate = await gateOf(ticket.key);
    expect(gate.unverified.map((u) => u.propertyKey)).toEqual([USAGE_PROPERTY]);
    expect(gate.records.usage).toBeUndefined();
    // The next write derives the summary again: the breach stands on what the app wrote.
    await env.client.approve(ticket.key, 'cee');
    expect(await keysFound('project = SKU AND goLiveGateBreached = "capacity"')).toContain(ticket.key);
    expect(await keysFound('project = SKU AND goLiveGateUnverified = "usage"')).toContain(ticket.key);
  });
});
