import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../db';
import { openDatabase } from '../db';
import { FaultPlan } from '../faults';
import { Metrics } from '../metrics';
import type { Site, SiteOptions } from './index';
import { createSite } from './index';
import { DEMO_TOKEN } from './demo';

/** Who a test request runs as: a demo user's email (Basic with the demo token), the app, the app for a user, or nobody. */
export type As = string | { app: true; principal?: string } | { basic: string } | undefined;

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The JSON body; undefined when the body is empty. */
  readonly body: unknown;
}

export interface TestSite {
  readonly url: string;
  readonly site: Site;
  readonly db: Database;
  readonly metrics: Metrics;
  readonly faults: FaultPlan;
  readonly appSecret: string;
  request(method: string, path: string, options?: { as?: As; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  close(): Promise<void>;
}

/**
 * Starts the site (demo seeded) on a free 127.0.0.1 port for a test; `close()` stops it and closes the database.
 *
 * @example
 * const site = await startTestSite();
 * const me = await site.request('GET', '/rest/api/3/myself', { as: 'pm@example.com' });
 */
export async function startTestSite(
  options: { file?: string; runValidator?: SiteOptions['runValidator']; onIssueEvent?: SiteOptions['onIssueEvent']; now?: () => number } = {},
): Promise<TestSite> {
  const db = openDatabase(options.file ?? ':memory:');
  const metrics = new Metrics();
  const faults = new FaultPlan();
  const appSecret = randomBytes(16).toString('hex');
  const site = createSite({
    db,
    appSecret,
    metrics,
    faults,
    runValidator: options.runValidator ?? (() => Promise.resolve({ result: true })),
    ...(options.now ? { now: options.now } : {}),
    ...(options.onIssueEvent ? { onIssueEvent: options.onIssueEvent } : {}),
  });
  site.seedDemo();
  const server = createServer((req, res) => {
    void site.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const authorization = (as: As): Record<string, string> => {
    if (as === undefined) return {};
    if (typeof as === 'string') return { Authorization: `Basic ${Buffer.from(`${as}:${DEMO_TOKEN}`).toString('base64')}` };
    if ('basic' in as) return { Authorization: `Basic ${Buffer.from(as.basic).toString('base64')}` };
    return { Authorization: `Forge ${appSecret}`, ...(as.principal ? { 'X-Forge-Principal': as.principal } : {}) };
  };

  return {
    url,
    site,
    db,
    metrics,
    faults,
    appSecret,
    async request(method, path, { as, body, rawBody, headers } = {}) {
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { Accept: 'application/json', ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }), ...authorization(as), ...headers },
        ...(payload === undefined ? {} : { body: payload }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      db.close();
    },
  };
}
