// The local Jira Cloud site: `npm start` (PORT, default 8080; PORT=0 picks a free port; SITE_DB, default .data/site.sqlite;
// SITE_MANIFEST, default manifest.yml; SITE_APP_BUNDLE=dist/forge runs the app from the bundle @forge/bundler made, as
// `forge deploy` ships it).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from './db';
import { FaultPlan } from './faults';
import { createHost } from './host/host';
import { Metrics } from './metrics';
import { seedDemoApp } from './runtime/demo-app-seed';
import { ForgeRuntime, handleInvokeHttp, sendJson } from './runtime/forge-runtime';
import { createSite } from './site';
import { DEMO_TOKEN, DEMO_USERS } from './site/demo';
import { errorReply, JiraError, send } from './site/http';

const APP_SEED_MARKER = 'demo-app-seeded';

function portFromEnv(): number {
  const raw = process.env['PORT'] ?? '8080';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`PORT must be a number from 0 to 65535, got '${raw}'`);
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv();
  const dbFile = process.env['SITE_DB'] ?? '.data/site.sqlite';
  const appSecret = process.env['SITE_APP_SECRET'] ?? randomBytes(24).toString('hex');
  const db = openDatabase(dbFile);
  db.exec('CREATE TABLE IF NOT EXISTS runtime_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const metrics = new Metrics();
  const faults = new FaultPlan();
  let baseUrl = '';
  const runtime = new ForgeRuntime({ db, metrics, faults, appSecret, siteUrl: () => baseUrl, manifestFile: process.env['SITE_MANIFEST'], appBundle: process.env['SITE_APP_BUNDLE'] });
  const site = createSite({ db, appSecret, metrics, faults, runValidator: (call) => runtime.runValidator(call), onIssueEvent: (event) => runtime.runTriggers(event) });
  const host = createHost(runtime, site);
  let ready = false;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/status') return sendJson(res, ready ? 200 : 503, { state: ready ? 'RUNNING' : 'STARTING' });
    if (path === '/forge/invoke') {
      const principal = site.authenticate(req);
      if (principal === undefined) return sendJson(res, 401, { error: 'Authenticate with HTTP Basic email:api-token' });
      if (principal === 'app') return sendJson(res, 403, { error: 'Resolvers are invoked by a user, not by the app' });
      return handleInvokeHttp(runtime, req, res, principal.accountId);
    }
    if (path.startsWith('/__forge/kvs/')) return runtime.handleKvsHttp(req, res, path.slice('/__forge/kvs'.length));
    if (await host.handle(req, res)) return;
    if (await site.handle(req, res)) return;
    sendJson(res, 404, { errorMessages: [`No page or resource at ${path}`], errors: {} });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(`${req.method ?? 'GET'} ${req.url ?? ''} failed:`, error);
      if (res.headersSent) res.destroy();
      else if (error instanceof JiraError) send(res, errorReply(error));
      else sendJson(res, 500, { errorMessages: [error instanceof Error ? error.message : String(error)], errors: {} });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: stop what uses it or start with another PORT (PORT=0 picks a free one)`) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${actualPort}`;

  const shutdown = (signal: string): void => {
    console.log(`${signal}: stopping the local site`);
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  site.seedDemo();
  const seeded = db.prepare('SELECT value FROM runtime_state WHERE key = ?').get(APP_SEED_MARKER) !== undefined;
  if (!seeded) {
    try {
      await seedDemoApp(runtime);
      db.prepare('INSERT INTO runtime_state (key, value) VALUES (?, ?)').run(APP_SEED_MARKER, new Date().toISOString());
    } catch (error) {
      console.warn(`The demo's app data was not seeded (the site works without it; it is retried on the next start): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  ready = true;
  console.log(`Local Jira site: http://localhost:${actualPort}`);
  console.log(`Database: ${dbFile}`);
  console.log(`App: ${process.env['SITE_APP_BUNDLE'] ?? 'dist/app'}`);
  console.log(`Demo logins (API token "${DEMO_TOKEN}" for REST; the header menu switches users in the browser):`);
  for (const user of DEMO_USERS) console.log(`  ${user.emailAddress.padEnd(32)} ${user.displayName}`);
}

main().catch((error: unknown) => {
  console.error(`The local site could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
