import type { APIResponse, RequestInit } from '@forge/api';
import { fetch as forgeFetch } from '@forge/api';
import type { z } from 'zod/mini';
import type { Provider } from '../gate/provider-refs';
import { PROVIDER_NAMES } from '../gate/provider-refs';
import { ForbiddenError, NotFoundError, UnavailableError } from '../errors';
import type { AttemptPolicy } from './timeout';
import { sleep, withTimeout } from './timeout';

/**
 * HTTP to GitLab's and GitHub's REST APIs through `@forge/api`'s `fetch`, the only way out of a Forge function: the
 * host must be declared under `permissions.external.fetch.backend` in manifest.yml (gitlab.com and api.github.com are;
 * a self-hosted GitLab or GitHub Enterprise needs its own host declared there).
 */

/** The public instances' API roots; their hosts are declared in manifest.yml. */

/** `fetch` as @forge/api exports it; tests may pass another to reach a local server. */
export type ProviderFetch = (url: string, init?: RequestInit) => Promise<APIResponse>;

/** Where a provider's API is and the token the app reads it with. */
export interface ProviderConnection {
  /** The API root: https://gitlab.com/api/v4, https://gitlab.example.com/api/v4, https://api.github.com, https://github.example.com/api/v3. */
  readonly apiUrl: string;
  readonly token: string;
}

export interface ProviderRetryPolicy extends AttemptPolicy {
  readonly baseDelayMs: number;
  /** A provider asking for a longer wait (Retry-After, an exhausted rate limit) is not waited for: the call fails. */
  readonly maxDelayMs: number;
}

/** Three tries of at most 8 s each, with short waits, fit a product trigger's 25 s and a web trigger's 55 s. */
export const DEFAULT_PROVIDER_RETRY_POLICY: ProviderRetryPolicy = { retries: 2, baseDelayMs: 300, maxDelayMs: 3_000, attemptTimeoutMs: 8_000, sleep };

/** A provider refused a request for a reason other than permissions or a missing resource, or answered nonsense. */
export class ProviderRequestError extends Error {
  override readonly name = 'ProviderRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An API path with its parameters URL-encoded, so a value can never add a path segment or a query.
 *
 * @example
 * apiPath`/repos/${'acme'}/${'addon/../x'}/pulls` // '/repos/acme/addon%2F..%2Fx/pulls'
 */
export function apiPath(strings: TemplateStringsArray, ...params: readonly (string | number)[]): string {
  return strings.reduce((path, part, index) => path + part + (index < params.length ? encodeURIComponent(String(params[index])) : ''), '');
}

/** The API root, checked: HTTPS (plain HTTP only to this machine, for local servers), no query or fragment. */
function checkedApiUrl(provider: Provider, apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new Error(`The ${PROVIDER_NAMES[provider]} API address "${apiUrl}" is not a URL`);
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error(`The ${PROVIDER_NAMES[provider]} API address must use https, so the token is never sent in the clear`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') throw new Error(`The ${PROVIDER_NAMES[provider]} API address must be a plain address, without query, fragment or credentials`);
  return url.href.replace(/\/+$/, '');
}

/** How long the provider asks to wait (Retry-After, or GitHub's exhausted rate limit), in ms; undefined when it does not say. */
function requestedWaitMs(response: APIResponse, now: number): number | undefined {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.max(ms, 0);
  }
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(reset * 1000 - now, 0);
  }
  return undefined;
}

const isRateLimited = (response: APIResponse): boolean =>
  response.status === 429 || (response.status === 403 && (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.get('retry-after') !== null));

/** The provider's own error text (GitLab `message`/`error`, GitHub `message`), shortened. */
async function errorText(response: APIResponse): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    if (message !== undefined) return (typeof message === 'string' ? message : JSON.stringify(message)).slice(0, 300);
  } catch {
    // Not JSON (an HTML error page, a proxy): say nothing more than the status.
  }
  return '';
}

/** One provider's REST API: GET with bounded retries, answers checked against schemas, pages followed to a bound. */
export class ProviderHttp {
  private readonly apiUrl: string;

