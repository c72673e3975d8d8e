import { createHmac, randomUUID } from 'node:crypto';
import type { ConnectionsView, GateView } from '../src/contract';
import type { FakeGitHub } from './support/fake-github';
import { startFakeGitHub } from './support/fake-github';
import { providerFixture } from './support/provider-fixtures';
import { DEMO, useSite } from './support/site-client';

// GitHub pull-request reviews and check runs through the app's web trigger on the local site, the same end-to-end
// shape as the GitLab test (test/provider-webhooks.test.ts). The app's declared egress https://api.github.com is routed
// to a fake GitHub on loopback answering the documented endpoints with the documented payloads (test/fixtures/github,
// each naming its page on docs.github.com): pull request #7 of acme/addon-operator, "SKU-3: enable the add-on ...".
let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.stop();
});
const env = useSite({
  get env() {
    return { SITE_EGRESS_ROUTES: JSON.stringify({ 'https://api.github.com': github.origin }) };
  },
});

const SECRET = 'a-long-random-webhook-secret-for-github';
const project = { projectKey: DEMO.projectKey };
const pull = providerFixture('github', 'api-pull').payload as { html_url: string; head: { sha: string } };
const HEAD = pull.head.sha;
const NEW_HEAD = '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3';
const DANA = { id: 5801, login: 'dana-dev' };
let webhookUrl: string;

beforeAll(async () => {
  const saved: ConnectionsView = await env.client.call(DEMO.admin, 'settings', 'saveConnection', { provider: 'github', apiToken: github.token, webhookSecret: SECRET }, project);
  webhookUrl = saved.connections.find((c) => c.provider === 'github')?.webhookUrl ?? '';
  const config = await env.client.configV2();
  const providerUsers = [
    { provider: 'github', login: 'dana-dev', id: 5801, accountId: 'acc-dev-team' },
    { provider: 'github', login: 'lee-cee', id: 5803, accountId: 'acc-cee' },
  ];
  const stages = config.stages.map((stage) => (stage.key === 'go-live' ? { ...stage, requiredChecks: ['osd-e2e'] } : stage));
  await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, providerUsers, stages } }, project);
});

/** Sends a delivery signed as GitHub signs it (HMAC-SHA256 of the body with the webhook's secret), with a fresh delivery id. */
async function deliver(fixture: string, change: { payload?: (payload: Record<string, unknown>) => unknown; deliveryId?: string } = {}) {
  const { headers, payload } = providerFixture('github', fixture);
  const body = JSON.stringify(change.payload ? change.payload(payload as Record<string, unknown>) : payload);
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const response = await fetch(webhookUrl, { method: 'POST', headers: { ...headers, 'X-GitHub-Delivery': change.deliveryId ?? randomUUID(), 'X-Hub-Signature-256': signature }, body });
  return { status: response.status, message: ((await response.json()) as { message: string }).message };
}
const gateOf = (): Promise<GateView> => env.client.call(DEMO.pm, 'panel', 'getGate', {}, { issueKey: 'SKU-3' });
const goLiveOf = async () => (await gateOf()).verdicts.find((v) => v.stage === 'go-live');
const devTeamOf = async () => (await goLiveOf())?.teams.find((t) => t.team === 'dev-team');
const byLee = (payload: Record<string, unknown>) => ({ ...payload, review: { ...(payload['review'] as Record<string, unknown>), user: { login: 'lee-cee', id: 5803, type: 'User', site_admin: false } } });

describe('GitHub pull-request reviews and check runs through the web trigger', () => {
  it('records a signed approval re-read from GitHub, revokes it when dismissed, and marks it and the check stale on new commits', async () => {
    const approvedId = randomUUID();
    expect(await deliver('webhook-pull-request-review-submitted', { deliveryId: approvedId })).toEqual({ status: 200, message: 'Recorded: Dev team approves Go live on SKU-3 (dana-dev on acme/addon-operator#7)' });
    expect((await gateOf()).records.decisions['dev-team']).toMatchObject({ decision: 'approved', by: 'acc-dev-team', source: { kind: 'github', url: pull.html_url, headSha: HEAD } });
    expect((await devTeamOf())?.state).toBe('approved');
    expect(await deliver('webhook-pull-request-review-submitted', { deliveryId: approvedId })).toMatchObject({ status: 400, message: expect.stringMatching(/received before/) as unknown });
    // GitHub lists Lee's approval for an earlier commit of the pull request: it is not an approval of the head.
    expect(await deliver('webhook-pull-request-review-submitted', { payload: byLee })).toEqual({ status: 200, message: "lee-cee's approval on acme/addon-operator#7 was for commit 0e1f2a3, not its head 3f1c2a7; nothing recorded" });

    // The check run delivery says success; the result recorded is the one GitHub's API lists for the head.
    expect(await deliver('webhook-check-run-completed')).toEqual({ status: 200, message: 'Recorded on SKU-3: osd-e2e passed for 3f1c2a7 (acme/addon-operator#7)' });
    expect((await goLiveOf())?.checks).toEqual([{ name: 'osd-e2e', state: 'passed', url: 'https://github.com/acme/addon-operator/runs/4', change: { provider: 'github', url: pull.html_url, headSha: HEAD }, reason: 'osd-e2e passed for 3f1c2a7' }]);

    github.review(7, DANA, 'DISMISSED');
    expect(await deliver('webhook-pull-request-review-dismissed')).toEqual({ status: 200, message: 'Recorded: Dev team withdraws its approval on SKU-3 (dana-dev on acme/addon-operator#7)' });
    expect((await gateOf()).records.decisions['dev-team']).toMatchObject({ decision: 'revoked', source: { kind: 'github' } });
    expect((await devTeamOf())?.state).toBe('pending');

    // Withdrawn, Dev team's approval no longer passes Promote to prod either: the ticket waits there again.
    github.review(7, DANA, 'APPROVED');
    expect(await deliver('webhook-pull-request-review-submitted')).toEqual({ status: 200, message: 'Recorded: Dev team approves Promote to prod on SKU-3 (dana-dev on acme/addon-operator#7)' });
    github.push(7, NEW_HEAD);
    expect(await deliver('webhook-pull-request-synchronize')).toEqual({ status: 200, message: 'Marked stale on SKU-3: dev-team, check osd-e2e' });
    const goLive = await goLiveOf();
    expect(goLive?.teams.find((t) => t.team === 'dev-team')).toMatchObject({ state: 'stale', reason: expect.stringMatching(/^Dev team's approval was for commit 3f1c2a7 of the pull request, which has new commits since/) as unknown });
    expect(goLive?.checks?.[0]?.state).toBe('stale');
    expect((await gateOf()).audit.events.slice(0, 2)).toMatchObject([{ action: 'stale', actor: 'GitHub' }, { action: 'stale', actor: 'GitHub', team: 'dev-team' }]);
  });
});
