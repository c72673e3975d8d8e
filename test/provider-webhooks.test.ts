import { createHmac, randomUUID } from 'node:crypto';
import type { ConnectionsView, GateView } from '../src/contract';
import type { GateConfig } from '../src/gate/config';
import type { FakeGitLab } from './support/fake-gitlab';
import { startFakeGitLab } from './support/fake-gitlab';
import { providerFixture } from './support/provider-fixtures';
import { DEMO, useSite } from './support/site-client';

// GitLab merge-request approvals through the app's web trigger on the local site. The app's declared egress
// https://gitlab.com is routed to a fake GitLab on loopback answering the documented endpoints with the documented
// payloads (test/fixtures/gitlab, each naming its page): merge request !12 of project 4242, "SKU-3-ga", for SKU-3.
let gitlab: FakeGitLab;
beforeAll(async () => {
  gitlab = await startFakeGitLab();
});
afterAll(async () => {
  await gitlab.stop();
});
const env = useSite({
  get env() {
    return { SITE_EGRESS_ROUTES: JSON.stringify({ 'https://gitlab.com': gitlab.origin }) };
  },
});

const SECRET = 'a-long-random-webhook-secret-for-gitlab';
const NEW_HEAD = 'c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5';
const project = { projectKey: DEMO.projectKey };
let webhookUrl: string;
let githubUrl: string;

beforeAll(async () => {
  const saved: ConnectionsView = await env.client.call(DEMO.admin, 'settings', 'saveConnection', { provider: 'gitlab', apiToken: gitlab.token, webhookSecret: SECRET }, project);
  const connection = saved.connections.find((c) => c.provider === 'gitlab');
  expect(connection).toMatchObject({ connected: true, apiUrl: 'https://gitlab.com/api/v4' });
  webhookUrl = connection?.webhookUrl ?? '';
  githubUrl = saved.connections.find((c) => c.provider === 'github')?.webhookUrl ?? '';
  const { config } = await env.client.call(DEMO.admin, 'settings', 'getConfig', {}, project);
  const providerUsers = [
    { provider: 'gitlab', login: 'sam-sre', id: 31, accountId: 'acc-sre-p' },
    { provider: 'gitlab', login: 'dana-dev', id: 32, accountId: 'acc-dev-team' },
  ];
  await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...(config as GateConfig), providerUsers } }, project);
});

/** Sends a delivery: the fixture's headers and payload, a fresh delivery id, and the changes given. */
async function deliver(fixture: string, change: { headers?: Record<string, string | undefined>; payload?: (payload: Record<string, unknown>) => unknown; body?: string } = {}) {
  const { headers, payload } = providerFixture('gitlab', fixture);
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...headers, 'Idempotency-Key': randomUUID(), 'X-Gitlab-Token': SECRET, ...change.headers })) if (value !== undefined) sent[name] = value;
  const body = change.body ?? JSON.stringify(change.payload ? change.payload(payload as Record<string, unknown>) : payload);
  const response = await fetch(webhookUrl, { method: 'POST', headers: sent, body });
  return { status: response.status, message: ((await response.json()) as { message: string }).message };
}
function expectAnswer(answer: { status: number; message: string }, status: number, message: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.message).toMatch(message);
}
const gateOf = (issueKey: string): Promise<GateView> => env.client.call(DEMO.pm, 'panel', 'getGate', {}, { issueKey });
const decisionEvents = async (issueKey: string): Promise<number> => (await gateOf(issueKey)).audit.events.filter((e) => e.action === 'decide').length;

describe('the connections', () => {
  it('are for project admins only, and never show the token or the secret', async () => {
    const refused = await env.client.invoke(DEMO.approverOf('sre-p'), 'settings', 'saveConnection', { provider: 'gitlab', apiToken: 'glpat-stolen', webhookSecret: 'a-secret-of-the-attacker-1234' }, project);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await env.client.invoke(DEMO.approverOf('sre-p'), 'settings', 'getConnections', {}, project)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const shown = JSON.stringify(await env.client.call(DEMO.admin, 'settings', 'getConnections', {}, project));
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(gitlab.token);
  });
});

describe('GitHub pull-request reviews through the web trigger', () => {
  it('refuses a review delivery while GitHub is not connected, and one whose signature is wrong once it is', async () => {
    const { headers, payload } = providerFixture('github', 'webhook-pull-request-review-submitted');
    const body = JSON.stringify(payload);
    const send = async (signature: string) => {
      const response = await fetch(githubUrl, { method: 'POST', headers: { ...headers, 'X-Hub-Signature-256': signature }, body });
      return { status: response.status, message: ((await response.json()) as { message: string }).message };
    };
    const before = await decisionEvents('SKU-3');
    const forged = `sha256=${createHmac('sha256', 'a-guessed-secret').update(body).digest('hex')}`;
    expectAnswer(await send(forged), 401, /No GitHub webhook secret is set/);
    await env.client.call(DEMO.admin, 'settings', 'saveConnection', { provider: 'github', apiToken: 'github_pat_for_the_test', webhookSecret: SECRET }, project);
    expectAnswer(await send(forged), 401, /signature does not match the body/);
    expect(await decisionEvents('SKU-3')).toBe(before);
  });
});

