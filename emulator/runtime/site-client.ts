import { platformFetch } from './platform-fetch';

/** Calls the site's own REST API over loopback, as the app or (with `principal`) as a user. */
export interface SiteClient {
  request(path: string, options?: { principal?: string | undefined; method?: string; body?: unknown }): Promise<Response>;
  /** GET returning parsed JSON; throws with the site's message unless 2xx. */
  getJson<T>(path: string, principal?: string): Promise<T>;
}

/** A site answer that was not 2xx, with its status (404 stays 404 for the caller). */
export class SiteRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * @example await siteClient(() => site.url, secret).getJson('/rest/api/3/issue/SKU-1?fields=project', 'acc-pm')
 */
export function siteClient(siteUrl: () => string, appSecret: string): SiteClient {
  const request: SiteClient['request'] = (path, options = {}) => {
    const headers: Record<string, string> = { authorization: `Forge ${appSecret}`, accept: 'application/json' };
    if (options.principal) headers['x-forge-principal'] = options.principal;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return platformFetch(`${siteUrl()}${path}`, { method: options.method ?? 'GET', headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  };
  return {
    request,
    async getJson<T>(path: string, principal?: string): Promise<T> {
      const response = await request(path, { principal });
      const text = await response.text();
      if (!response.ok) throw new SiteRequestError(response.status, `${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
  };
}
