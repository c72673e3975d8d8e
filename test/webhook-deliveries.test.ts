// GitLab and GitHub webhook deliveries, from their documentation's payloads, through the pure readers (src/gate) with
// the real HMAC and comparison (src/forge/webhook-crypto).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { githubProtocol } from '../src/gate/github-webhook';
import { gitlabProtocol } from '../src/gate/gitlab-webhook';
import type { DeliveryRequest } from '../src/gate/webhook-delivery';
import { MAX_DELIVERY_BYTES, readDelivery } from '../src/gate/webhook-delivery';
import { nodeWebhookCrypto } from '../src/forge/webhook-crypto';
import { providerFixture } from './support/provider-fixtures';

const SECRET = 'It’s a Secret to Everybody';
const sign = (body: string, secret = SECRET): string => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
const github = (request: DeliveryRequest, secrets: readonly string[] = [SECRET]) => readDelivery(request, githubProtocol(secrets, nodeWebhookCrypto));
const gitlab = (request: DeliveryRequest, secrets: readonly string[] = [SECRET]) => readDelivery(request, gitlabProtocol(secrets, nodeWebhookCrypto));

/** A documented delivery as GitHub sends it: its headers, the body and the signature of the body. */
function githubDelivery(name: string, change: (payload: Record<string, unknown>) => void = () => undefined): { headers: Record<string, string>; body: string } {
  const fixture = providerFixture('github', name);
  const payload = fixture.payload as Record<string, unknown>;
  change(payload);
  const body = JSON.stringify(payload);
  return { headers: { ...fixture.headers, 'X-Hub-Signature-256': sign(body) }, body };
}

/** A documented delivery as GitLab sends it, with the secret token. */
function gitlabDelivery(name: string, change: (payload: Record<string, unknown>) => void = () => undefined): { headers: Record<string, string>; body: string } {
  const fixture = providerFixture('gitlab', name);
  const payload = fixture.payload as Record<string, unknown>;
  change(payload);
  return { headers: { ...fixture.headers, 'X-Gitlab-Token': SECRET }, body: JSON.stringify(payload) };
}

const acme7 = { repository: { provider: 'github', owner: 'acme', repo: 'addon-operator' }, number: 7 };
const gitlab12 = { repository: { provider: 'gitlab', projectId: 4242 }, number: 12 };