describe('GitLab merge-request approvals through the web trigger', () => {
  it('records nothing for a forged, replayed or malformed delivery', async () => {
    const before = await decisionEvents('SKU-3');
    expectAnswer(await deliver('webhook-merge-request-approved', { headers: { 'X-Gitlab-Token': 'guessed-secret' } }), 401, /not the secret token/);
    expectAnswer(await deliver('webhook-merge-request-approved', { headers: { 'X-Gitlab-Token': undefined } }), 401, /no X-Gitlab-Token/);
    expectAnswer(await deliver('webhook-merge-request-approved', { body: '{"object_kind": "merge_request",' }), 400, /not JSON/);
    const replayed = { 'Idempotency-Key': 'a1b2c3d4-replayed-delivery' };
    gitlab.unapprove(12, 32);
    const dana = (payload: Record<string, unknown>) => ({ ...payload, user: { id: 32, name: 'Dana Dev', username: 'dana-dev' } });
    // Signed with the real secret, but GitLab's API shows no approval by Dana: nothing is recorded.
    expect(await deliver('webhook-merge-request-approved', { headers: replayed, payload: dana })).toEqual({ status: 200, message: 'GitLab shows no approval by dana-dev on GitLab project 4242 !12 now; nothing recorded' });
    expectAnswer(await deliver('webhook-merge-request-approved', { headers: replayed, payload: dana }), 400, /received before/);
    expect(await decisionEvents('SKU-3')).toBe(before);
    const unmapped = (payload: Record<string, unknown>) => ({ ...payload, user: { id: 99, name: 'Mallory', username: 'mallory' } });
    expectAnswer(await deliver('webhook-merge-request-approved', { payload: unmapped }), 200, /GitLab user mallory is not mapped to a Jira account/);
    expect(await decisionEvents('SKU-3')).toBe(before);
  });

  it('records an approval re-read from GitLab for the mapped approver’s team, and marks it stale when the merge request gets a new head commit', async () => {
    expect(await deliver('webhook-merge-request-approved')).toEqual({ status: 200, message: 'Recorded: SRE-P approves Go live on SKU-3 (sam-sre on GitLab project 4242 !12)' });
    let gate = await gateOf('SKU-3');
    const mr = providerFixture('gitlab', 'api-merge-request').payload as { web_url: string; sha: string };
    expect(gate.records.decisions['sre-p']).toMatchObject({ decision: 'approved', by: 'acc-sre-p', source: { kind: 'gitlab', url: mr.web_url, headSha: mr.sha } });
    expect(gate.verdicts.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === 'sre-p')?.state).toBe('approved');

    gitlab.push(12, NEW_HEAD);
    expect(await deliver('webhook-merge-request-update-push')).toEqual({ status: 200, message: 'Marked stale on SKU-3: sre-p' });
    gate = await gateOf('SKU-3');
    const goLive = gate.verdicts.find((v) => v.stage === 'go-live');
    const srep = goLive?.teams.find((t) => t.team === 'sre-p');
    expect(srep?.state).toBe('stale');
    expect(srep?.reason).toMatch(/^SRE-P's approval was for commit b5e3c1a of the merge request, which has new commits since/);
    expect(goLive?.allowed).toBe(false);
    expect(gate.audit.events[0]).toMatchObject({ action: 'stale', actor: 'GitLab', team: 'sre-p', outcome: 'applied' });
    // The same push delivered again changes nothing more.
    expect(await deliver('webhook-merge-request-update-push')).toEqual({ status: 200, message: 'No approval on SKU-3 came from an earlier head of GitLab project 4242 !12' });

    gitlab.approve(12, { id: 31, username: 'sam-sre', name: 'Sam SRE' });
    // Approved again on the new head: the stage the ticket now waits at, Promote to prod, needs SRE-P.
    expect(await deliver('webhook-merge-request-approved')).toEqual({ status: 200, message: 'Recorded: SRE-P approves Promote to prod on SKU-3 (sam-sre on GitLab project 4242 !12)' });
    gate = await gateOf('SKU-3');
    expect(gate.records.decisions['sre-p']).toMatchObject({ source: { headSha: NEW_HEAD } });
    expect(gate.verdicts.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === 'sre-p')?.state).toBe('approved');
  });
});
