import { z } from 'zod/mini';
import type { CheckResult, RepositoryRef } from './provider-refs';
import { PositiveIdSchema, ShaSchema } from './provider-refs';
import { gitlabStatusState } from './required-checks';
import type { DeliveryProtocol, EventReading, WebhookCrypto } from './webhook-delivery';
import { anySecretMatches, header, readEvent } from './webhook-delivery';
import { lazySchema } from './lazy-schema';

/**
 * GitLab webhook deliveries: merge request events (approval, approved, unapproval, unapproved; update with new commits)
 * and pipeline events. Documented at https://docs.gitlab.com/user/project/integrations/webhook_events/ and
 * https://docs.gitlab.com/user/project/integrations/webhooks/ (the secret token and delivery headers).
 */

const UrlSchema = lazySchema(() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)));
const ProjectSchema = lazySchema(() => z.object({ id: PositiveIdSchema, web_url: z.catch(z.optional(UrlSchema), undefined) }));

const MergeRequestEventSchema = lazySchema(() => z.object({
  object_kind: z.literal('merge_request'),
  user: z.object({ id: PositiveIdSchema, username: z.string().check(z.minLength(1), z.maxLength(255)), name: z.catch(z.optional(z.string().check(z.maxLength(255))), undefined) }),
  project: ProjectSchema,
  object_attributes: z.object({
    iid: PositiveIdSchema,
    action: z.optional(z.string()),
    oldrev: z.nullish(z.string()),
    last_commit: z.nullish(z.object({ id: ShaSchema })),
  }),
}));

const PipelineEventSchema = lazySchema(() => z.object({
  object_kind: z.literal('pipeline'),
  object_attributes: z.object({
    id: PositiveIdSchema,
    sha: ShaSchema,
    status: z.string(),
    name: z.catch(z.nullish(z.string().check(z.maxLength(255))), null),
    url: z.catch(z.nullish(UrlSchema), null),
  }),
  merge_request: z.nullish(z.object({ iid: PositiveIdSchema })),
  project: ProjectSchema,
  builds: z._default(z.array(z.object({ id: PositiveIdSchema, name: z.string().check(z.minLength(1), z.maxLength(255)), status: z.string() })).check(z.maxLength(1000)), []),
}));

const APPROVED = new Set(['approved', 'approval']);
const UNAPPROVED = new Set(['unapproved', 'unapproval']);

function mergeRequestEvent(payload: unknown): EventReading {
  return readEvent(MergeRequestEventSchema, payload, 'merge request event', ({ user, project, object_attributes: attributes }) => {
    const change = { repository: { provider: 'gitlab' as const, projectId: project.id }, number: attributes.iid };
    const action = attributes.action ?? '';
    const headSha = attributes.last_commit?.id;
    const by = { provider: 'gitlab' as const, id: user.id, login: user.username, ...(user.name !== undefined && { name: user.name }) };
    if (APPROVED.has(action)) return { kind: 'approval', change, action: 'approved', by, headSha };
    if (UNAPPROVED.has(action)) return { kind: 'approval', change, action: 'unapproved', by, headSha };
    // `oldrev` is present only when the update pushed code.
    if (action === 'update' && attributes.oldrev && headSha !== undefined) return { kind: 'head-changed', change, headSha };
    return { kind: 'ignored', reason: `A merge request ${action || 'event'} without new commits or approvals is not used by the gate` };
  });
}

function pipelineEvent(payload: unknown): EventReading {
  return readEvent(PipelineEventSchema, payload, 'pipeline event', ({ object_attributes: pipeline, merge_request: mergeRequest, project, builds }) => {
    const repository: RepositoryRef = { provider: 'gitlab', projectId: project.id };
    const jobUrl = (id: number): string | undefined => (project.web_url === undefined ? undefined : `${project.web_url.replace(/\/+$/, '')}/-/jobs/${id}`);
    const checks: CheckResult[] = builds.map((build) => ({ name: build.name, state: gitlabStatusState(build.status), ...(jobUrl(build.id) !== undefined && { url: jobUrl(build.id) }) }));
    if (pipeline.name) checks.push({ name: pipeline.name, state: gitlabStatusState(pipeline.status), ...(pipeline.url && { url: pipeline.url }) });
    return { kind: 'check', repository, sha: pipeline.sha, checks, changes: mergeRequest ? [{ repository, number: mergeRequest.iid }] : [] };
  });
}

/**
 * How GitLab deliveries are authenticated and read: the `X-Gitlab-Token` header must equal one of the configured secret
 * tokens (compared in constant time); the delivery id is `Idempotency-Key` (the same when GitLab retries) or, from
 * older GitLab, `X-Gitlab-Event-UUID`.
 *
 * @example
 * readDelivery(request, gitlabProtocol(['s3cret'], crypto)) // { ok: true, provider: 'gitlab', deliveryId: 'u-1', event: { kind: 'approval', action: 'approved', ... } }
 */
export function gitlabProtocol(secrets: readonly string[], crypto: WebhookCrypto): DeliveryProtocol {
  return {
    provider: 'gitlab',
    eventHeader: 'X-Gitlab-Event',
    deliveryIdHeaders: ['Idempotency-Key', 'X-Gitlab-Event-UUID'],
    read: (name, payload) => (name === 'Merge Request Hook' ? mergeRequestEvent(payload) : name === 'Pipeline Hook' ? pipelineEvent(payload) : { ok: true, event: { kind: 'ignored', reason: `The ${name} is not used by the gate` } }),
    authenticate(request) {
      if (secrets.length === 0) return { status: 401, message: 'No GitLab secret token is set in Go-Live Gate, so no delivery can be trusted; set one in the settings and on the webhook' };
      const token = header(request, 'X-Gitlab-Token');
      if (token === undefined) return { status: 401, message: 'The delivery has no X-Gitlab-Token: give the webhook the secret token set in Go-Live Gate' };
      if (!anySecretMatches(secrets, (secret) => crypto.timingSafeEqual(token, secret))) return { status: 401, message: 'The X-Gitlab-Token is not the secret token set in Go-Live Gate' };
      return undefined;
    },
  };
}