describe('GitHub deliveries', () => {
  it('reads an approving review: who, which pull request, which commit', () => {
    expect(github(githubDelivery('webhook-pull-request-review-submitted'))).toEqual({
      ok: true,
      provider: 'github',
      deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      event: { kind: 'approval', change: acme7, action: 'approved', by: { provider: 'github', id: 5801, login: 'dana-dev' }, headSha: '3f1c2a7e9b4d5c6a8e0f1b2c3d4e5f60718293a4' },
    });
  });

  it('reads a dismissed review and a request for changes as a lost approval', () => {
    expect(github(githubDelivery('webhook-pull-request-review-dismissed'))).toMatchObject({ ok: true, event: { kind: 'approval', action: 'unapproved', by: { login: 'dana-dev' } } });
    const changes = githubDelivery('webhook-pull-request-review-submitted', (p) => void ((p['review'] as Record<string, unknown>)['state'] = 'changes_requested'));
    expect(github(changes)).toMatchObject({ ok: true, event: { kind: 'approval', action: 'unapproved' } });
  });

  it('reads new commits on the pull request as a new head', () => {
    expect(github(githubDelivery('webhook-pull-request-synchronize'))).toMatchObject({ ok: true, event: { kind: 'head-changed', change: acme7, headSha: '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3' } });
  });

  it('reads check runs and commit statuses as checks of a commit', () => {
    expect(github(githubDelivery('webhook-check-run-completed'))).toMatchObject({
      ok: true,
      event: { kind: 'check', sha: '3f1c2a7e9b4d5c6a8e0f1b2c3d4e5f60718293a4', checks: [{ name: 'osd-e2e', state: 'passed', url: 'https://github.com/acme/addon-operator/runs/4' }], changes: [acme7] },
    });
    expect(github(githubDelivery('webhook-status'))).toMatchObject({
      ok: true,
      event: { kind: 'check', repository: acme7.repository, checks: [{ name: 'osd-e2e', state: 'failed', url: 'https://ci.example.com/legacy/osd-e2e/88' }], changes: [] },
    });
  });

  it('answers the ping GitHub sends when the webhook is created', () => {
    expect(github(githubDelivery('webhook-ping'))).toMatchObject({ ok: true, event: { kind: 'ping' } });
  });

  it('accepts authentic events it does not use, saying why they change nothing', () => {
    const commented = githubDelivery('webhook-pull-request-review-submitted', (p) => void ((p['review'] as Record<string, unknown>)['state'] = 'commented'));
    expect(github(commented)).toMatchObject({ ok: true, event: { kind: 'ignored', reason: 'A commented review changes no approval' } });
    const opened = githubDelivery('webhook-pull-request-synchronize', (p) => void (p['action'] = 'opened'));
    expect(github(opened)).toMatchObject({ ok: true, event: { kind: 'ignored', reason: 'A pull request opened is not used by the gate' } });
    const push = githubDelivery('webhook-ping');
    expect(github({ ...push, headers: { ...push.headers, 'X-GitHub-Event': 'push' } })).toMatchObject({ ok: true, event: { kind: 'ignored', reason: 'The push event is not used by the gate' } });
  });

  it('accepts the previous secret while the secret is being rotated', () => {
    const delivery = githubDelivery('webhook-ping');
    expect(github(delivery, ['the new secret', SECRET])).toMatchObject({ ok: true });
  });

  it.each([
    ['no secret is configured', (d: { headers: Record<string, string>; body: string }) => d, [] as string[], 'No GitHub webhook secret is set in Go-Live Gate, so no delivery can be trusted; set one in the settings and on the webhook'],
    ['it is unsigned', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'X-Hub-Signature-256': '' } }), [SECRET], 'The delivery is not signed: give the webhook the secret set in Go-Live Gate'],
    [
      'only the SHA-1 signature is sent',
      (d: { headers: Record<string, string>; body: string }) => ({ body: d.body, headers: { ...Object.fromEntries(Object.entries(d.headers).filter(([k]) => k !== 'X-Hub-Signature-256')), 'X-Hub-Signature': 'sha1=0000' } }),
      [SECRET],
      'Only SHA-256 signatures (X-Hub-Signature-256) are accepted',
    ],
    ['the signature is malformed', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'X-Hub-Signature-256': 'sha256=xyz' } }), [SECRET], 'The X-Hub-Signature-256 header is not of the form sha256=<64 hex digits>'],
    ['it is signed with another secret', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'X-Hub-Signature-256': sign(d.body, 'guess') } }), [SECRET], 'The signature does not match the body: the webhook’s secret is not the one set in Go-Live Gate, or the body was changed'],
    ['the body was changed after signing', (d: { headers: Record<string, string>; body: string }) => ({ ...d, body: d.body.replace('"approved"', '"APPROVED" ') }), [SECRET], 'The signature does not match the body: the webhook’s secret is not the one set in Go-Live Gate, or the body was changed'],
  ])('answers 401 when %s', (_what, tamper, secrets, message) => {
    expect(github(tamper(githubDelivery('webhook-pull-request-review-submitted')), secrets)).toEqual({ ok: false, answer: { status: 401, message } });
  });

  it('authenticates before reading anything of the body', () => {
    const delivery = githubDelivery('webhook-ping');
    expect(github({ ...delivery, body: 'not json at all', headers: { ...delivery.headers, 'X-GitHub-Delivery': '' } })).toMatchObject({ ok: false, answer: { status: 401 } });
  });

  it.each([
    ['the event header is missing', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'X-GitHub-Event': '' } }), 'The X-GitHub-Event header is missing: this address takes GitHub webhook deliveries'],
    ['the delivery id is missing', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'X-GitHub-Delivery': '' } }), 'The X-GitHub-Delivery header is missing, so the delivery cannot be told from a replay'],
    ['the delivery id is not an id', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'X-GitHub-Delivery': '../../etc' } }), 'The X-GitHub-Delivery header is not a delivery id'],
    ['the webhook sends form data', (d: { headers: Record<string, string>; body: string }) => ({ ...d, headers: { ...d.headers, 'Content-Type': 'application/x-www-form-urlencoded' } }), 'The delivery is application/x-www-form-urlencoded; set the webhook’s content type to application/json'],
    ['the body is empty', (d: { headers: Record<string, string>; body: string }) => ({ ...d, body: ' ' }), 'The delivery has no body'],
  ])('answers 400 when %s', (_what, change, message) => {
    expect(github(change(githubDelivery('webhook-pull-request-review-submitted')))).toEqual({ ok: false, answer: { status: 400, message } });
  });

  it('answers 400 to a signed body that is not JSON or not the documented event, naming what is wrong', () => {
    const text = 'not json';
    const delivery = githubDelivery('webhook-ping');
    expect(github({ headers: { ...delivery.headers, 'X-Hub-Signature-256': sign(text) }, body: text })).toMatchObject({ ok: false, answer: { status: 400, message: expect.stringMatching(/^The body is not JSON: /) as unknown } });
    const noState = githubDelivery('webhook-pull-request-review-submitted', (p) => {
      delete (p['review'] as Record<string, unknown>)['state'];
      (p['pull_request'] as Record<string, unknown>)['number'] = -1;
    });
    expect(github(noState)).toEqual({
      ok: false,
      answer: { status: 400, message: 'The pull_request_review event is not as documented: review.state: Invalid input: expected string, received undefined; pull_request.number: Too small: expected number to be >0' },
    });
  });

  it('answers 400 to an oversized delivery before computing any signature', () => {
    const crypto = { ...nodeWebhookCrypto, hmacSha256Hex: jest.fn(nodeWebhookCrypto.hmacSha256Hex) };
    const delivery = githubDelivery('webhook-ping');
    const body = `{"zen":"${'x'.repeat(MAX_DELIVERY_BYTES)}"}`;
    expect(readDelivery({ headers: delivery.headers, body }, githubProtocol([SECRET], crypto))).toEqual({
      ok: false,
      answer: { status: 400, message: `The delivery is larger than ${MAX_DELIVERY_BYTES} bytes, more than any event the gate reads` },
    });
    // Multi-byte text counts by its UTF-8 bytes.
    expect(readDelivery({ headers: delivery.headers, body: `"${'é'.repeat(MAX_DELIVERY_BYTES / 2)}"` }, githubProtocol([SECRET], crypto))).toMatchObject({ ok: false, answer: { status: 400 } });
    expect(crypto.hmacSha256Hex).not.toHaveBeenCalled();
  });

  it('reads header names in any case and Forge’s arrays of values', () => {
    const { headers, body } = githubDelivery('webhook-ping');
    const forgeHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]]));
    expect(github({ headers: forgeHeaders, body })).toMatchObject({ ok: true, event: { kind: 'ping' } });
  });

  it('never authenticates a body with a signature it did not make, and never throws, whatever the headers and body', () => {
    const headerValue = fc.oneof(fc.string(), fc.constantFrom('pull_request_review', 'ping', 'check_run', 'status', 'sha256=' + '0'.repeat(64), 'application/json'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('X-GitHub-Event', 'x-github-delivery', 'X-Hub-Signature-256', 'content-type', 'X-Hub-Signature', 'other'), headerValue), fc.oneof(fc.string(), fc.json()), (headers, body) => {
        const reading = github({ headers, body });
        if (reading.ok) expect(headers['X-Hub-Signature-256']).toBe(sign(body));
        else expect([400, 401]).toContain(reading.answer.status);
      }),
      { numRuns: 500 },
    );
  });

  it('reads any validly signed JSON without throwing: an event, an ignored event, or a 400', () => {
    fc.assert(
      fc.property(fc.constantFrom('pull_request_review', 'pull_request', 'check_run', 'status', 'ping', 'issues'), fc.jsonValue(), (event, value) => {
        const body = JSON.stringify(value);
        const reading = github({ headers: { 'X-GitHub-Event': event, 'X-GitHub-Delivery': 'd-1', 'X-Hub-Signature-256': sign(body) }, body });
        if (!reading.ok) expect(reading.answer.status).toBe(400);
      }),
      { numRuns: 300 },
    );
  });
});

