import type { APIResponse, RequestInit, Route } from '@forge/api';
import { asApp, asUser, NeedsAuthenticationError } from '@forge/api';
import { ForbiddenError, NotFoundError, UnavailableError } from '../errors';
import type { AttemptPolicy } from './timeout';
import { remainingMs, sleep, withTimeout } from './timeout';

/** Jira as one principal: `asUser()` (Jira applies the caller's permissions) or `asApp()`. */
export interface JiraApi {
  requestJira(path: Route, init?: RequestInit): Promise<APIResponse>;
}

/**
 * One Jira REST call, written where it is used as a literal ``jira.requestJira(route`/rest/api/3/...`, { method, ... })``:
 * `forge lint` reads exactly that shape to check the manifest's scopes cover the call, so a path or method hidden
 * behind a helper would escape it. The client runs the call, and runs it again when a retry is due.
 */
export type JiraRequest = (jira: JiraApi, signal: AbortSignal) => Promise<APIResponse>;

/** Headers of a read that answers JSON, and of a write that sends it (Jira refuses a JSON body sent as anything else). */
export const ACCEPT_JSON = { Accept: 'application/json' } as const;
export const SEND_JSON = { Accept: 'application/json', 'Content-Type': 'application/json' } as const;

/** Retries are for 429, 5xx, timeouts and network failures. */
export interface RetryPolicy extends AttemptPolicy {
  /** Backoff before retry n (0-based) when Jira sends no Retry-After: baseDelayMs * 2^n. */
  readonly baseDelayMs: number;
  /** Retry-After is honoured up to this many milliseconds, so an invocation stays within Forge's 25 s. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  attemptTimeoutMs: 5_000,
  sleep,
};

const UNAVAILABLE = 'Jira did not answer; try again in a minute.';
/** A retry with less time than this before the deadline would only be cut short: give up instead. */
const MIN_ATTEMPT_MS = 250;

/** A request Jira refused for a reason other than permissions or a missing resource. */
export class JiraRequestError extends Error {
  override readonly name = 'JiraRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The user has not yet granted the app access (asUser before consent). Forge shows the consent screen only when this
 * error leaves the resolver, so error handling must let it through.
 *
 * @example
 * catch (error) { if (isConsentRequired(error)) throw error; }
 */
export const isConsentRequired = (error: unknown): boolean => error instanceof NeedsAuthenticationError;

const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Retry-After in seconds (or an HTTP date), capped; undefined when absent or unreadable. */
function retryAfterMs(response: APIResponse, maxDelayMs: number): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), maxDelayMs);
}

/** Jira's own error text (`errorMessages`, `errors`), shortened: enough to say what was wrong. */
async function jiraErrorText(response: APIResponse): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    const messages = [
      ...(Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : []),
      ...(body.errors && typeof body.errors === 'object' ? Object.values(body.errors as Record<string, unknown>).map(String) : []),
    ];
    if (messages.length > 0) return messages.join('; ').slice(0, 300);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 300);
}

/**
 * Runs Jira REST calls through @forge/api with bounded retries: 429 and 5xx are retried (honouring Retry-After, capped)
 * with exponential backoff, within the invocation's deadline; 401/403 become ForbiddenError, 404 NotFoundError, and a
 * call that still fails (or would outlive the deadline) becomes UnavailableError. Responses that succeed are returned
 * as they are.
 */
export class JiraClient {
  constructor(
    private readonly api: JiraApi,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** Jira acting as the calling user: Jira applies that user's permissions. */
  static asUser(retry?: RetryPolicy): JiraClient {
    return new JiraClient(asUser(), retry);
  }

  /** Jira acting as the app (validators, directory look-ups). */
  static asApp(retry?: RetryPolicy): JiraClient {
    return new JiraClient(asApp(), retry);
  }

  /** Runs the call and reads its JSON answer. */
  async json(request: JiraRequest): Promise<unknown> {
    const response = await this.send(request);
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new UnavailableError('Jira answered with something that is not JSON; try again in a minute.');
    }
  }

  async send(request: JiraRequest): Promise<APIResponse> {
    for (let attempt = 0; ; attempt++) {
      const lastAttempt = attempt >= this.retry.retries;
      let response: APIResponse;
      try {
        response = await withTimeout((signal) => request(this.api, signal), this.retry.attemptTimeoutMs, () => new UnavailableError(UNAVAILABLE));
      } catch (error) {
        // The user must grant consent: the platform handles this error, so it must reach it unchanged.
        if (isConsentRequired(error)) throw error;
        if (lastAttempt) throw new UnavailableError(UNAVAILABLE);
        await this.pause(this.backoff(attempt), UNAVAILABLE);
        continue;
      }
      if (response.ok) return response;
      if (isRetryableStatus(response.status)) {
        const gaveUp = `${UNAVAILABLE} (Jira answered ${response.status}.)`;
        if (lastAttempt) throw new UnavailableError(gaveUp);
        await this.pause(retryAfterMs(response, this.retry.maxDelayMs) ?? this.backoff(attempt), gaveUp);
        continue;
      }
      throw await this.failure(response);
    }
  }

  /** Waits before a retry, unless the retry could not finish before the invocation's deadline: then gives up now. */
  private async pause(ms: number, gaveUp: string): Promise<void> {
    if (remainingMs() < ms + MIN_ATTEMPT_MS) throw new UnavailableError(gaveUp);
    await this.retry.sleep(ms);
  }

  private backoff(attempt: number): number {
    return Math.min(this.retry.baseDelayMs * 2 ** attempt, this.retry.maxDelayMs);
  }

  private async failure(response: APIResponse): Promise<Error> {
    const detail = await jiraErrorText(response);
    switch (response.status) {
      case 401:
        return new ForbiddenError('Jira did not accept the app’s credentials for you; reload the page and try again.');
      case 403:
        return new ForbiddenError(`Jira says you do not have permission to do this.${detail ? ` ${detail}` : ''}`);
      case 404:
        return new NotFoundError('Jira did not find it, or you do not have permission to see it.');
      default:
        return new JiraRequestError(response.status, `Jira refused the request (${response.status})${detail ? `: ${detail}` : '.'}`);
    }
  }
}
