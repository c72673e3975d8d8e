import { z } from 'zod/mini';
import type { WebhookReply } from '../app/receive-webhook';
import { receiveWebhook } from '../app/receive-webhook';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { nodeWebhookCrypto } from '../forge/webhook-crypto';
import { githubProtocol } from '../gate/github-webhook';
import { gitlabProtocol } from '../gate/gitlab-webhook';
import type { Provider } from '../gate/provider-refs';
import type { DeliveryProtocol } from '../gate/webhook-delivery';
import { webhookPorts } from './composition-root';
import { lazySchema } from '../gate/lazy-schema';

/** The parts of Forge's web trigger request the gate reads (`WebTriggerRequest` of @forge/api). */
const WebTriggerRequestSchema = lazySchema(() => z.object({
  body: z._default(z.string(), ''),
  headers: z._default(z.record(z.string(), z.array(z.string())), {}),
  queryParameters: z._default(z.record(z.string(), z.array(z.string())), {}),
}));

/** Forge's dynamic web trigger response. */
export interface WebTriggerAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

const answer = (reply: WebhookReply): WebTriggerAnswer => ({ statusCode: reply.status, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ message: reply.message }) });

const PROTOCOLS: Readonly<Record<Provider, (secrets: readonly string[]) => DeliveryProtocol>> = {
  gitlab: (secrets) => gitlabProtocol(secrets, nodeWebhookCrypto),
  github: (secrets) => githubProtocol(secrets, nodeWebhookCrypto),
};

async function webhook(provider: Provider, request: unknown): Promise<WebTriggerAnswer> {
  const parsed = WebTriggerRequestSchema.safeParse(request);
  if (!parsed.success) return answer({ status: 400, message: 'The request could not be read' });
  const { body, headers, queryParameters } = parsed.data;
  try {
    return answer(await withDeadline(INVOCATION_BUDGET_MS.resolver, () => receiveWebhook(webhookPorts(), provider, { body, headers }, queryParameters['project']?.[0], PROTOCOLS[provider])));
  } catch (error) {
    console.error(`Go-Live Gate could not take a ${provider} delivery:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
    return answer({ status: 503, message: 'Go-Live Gate could not take the delivery now; nothing recorded. Send it again.' });
  }
}

/**
 * The GitLab web trigger (manifest `gitlab-webhook`): merge request and pipeline events of one project's connection.
 *
 * @example
 * await gitlabWebhook({ method: 'POST', headers: { 'x-gitlab-token': ['…'], 'x-gitlab-event': ['Merge Request Hook'] }, body, queryParameters: { project: ['10000'] } });
 */
export const gitlabWebhook = (request: unknown): Promise<WebTriggerAnswer> => webhook('gitlab', request);

/**
 * The GitHub web trigger (manifest `github-webhook`): pull request, review, check run and status events.
 *
 * @example
 * await githubWebhook({ method: 'POST', headers: { 'x-hub-signature-256': ['sha256=…'], 'x-github-event': ['pull_request_review'] }, body, queryParameters: { project: ['10000'] } });
 */
export const githubWebhook = (request: unknown): Promise<WebTriggerAnswer> => webhook('github', request);
