import { z } from 'zod/mini';
import type { RepositoryRef } from './provider-refs';
import { PositiveIdSchema, ProviderNameSchema, ShaSchema } from './provider-refs';
import { githubCheckRunState, githubStatusState } from './required-checks';
import type { DeliveryProtocol, EventReading, ProviderEvent, WebhookCrypto } from './webhook-delivery';
import { anySecretMatches, header, readEvent } from './webhook-delivery';
import { lazySchema } from './lazy-schema';

/**
 * GitHub webhook deliveries: `pull_request_review` (approved, changes requested, dismissed), `pull_request`
 * (synchronize: new commits), `check_run` and `status` (required checks), and `ping`. Documented at
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads and
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries.
 */

const UserSchema = lazySchema(() => z.object({ id: PositiveIdSchema, login: z.string().check(z.minLength(1), z.maxLength(100)) }));
const RepositorySchema = lazySchema(() => z.object({ name: ProviderNameSchema, owner: z.object({ login: ProviderNameSchema }) }));
const PullRefSchema = lazySchema(() => z.object({ number: PositiveIdSchema }));
const UrlSchema = lazySchema(() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)));

const ReviewEventSchema = lazySchema(() => z.object({
  action: z.string(),
  review: z.object({ state: z.string(), user: z.nullable(UserSchema), commit_id: z.nullish(ShaSchema) }),
  pull_request: PullRefSchema,
  repository: RepositorySchema,
}));
const PullRequestEventSchema = lazySchema(() => z.object({
  action: z.string(),
  pull_request: z.extend(PullRefSchema, { head: z.object({ sha: ShaSchema }) }),
  repository: RepositorySchema,
}));
const CheckRunEventSchema = lazySchema(() => z.object({
  action: z.string(),
  check_run: z.object({
    name: z.string().check(z.minLength(1), z.maxLength(255)),
    head_sha: ShaSchema,
    status: z.string(),
    conclusion: z.nullish(z.string()),
    html_url: z.catch(z.nullish(UrlSchema), null),
    pull_requests: z._default(z.array(PullRefSchema).check(z.maxLength(100)), []),
  }),
  repository: RepositorySchema,
}));
const StatusEventSchema = lazySchema(() => z.object({
  sha: ShaSchema,
  context: z.string().check(z.minLength(1), z.maxLength(255)),
  state: z.string(),
  target_url: z.catch(z.nullish(UrlSchema), null),
  repository: RepositorySchema,
}));

const repositoryOf = (repository: z.infer<typeof RepositorySchema>): RepositoryRef => ({ provider: 'github', owner: repository.owner.login, repo: repository.name });

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

function readGitHubEvent(name: string, payload: unknown): EventReading {
  switch (name) {
    case 'ping':
      return { ok: true, event: { kind: 'ping' } };
    case 'pull_request_review':
      return readEvent(ReviewEventSchema, payload, 'pull_request_review event', (event): ProviderEvent => {
        const state = event.review.state.toLowerCase();
        const change = { repository: repositoryOf(event.repository), number: event.pull_request.number };
        if (event.review.user === null) return { kind: 'ignored', reason: 'The review is by a deleted account' };
        const by = { provider: 'github' as const, id: event.review.user.id, login: event.review.user.login };
        const headSha = event.review.commit_id ?? undefined;
        if (event.action === 'dismissed') return { kind: 'approval', change, action: 'unapproved', by, headSha };
        if (event.action !== 'submitted') return { kind: 'ignored', reason: `A review ${event.action} changes no approval` };
        // A later review by the same person replaces their approval on GitHub; a plain comment does not.
        if (state === 'approved') return { kind: 'approval', change, action: 'approved', by, headSha };
        if (state === 'changes_requested') return { kind: 'approval', change, action: 'unapproved', by, headSha };
        return { kind: 'ignored', reason: `A ${state} review changes no approval` };
      });
    case 'pull_request':
      return readEvent(PullRequestEventSchema, payload, 'pull_request event', (event): ProviderEvent =>
        event.action === 'synchronize'
          ? { kind: 'head-changed', change: { repository: repositoryOf(event.repository), number: event.pull_request.number }, headSha: event.pull_request.head.sha }
          : { kind: 'ignored', reason: `A pull request ${event.action} is not used by the gate` },
      );
    case 'check_run':
      return readEvent(CheckRunEventSchema, payload, 'check_run event', ({ check_run: run, repository }): ProviderEvent => {
        const repo = repositoryOf(repository);
        return {
          kind: 'check',
          repository: repo,
          sha: run.head_sha,
          checks: [{ name: run.name, state: githubCheckRunState(run.status, run.conclusion), ...(run.html_url && { url: run.html_url }) }],
          changes: run.pull_requests.map((pull) => ({ repository: repo, number: pull.number })),
        };
      });
    case 'status':
      return readEvent(StatusEventSchema, payload, 'status event', (event): ProviderEvent => ({
        kind: 'check',
        repository: repositoryOf(event.repository),
        sha: event.sha,
        checks: [{ name: event.context, state: githubStatusState(event.state), ...(event.target_url && { url: event.target_url }) }],
        changes: [],
      }));
    default:
      return { ok: true, event: { kind: 'ignored', reason: `The ${name} event is not used by the gate` } };
  }
}

/**
 * How GitHub deliveries are authenticated and read: the body must be signed with one of the configured secrets
 * (`X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body>`, the current secret and, while rotating, the previous).
 *
 * @example
 * readDelivery(request, githubProtocol(['s3cret'], crypto)) // { ok: true, provider: 'github', deliveryId: '72d3162e-…', event: { kind: 'ping' } }
 */
export function githubProtocol(secrets: readonly string[], crypto: WebhookCrypto): DeliveryProtocol {
  return {
    provider: 'github',
    eventHeader: 'X-GitHub-Event',
    deliveryIdHeaders: ['X-GitHub-Delivery'],
    read: readGitHubEvent,
    authenticate(request) {
      if (secrets.length === 0) return { status: 401, message: 'No GitHub webhook secret is set in Go-Live Gate, so no delivery can be trusted; set one in the settings and on the webhook' };
      const signature = header(request, 'X-Hub-Signature-256');
      if (signature === undefined) {
        const message = header(request, 'X-Hub-Signature') === undefined ? 'The delivery is not signed: give the webhook the secret set in Go-Live Gate' : 'Only SHA-256 signatures (X-Hub-Signature-256) are accepted';
        return { status: 401, message };
      }
      const hex = SIGNATURE.exec(signature)?.[1]?.toLowerCase();
      if (hex === undefined) return { status: 401, message: 'The X-Hub-Signature-256 header is not of the form sha256=<64 hex digits>' };
      if (!anySecretMatches(secrets, (secret) => crypto.timingSafeEqual(crypto.hmacSha256Hex(secret, request.body), hex))) {
        return { status: 401, message: 'The signature does not match the body: the webhook’s secret is not the one set in Go-Live Gate, or the body was changed' };
      }
      return undefined;
    },
  };
}
