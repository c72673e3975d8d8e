// A small HTTP server on loopback that plays a provider's REST API in tests (see fake-gitlab.ts and fake-github.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Answers a GET of a path pattern (`:name` parameters) from the fake's state. The APIs the gate reads are read-only. */
export type FakeRoute = (params: Readonly<Record<string, string>>, url: URL) => FakeAnswer;

/** A planned failure: the next `times` requests whose path contains `match` get this answer instead. */
export interface FakeFault extends FakeAnswer {
  readonly match?: string;
  readonly times?: number;
}

export interface FakeServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** Every request served, as `GET /path?query`, oldest first. */
  readonly requests: string[];
  /** The headers of the last request, lower-case names. */
  lastHeaders(): Readonly<Record<string, string | string[] | undefined>>;
  fail(fault: FakeFault): void;
  stop(): Promise<void>;
}

function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? '';
    const value = got[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

function send(response: ServerResponse, answer: FakeAnswer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
}

/**
 * Starts a fake on a free loopback port, routes keyed by path pattern. `authorise` answers the provider's documented refusal when the request lacks
 * what the provider requires (a token, a User-Agent); `notFound` is the provider's documented 404 body.
 * @example const server = await startFakeServer({ '/repos/:owner/:repo': (params) => ({ status: 200, body: repo }) }, authorise, { message: 'Not Found' });
 */
export async function startFakeServer(routes: Readonly<Record<string, FakeRoute>>, authorise: (request: IncomingMessage) => FakeAnswer | undefined, notFound: unknown): Promise<FakeServer> {
  const requests: string[] = [];
  let faults: { fault: FakeFault; left: number }[] = [];
  let lastHeaders: IncomingMessage['headers'] = {};
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    requests.push(`${request.method ?? ''} ${url.pathname}${url.search}`);
    lastHeaders = request.headers;
    const fault = faults.find(({ fault: f }) => f.match === undefined || url.pathname.includes(f.match));
    if (fault !== undefined) {
      fault.left -= 1;
      if (fault.left <= 0) faults = faults.filter((f) => f !== fault);
      send(response, fault.fault);
      return;
    }
    const refused = authorise(request);
    if (refused !== undefined) {
      send(response, refused);
      return;
    }
    for (const [pattern, route] of Object.entries(routes)) {
      const params = request.method === 'GET' ? matchRoute(pattern, url.pathname) : undefined;
      if (params !== undefined) {
        send(response, route(params, url));
        return;
      }
    }
    send(response, { status: 404, body: notFound });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    lastHeaders: () => lastHeaders,
    fail(fault) {
      faults.push({ fault, left: fault.times ?? 1 });
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * One page of a list as `?page=&per_page=` ask (1-based pages), and whether more follow.
 * @example const { items, next } = page(reviews, url, 30);
 */
export function page<T>(items: readonly T[], url: URL, defaultPerPage: number): { readonly items: readonly T[]; readonly next?: number } {
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? defaultPerPage) || defaultPerPage, 1), 100);
  const number = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
  const slice = items.slice((number - 1) * perPage, number * perPage);
  return number * perPage < items.length ? { items: slice, next: number + 1 } : { items: slice };
}