  constructor(
    readonly provider: Provider,
    connection: ProviderConnection,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly fetch: ProviderFetch = forgeFetch,
    private readonly retry: ProviderRetryPolicy = DEFAULT_PROVIDER_RETRY_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.apiUrl = checkedApiUrl(provider, connection.apiUrl);
    if (connection.token.trim() === '') throw new Error(`No ${PROVIDER_NAMES[provider]} token is set, so the gate cannot read approvals`);
    // Authorization, unlike a custom header, is dropped if a redirect leads to another host.
    this.headers = { ...headers, Authorization: `Bearer ${connection.token}` };
  }

  /** One JSON answer, read with its schema. `what` names the thing for messages ("merge request !12"). */
  async get<T>(path: string, schema: z.ZodMiniType<T>, what: string): Promise<T> {
    const response = await this.send(`${this.apiUrl}${path}`, what);
    return this.read(response, schema, what);
  }

  /**
   * Every page of a list, following `next(response)` (GitHub's Link header, GitLab's X-Next-Page) up to `maxPages`.
   * A longer list fails rather than being read in part: its newest entries would be the ones left out.
   */
  async getAll<T>(path: string, schema: z.ZodMiniType<readonly T[]>, what: string, next: (response: APIResponse, url: string) => string | undefined, maxPages: number): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = `${this.apiUrl}${path}`;
    for (let page = 0; url !== undefined; page++) {
      if (page >= maxPages) throw new ProviderRequestError(200, `There are more than ${maxPages} pages of ${what} on ${PROVIDER_NAMES[this.provider]}; the gate reads at most ${maxPages}`);
      const response = await this.send(url, what);
      items.push(...(await this.read(response, schema, what)));
      const following = next(response, url);
      // Only pages of the same API: a Link header must not send the token elsewhere.
      url = following !== undefined && following.startsWith(`${this.apiUrl}/`) ? following : undefined;
    }
    return items;
  }

  private async read<T>(response: APIResponse, schema: z.ZodMiniType<T>, what: string): Promise<T> {
    const name = PROVIDER_NAMES[this.provider];
    let body: unknown;
    try {
      body = (await response.json()) as unknown;
    } catch {
      throw new ProviderRequestError(response.status, `${name} answered ${what} with something that is not JSON; check the API address`);
    }
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const problem = parsed.error.issues[0];
    throw new ProviderRequestError(response.status, `${name} answered ${what} in a form the gate does not know (${problem?.path.join('.') ?? ''}: ${problem?.message ?? ''})`);
  }

  private async send(url: string, what: string): Promise<APIResponse> {
    const name = PROVIDER_NAMES[this.provider];
    const unavailable = (detail: string) => new UnavailableError(`${name} did not answer for ${what}${detail}; try again in a minute.`);
    for (let attempt = 0; ; attempt++) {
      const lastAttempt = attempt >= this.retry.retries;
      let response: APIResponse;
      try {
        response = await withTimeout((signal) => this.fetch(url, { method: 'GET', headers: { ...this.headers }, signal }), this.retry.attemptTimeoutMs, () => unavailable(' in time'));
      } catch {
        if (lastAttempt) throw unavailable('');
        await this.retry.sleep(this.backoff(attempt));
        continue;
      }
      if (response.ok) return response;
      if (isRateLimited(response) || response.status >= 500) {
        const wait = requestedWaitMs(response, this.now()) ?? this.backoff(attempt);
        if (lastAttempt || wait > this.retry.maxDelayMs) throw unavailable(` (it answered ${response.status}${isRateLimited(response) ? ': the token’s rate limit is used up' : ''})`);
        await this.retry.sleep(wait);
        continue;
      }
      const detail = await errorText(response);
      switch (response.status) {
        case 401:
          throw new ForbiddenError(`${name} did not accept the app’s token; renew it in the Go-Live Gate settings.`);
        case 403:
          throw new ForbiddenError(`${name} refused to show ${what} to the app’s token${detail ? `: ${detail}` : ''}.`);
        case 404:
          throw new NotFoundError(`${name} has no ${what}, or the app’s token may not see it.`);
        default:
          throw new ProviderRequestError(response.status, `${name} refused to show ${what} (${response.status})${detail ? `: ${detail}` : ''}.`);
      }
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.retry.baseDelayMs * 2 ** attempt, this.retry.maxDelayMs);
  }
}