describe('GitLab deliveries', () => {
  it('reads an approval: who, which merge request, which commit, and the idempotency key as the delivery id', () => {
    expect(gitlab(gitlabDelivery('webhook-merge-request-approved'))).toEqual({
      ok: true,
      provider: 'gitlab',
      deliveryId: 'f7a1c3e5-2b4d-4f6a-8c0e-1a3b5c7d9e0f',
      event: { kind: 'approval', change: gitlab12, action: 'approved', by: { provider: 'gitlab', id: 31, login: 'sam-sre', name: 'Sam SRE' }, headSha: 'b5e3c1a9d7f2e4c6a8b0d2f4e6a8c0e2f4a6b8d0' },
    });
  });

  it.each([
    ['approved', 'approved'],
    ['approval', 'approved'],
    ['unapproved', 'unapproved'],
    ['unapproval', 'unapproved'],
  ])('reads the action %s as %s', (action, expected) => {
    const delivery = gitlabDelivery('webhook-merge-request-approved', (p) => void ((p['object_attributes'] as Record<string, unknown>)['action'] = action));
    expect(gitlab(delivery)).toMatchObject({ ok: true, event: { kind: 'approval', action: expected } });
  });

  it('reads a push to the source branch as a new head, and an update without code as nothing', () => {
    expect(gitlab(gitlabDelivery('webhook-merge-request-update-push'))).toMatchObject({ ok: true, event: { kind: 'head-changed', change: gitlab12, headSha: 'c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5' } });
    const titleOnly = gitlabDelivery('webhook-merge-request-update-push', (p) => void delete (p['object_attributes'] as Record<string, unknown>)['oldrev']);
    expect(gitlab(titleOnly)).toMatchObject({ ok: true, event: { kind: 'ignored', reason: 'A merge request update without new commits or approvals is not used by the gate' } });
  });

  it('reads a pipeline as the checks of its jobs, with links, for its merge request', () => {
    expect(gitlab(gitlabDelivery('webhook-pipeline'))).toMatchObject({
      ok: true,
      deliveryId: '6f8b0d2c-4e6a-4c8e-8a2b-3d5f7b9d1f4a',
      event: {
        kind: 'check',
        repository: gitlab12.repository,
        sha: 'b5e3c1a9d7f2e4c6a8b0d2f4e6a8c0e2f4a6b8d0',
        checks: [
          { name: 'deploy-stage', state: 'skipped', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5103' },
          { name: 'osd-e2e', state: 'passed', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5102' },
          { name: 'unit', state: 'passed', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5101' },
        ],
        changes: [gitlab12],
      },
    });
  });

  it('takes the event UUID as the delivery id from GitLab versions without the idempotency key', () => {
    const { headers, body } = gitlabDelivery('webhook-pipeline');
    const older = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'Idempotency-Key'));
    expect(gitlab({ headers: older, body })).toMatchObject({ ok: true, deliveryId: '5e7a9c1b-3d5f-4b7d-9f1a-2c4e6a8c0e3f' });
    const none = Object.fromEntries(Object.entries(older).filter(([name]) => name !== 'X-Gitlab-Event-UUID'));
    expect(gitlab({ headers: none, body })).toEqual({ ok: false, answer: { status: 400, message: 'The Idempotency-Key or X-Gitlab-Event-UUID header is missing, so the delivery cannot be told from a replay' } });
  });

  it.each([
    ['no secret token is configured', {}, [] as string[], 'No GitLab secret token is set in Go-Live Gate, so no delivery can be trusted; set one in the settings and on the webhook'],
    ['the token is missing', { 'X-Gitlab-Token': '' }, [SECRET], 'The delivery has no X-Gitlab-Token: give the webhook the secret token set in Go-Live Gate'],
    ['the token is wrong', { 'X-Gitlab-Token': 'It’s a Secret to Everybody!' }, [SECRET], 'The X-Gitlab-Token is not the secret token set in Go-Live Gate'],
    ['the token is a prefix of the secret', { 'X-Gitlab-Token': 'It’s' }, [SECRET], 'The X-Gitlab-Token is not the secret token set in Go-Live Gate'],
  ])('answers 401 when %s', (_what, headers, secrets, message) => {
    const delivery = gitlabDelivery('webhook-merge-request-approved');
    expect(gitlab({ ...delivery, headers: { ...delivery.headers, ...headers } }, secrets)).toEqual({ ok: false, answer: { status: 401, message } });
  });

  it('answers 400 when the payload is not the event its header names', () => {
    const delivery = gitlabDelivery('webhook-merge-request-approved');
    expect(gitlab({ ...delivery, headers: { ...delivery.headers, 'X-Gitlab-Event': 'Pipeline Hook' } })).toMatchObject({
      ok: false,
      answer: { status: 400, message: expect.stringMatching(/^The pipeline event is not as documented: object_kind: /) as unknown },
    });
  });

  it('accepts authentic events it does not use', () => {
    const delivery = gitlabDelivery('webhook-merge-request-approved');
    expect(gitlab({ ...delivery, headers: { ...delivery.headers, 'X-Gitlab-Event': 'Push Hook' } })).toMatchObject({ ok: true, event: { kind: 'ignored', reason: 'The Push Hook is not used by the gate' } });
  });

  it('never accepts a delivery without the right token, whatever the headers and body', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('X-Gitlab-Event', 'X-Gitlab-Token', 'X-Gitlab-Event-UUID', 'Idempotency-Key', 'Content-Type'), fc.oneof(fc.string(), fc.constantFrom('Merge Request Hook', 'Pipeline Hook', SECRET.slice(0, 5)))), fc.oneof(fc.string(), fc.json()), (headers, body) => {
        const reading = gitlab({ headers, body });
        if (reading.ok) expect(headers['X-Gitlab-Token']).toBe(SECRET);
      }),
      { numRuns: 500 },
    );
  });
});
