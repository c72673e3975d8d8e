import { createRequire } from 'node:module';
import { join } from 'node:path';
import { currentInvocation } from './invocation-context';
import { platformFetch } from './platform-fetch';

/** One `permissions.external.fetch.backend` entry, parsed: `https://api.github.com`, `*.gitlab.com`, `example.com`. */
interface EgressRule {
  readonly scheme?: string | undefined;
  readonly host: string;
  readonly wildcard: boolean;
  readonly port?: string | undefined;
}

function parseRule(entry: string): EgressRule | undefined {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:?#]+)(?::(\d+))?(?:[/?#].*)?$/i.exec(entry.trim());
  if (!match?.[3]) return undefined;
  return { scheme: match[1]?.toLowerCase(), wildcard: match[2] !== undefined, host: match[3].toLowerCase(), port: match[4] };
}

function allows(rule: EgressRule, url: URL): boolean {
  if (rule.scheme !== undefined && `${rule.scheme}:` !== url.protocol) return false;
  if (rule.port !== undefined && rule.port !== url.port) return false;
  const host = url.hostname.toLowerCase();
  return rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host;
}

/**
 * Whether the app may fetch `url` under its declared egress, as Forge decides it: the scheme (when the entry names
 * one) and the host must match; `*.example.com` matches subdomains, not example.com itself.
 *
 * @example
 * isEgressAllowed(['https://gitlab.com', '*.github.com'], 'https://api.github.com/repos/a/b') // true
 * isEgressAllowed(['https://gitlab.com'], 'https://evil.example/steal') // false
 */
export function isEgressAllowed(declared: readonly string[], url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return declared.some((entry) => {
    const rule = parseRule(entry);
    return rule !== undefined && allows(rule, parsed);
  });
}

export interface EgressOptions {
  /** The manifest's `permissions.external.fetch.backend`. */
  readonly declared: readonly string[];
  /** Where a declared origin is really served on this machine (tests play GitLab on loopback): origin → origin. */
  readonly routes?: Readonly<Record<string, string>> | undefined;
  /** The project root, whose @forge/api provides the error the app sees. */
  readonly root: string;
}

/**
 * Puts Forge's egress control in front of the process's `fetch` for the app's invocations: a fetch from inside an
 * invocation to a host the manifest does not declare fails with @forge/api's `ExternalEndpointNotAllowedError`
 * (`REQUEST_EGRESS_ALLOWLIST_ERR`, status 403), as in Forge; an allowed one goes out (to its local stand-in when
 * `routes` names one). Calls outside any invocation (the site itself) are untouched. Must run before the app's
 * bundle loads: @forge/api keeps the `fetch` it finds then.
 *
 * @example installEgressControl({ declared: manifest.egress, root, routes: { 'https://gitlab.com': 'http://127.0.0.1:4567' } })
 */
export function installEgressControl(options: EgressOptions): void {
  // Loaded on first refusal: @forge/api must not load before the fetch below is in place.
  const refusal = (url: string): Error => {
    const { ExternalEndpointNotAllowedError } = createRequire(join(options.root, 'package.json'))('@forge/api') as { ExternalEndpointNotAllowedError: new (url: string) => Error };
    return new ExternalEndpointNotAllowedError(url);
  };
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (currentInvocation() === undefined) return platformFetch(input, init);
    const request = new Request(input, init);
    if (!isEgressAllowed(options.declared, request.url)) throw refusal(request.url);
    const url = new URL(request.url);
    const target = options.routes?.[url.origin];
    if (target === undefined) return platformFetch(request);
    return platformFetch(new Request(new URL(url.pathname + url.search, target), request));
  };
}
