import type { EgressOptions } from './egress';
import { installEgressControl } from './egress';
import { currentInvocation } from './invocation-context';
import type { KvsReply } from './kvs-api';
import { platformFetch } from './platform-fetch';

/** Sends one KVS API call (`/api/v1/...`, parsed JSON body) to wherever the KVS lives. */
export type KvsTransport = (path: string, body: unknown) => Promise<KvsReply>;

export interface ForgeGlobalsOptions {
  /** Base URL of the local site's REST API (loopback), e.g. http://127.0.0.1:8080; a function when known only later. */
  readonly siteUrl: string | (() => string);
  /** The site's app secret: product requests carry `Authorization: Forge <appSecret>`. */
  readonly appSecret: string;
  /** Where KVS calls go; by default over HTTP to `<siteUrl>/__forge/kvs/api/v1/...`. */
  readonly kvs?: KvsTransport | undefined;
  /** The app's id or ARI (manifest `app.id`). */
  readonly appId?: string | undefined;
  /** The app's declared egress: when given, the app's own fetches to other hosts fail as in Forge. */
  readonly egress?: EgressOptions | undefined;
}

interface ForgeFetchTarget {
  readonly type?: string;
  readonly provider?: string;
  readonly remote?: string;
  readonly accountId?: string;
}

/**
 * Installs what the unmodified @forge/api and @forge/kvs read from the Forge runtime:
 * `global.__forge_fetch__` and `global.__forge_runtime__`. Call it before @forge/kvs is first imported
 * (it picks its client at import time). Product requests go to the site's REST as the invocation's user
 * (asUser) or as the app (asApp); KVS requests go to `kvs`; the platform's GraphQL (web trigger URLs) goes to the
 * site's `/__forge/graphql`.
 * @example installForgeGlobals({ siteUrl: site.url, appSecret: site.appSecret }); const { kvs } = await import('@forge/kvs');
 */
export function installForgeGlobals(options: ForgeGlobalsOptions): void {
  const siteUrl = typeof options.siteUrl === 'string' ? () => options.siteUrl as string : options.siteUrl;
  const kvs = options.kvs ?? kvsOverHttp(siteUrl(), options.appSecret);
  if (options.egress) installEgressControl(options.egress);
  const globals = globalThis as Record<string, unknown>;
  globals['__forge_fetch__'] = (target: ForgeFetchTarget, path: string, init?: RequestInit) => forgeFetch(siteUrl, options.appSecret, kvs, target, path, init);
  // getAppContext() builds the ARI from the bare id.
  globals['__forge_runtime__'] = runtimeDescription((options.appId ?? 'local').replace(/^ari:cloud:ecosystem::app\//, ''));
}

/** KVS calls over the site's HTTP endpoint `/__forge/kvs/api/v1/...`, guarded by the app secret. */
export function kvsOverHttp(siteUrl: string, appSecret: string): KvsTransport {
  return async (path, body) => {
    const response = await platformFetch(`${siteUrl}/__forge/kvs${path}`, {
      method: 'POST',
      headers: { authorization: `Forge ${appSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return text ? { status: response.status, body: JSON.parse(text) as unknown } : { status: response.status };
  };
}

async function forgeFetch(siteUrl: () => string, appSecret: string, kvs: KvsTransport, target: ForgeFetchTarget, path: string, init: RequestInit | undefined): Promise<Response> {
  if (target.type === 'kvs') {
    const reply = await kvs(path, parseBody(init?.body));
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: reply.body === undefined ? {} : { 'content-type': 'application/json' },
    });
  }
  if (target.type === 'fpp' && target.remote === 'stargate' && path === '/graphql') {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Forge ${appSecret}`);
    return platformFetch(`${siteUrl()}/__forge/graphql`, { ...init, method: 'POST', headers });
  }
  if (target.type !== 'fpp' || target.remote !== 'jira') {
    throw new Error(`The local site serves only Jira product requests; got target ${JSON.stringify(target)}`);
  }
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Forge ${appSecret}`);
  headers.delete('x-forge-principal');
  if (target.provider !== 'app') {
    const accountId = target.accountId ?? currentInvocation()?.accountId;
    if (!accountId) {
      // What Forge answers when asUser() runs without a user (e.g. inside a validator).
      return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
    }
    headers.set('x-forge-principal', accountId);
  }
  return platformFetch(`${siteUrl()}${path}`, { ...init, headers });
}

function parseBody(body: RequestInit['body']): unknown {
  if (typeof body !== 'string') throw new Error('@forge/kvs sends JSON string bodies; got something else');
  return JSON.parse(body) as unknown;
}

/** The slice of Forge's runtime object @forge/api reads (metrics, getAppContext()). */
function runtimeDescription(appId: string): Record<string, unknown> {
  const noopTimer = { measure: () => ({ stop: () => undefined }) };
  return {
    metrics: { counter: () => ({ incr: () => undefined }), timing: () => noopTimer },
    get appContext() {
      const invocation = currentInvocation();
      return {
        appId,
        appVersion: 'local',
        environmentId: 'local',
        environmentType: 'DEVELOPMENT',
        invocationId: invocation?.invocationId,
        installationId: 'local',
        moduleKey: invocation?.moduleKey,
      };
    },
    lambdaContext: { getRemainingTimeInMillis: () => 25_000 },
  };
}
