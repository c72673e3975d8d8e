import { createHmac, randomUUID } from 'node:crypto';
import type { ConnectionsView, GateView } from '../src/contract';
import type { FakeGitLab } from './support/fake-gitlab';
import { startFakeGitLab } from './support/fake-gitlab';
import { providerFixture } from './support/provider-fixtures';
import { DEMO, refusalOf, useSite } from './support/site-client';

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
  const config = await env.client.configV2();
  const providerUsers = [
    { provider: 'gitlab', login: 'sam-sre', id: 31, accountId: 'acc-sre-p' },
    { provider: 'gitlab', login: 'dana-dev', id: 32, accountId: 'acc-dev-team' },
  ];
  await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, providerUsers } }, project);
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
    // SRE-P signed SKU-3 off in the panel at both stages (the demo seed); its approver withdraws that to give it on the
    // merge request instead, so the ticket waits on SRE-P at promote to prod again.
    await env.client.call(DEMO.approverOf('sre-p'), 'panel', 'decide', { team: 'sre-p', decision: 'revoke', stages: ['promote-to-prod', 'go-live'] }, { issueKey: 'SKU-3' });
    expect(await deliver('webhook-merge-request-approved')).toEqual({ status: 200, message: 'Recorded: SRE-P approves Promote to prod on SKU-3 (sam-sre on GitLab project 4242 !12)' });
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
    expect(await deliver('webhook-merge-request-update-push')).toEqual({ status: 200, message: 'No approval or check result on SKU-3 came from an earlier head of GitLab project 4242 !12' });

    gitlab.approve(12, { id: 31, username: 'sam-sre', name: 'Sam SRE' });
    // Approved again on the new head: the stage the ticket now waits at, Promote to prod, needs SRE-P.
    expect(await deliver('webhook-merge-request-approved')).toEqual({ status: 200, message: 'Recorded: SRE-P approves Promote to prod on SKU-3 (sam-sre on GitLab project 4242 !12)' });
    gate = await gateOf('SKU-3');
    expect(gate.records.decisions['sre-p']).toMatchObject({ source: { headSha: NEW_HEAD } });
    expect(gate.verdicts.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === 'sre-p')?.state).toBe('approved');
  });
});

describe('the ticket of a merge request that names none', () => {
  it('is the gated ticket with a Jira remote link to it: the approval is recorded there', async () => {
    const { key } = await env.client.createTicket('Add-on F regions');
    const url = gitlab.open(13, { title: 'Enable the add-on in more regions', source_branch: 'more-regions' });
    const to13 = (payload: Record<string, unknown>) => ({ ...payload, object_attributes: { ...(payload['object_attributes'] as Record<string, unknown>), iid: 13, url, title: 'Enable the add-on in more regions', source_branch: 'more-regions' } });
    gitlab.approve(13, { id: 31, username: 'sam-sre', name: 'Sam SRE' });
    expect(await deliver('webhook-merge-request-approved', { payload: to13 })).toEqual({ status: 200, message: 'No SKU ticket is named in the title or source branch of GitLab project 4242 !13 or links to it; nothing recorded' });

    await env.client.restOk(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/remotelink`, { object: { url, title: 'acme/addon-operator!13' } }, 201);
    expect(await deliver('webhook-merge-request-approved', { payload: to13 })).toEqual({ status: 200, message: `Recorded: SRE-P approves Promote to prod on ${key} (sam-sre on GitLab project 4242 !13)` });
    expect((await gateOf(key)).records.decisions['sre-p']).toMatchObject({ decision: 'approved', by: 'acc-sre-p', source: { kind: 'gitlab', url } });
  });
});

describe('GitLab pipeline results as a stage’s required check', () => {
  const THIRD_HEAD = 'd4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2';
  const pipelineFor = (sha: string, build: string) => (payload: Record<string, unknown>) => ({
    ...payload,
    object_attributes: { ...(payload['object_attributes'] as Record<string, unknown>), sha },
    builds: (payload['builds'] as Record<string, unknown>[]).map((b) => (b['name'] === 'osd-e2e' ? { ...b, status: build } : b)),
  });
  const goLiveOf = async () => (await gateOf('SKU-3')).verdicts.find((v) => v.stage === 'go-live');
  const checkEvents = async (): Promise<number> => (await gateOf('SKU-3')).audit.events.filter((e) => e.action === 'check').length;

  it('blocks go-live naming the check until GitLab’s API shows it passed for the merge request’s head, and marks it stale on a new head', async () => {
    const config = await env.client.configV2();
    const stages = config.stages.map((stage) => (stage.key === 'go-live' ? { ...stage, requiredChecks: ['osd-e2e'] } : stage));
    await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, stages } }, project);
    for (const team of (await goLiveOf())?.teams ?? []) if (team.state !== 'approved') await env.client.approve('SKU-3', team.team);
    expect((await goLiveOf())?.message).toBe('Go live blocked: check osd-e2e has not run');
    const refused = await env.client.rest(DEMO.pm, 'POST', '/rest/api/3/issue/SKU-3/transitions', { transition: { id: DEMO.transitions.goLive } });
    expect(refused.status).toBe(400);
    expect(refusalOf(refused.body)).toContain('Go live blocked: check osd-e2e has not run');

    // A forged delivery and one for a commit that is no longer the head record nothing.
    expectAnswer(await deliver('webhook-pipeline', { headers: { 'X-Gitlab-Token': 'guessed-secret' } }), 401, /not the secret token/);
    expect(await deliver('webhook-pipeline')).toEqual({ status: 200, message: 'GitLab project 4242 !12 is at c7d9e1f now, not b5e3c1a: nothing recorded' });
    expect(await checkEvents()).toBe(0);

    // The delivery says success; GitLab's API says the job failed: the API's word is recorded.
    gitlab.report(NEW_HEAD, { id: 6001, name: 'osd-e2e', status: 'failed', target_url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/6001' });
    expect(await deliver('webhook-pipeline', { payload: pipelineFor(NEW_HEAD, 'success') })).toEqual({ status: 200, message: 'Recorded on SKU-3: osd-e2e failed for c7d9e1f (GitLab project 4242 !12)' });
    expect((await goLiveOf())?.message).toBe('Go live blocked: check osd-e2e failed');

    gitlab.report(NEW_HEAD, { id: 6002, name: 'osd-e2e', status: 'success', target_url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/6002' });
    expect(await deliver('webhook-pipeline', { payload: pipelineFor(NEW_HEAD, 'success') })).toEqual({ status: 200, message: 'Recorded on SKU-3: osd-e2e passed for c7d9e1f (GitLab project 4242 !12)' });
    const passed = await goLiveOf();
    expect(passed?.allowed).toBe(true);
    const mr = providerFixture('gitlab', 'api-merge-request').payload as { web_url: string };
    expect(passed?.checks).toEqual([{ name: 'osd-e2e', state: 'passed', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/6002', change: { provider: 'gitlab', url: mr.web_url, headSha: NEW_HEAD }, reason: 'osd-e2e passed for c7d9e1f' }]);
    expect((await gateOf('SKU-3')).audit.events[0]).toMatchObject({ action: 'check', actor: 'GitLab', outcome: 'applied' });
    // The same result delivered again writes nothing.
    expect(await deliver('webhook-pipeline', { payload: pipelineFor(NEW_HEAD, 'success') })).toEqual({ status: 200, message: 'Nothing new on SKU-3: osd-e2e passed for c7d9e1f was recorded before (GitLab project 4242 !12)' });
    expect(await checkEvents()).toBe(2);

    gitlab.push(12, THIRD_HEAD);
    expect(await deliver('webhook-merge-request-update-push')).toEqual({ status: 200, message: 'Marked stale on SKU-3: sre-p, check osd-e2e' });
    const stale = await goLiveOf();
    expect(stale?.checks?.[0]).toMatchObject({ state: 'stale', reason: 'osd-e2e passed for c7d9e1f, but the merge request has new commits since (d4e6f8a); it must pass for the new head' });
    expect(stale?.missing).toContain('check osd-e2e is for an old commit');
  });
});
