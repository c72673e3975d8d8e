// The local Jira Cloud site: `npm start` (PORT, default 8080; PORT=0 picks a free port; SITE_DB, default .data/site.sqlite;
// SITE_APP_ROOT, default this repository: the Forge app whose manifest.yml and dist/app the site runs;
// SITE_MANIFEST, default manifest.yml of that root: the manifest to run instead (e.g. a test's copy declaring more
// custom entities); SITE_APP_BUNDLE=dist/forge runs the app from the bundle @forge/bundler made, as `forge deploy`
// ships it; SITE_EGRESS_ROUTES: JSON {"https://gitlab.com": "http://127.0.0.1:4567"}, where declared egress is really served;
// SITE_DEMO_REMINDERS=on seeds the demo projects with the gate's reminder defaults instead of every reminder off;
// SITE_CDN_PORT, default PORT + 1 (a free port when PORT=0): the Custom UI CDN, where the app's frames come from).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { installClock } from './clock';
import { openDatabase } from './db';
import { FaultPlan } from './faults';
import { createCustomUiCdn } from './host/cdn';
import { createHost } from './host/host';
import { crossSiteOrigins } from './host/origins';
import { Metrics } from './metrics';
import { DEMO_APP_SEED, seedDemoApp, seedDemoKepApp } from './runtime/demo-app-seed';
import { ForgeRuntime, handleInvokeHttp, sendJson } from './runtime/forge-runtime';
import { projectRoot } from './runtime/project-root';
import { WebTriggers } from './runtime/webtriggers';
import { createSite } from './site';
import { DEMO_TOKEN, DEMO_USERS } from './site/demo';
import { errorReply, JiraError, send } from './site/http';

const APP_SEED_MARKER = 'demo-app-seeded';
const KEP_APP_SEED_MARKER = 'demo-app-seeded-kep';

function portFromEnv(name: string, fallback: string): number {
  const raw = process.env[name] ?? fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`${name} must be a number from 0 to 65535, got '${raw}'`);
  return port;
}

/** Listens on 127.0.0.1:`port` (0: a free one) and answers the port it got. */
async function listen(server: Server, port: number, variable: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: stop what uses it or start with another ${variable} (${variable}=0 picks a free one)`) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

function egressRoutesFromEnv(): Record<string, string> | undefined {
  const raw = process.env['SITE_EGRESS_ROUTES'];
  if (raw === undefined || raw === '') return undefined;
  const parsed = z.record(z.url(), z.url()).safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`SITE_EGRESS_ROUTES must be a JSON object of origin → origin: ${z.prettifyError(parsed.error)}`);
  return Object.fromEntries(Object.entries(parsed.data).map(([from, to]) => [new URL(from).origin, new URL(to).origin]));
}

async function main(): Promise<void> {
  const port = portFromEnv('PORT', '8080');
  const cdnPort = portFromEnv('SITE_CDN_PORT', port === 0 ? '0' : String(port + 1));
  const dbFile = process.env['SITE_DB'] ?? '.data/site.sqlite';
  const appSecret = process.env['SITE_APP_SECRET'] ?? randomBytes(24).toString('hex');
  const root = process.env['SITE_APP_ROOT'] ?? projectRoot();
  const manifestFile = process.env['SITE_MANIFEST'] ?? join(root, 'manifest.yml');
  const db = openDatabase(dbFile);
  const metrics = new Metrics();
  const faults = new FaultPlan();
  let baseUrl = '';
  const runtime = new ForgeRuntime({ db, metrics, faults, appSecret, siteUrl: () => baseUrl, root, manifestFile, appBundle: process.env['SITE_APP_BUNDLE'], egressRoutes: egressRoutesFromEnv() });
  // From here on every Date in this process (the site's timestamps, KVS TTLs, the app's code) reads the site clock.
  installClock(runtime.clock);
  const site = createSite({
    db,
    appSecret,
    metrics,
    faults,
    manifestFile,
    now: () => runtime.clock.now(),
    runValidator: (call) => runtime.runValidator(call),
    onIssueEvent: (event) => runtime.runTriggers(event),
    timeControl: {
      state: () => runtime.scheduler.state(),
      advanceTo: (targetMs, settle) => runtime.scheduler.advanceTo(targetMs, settle),
      runScheduledTrigger: (moduleKey, settle) => runtime.scheduler.runNow(moduleKey, settle),
    },
  });
  // Made once both servers listen: the pages name the frames' origin, which needs the CDN's port.
  const served: { host?: ReturnType<typeof createHost>; cdn?: ReturnType<typeof createCustomUiCdn> } = {};
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
    if (path === '/__forge/graphql') return runtime.handleGraphqlHttp(req, res);
    if (WebTriggers.owns(path)) return runtime.webTriggers.serve(req, res, new URL(req.url ?? '/', baseUrl));
    if (!served.host) return sendJson(res, 503, { error: 'The site is starting' });
    if (await served.host.handle(req, res)) return;
    if (await site.handle(req, res)) return;
    sendJson(res, 404, { errorMessages: [`No page or resource at ${path}`], errors: {} });
  }

  const failed = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => {
    console.error(`${req.method ?? 'GET'} ${req.url ?? ''} failed:`, error);
    if (res.headersSent) res.destroy();
    else if (error instanceof JiraError) send(res, errorReply(error));
    else sendJson(res, 500, { errorMessages: [error instanceof Error ? error.message : String(error)], errors: {} });
  };
  const server = createServer((req, res) => {
    route(req, res).catch(failed(req, res));
  });
  // The Custom UI CDN: the app's frames, from another site than the pages (emulator/host/origins.ts).
  const cdnServer = createServer((req, res) => {
    if (!served.cdn) return sendJson(res, 503, { error: 'The site is starting' });
    served.cdn.handle(req, res).catch(failed(req, res));
  });
  const actualPort = await listen(server, port, 'PORT');
  const actualCdnPort = await listen(cdnServer, cdnPort, 'SITE_CDN_PORT');
  baseUrl = `http://127.0.0.1:${actualPort}`;
  const origins = crossSiteOrigins(actualPort, actualCdnPort);
  served.host = createHost(runtime, site, origins);
  served.cdn = createCustomUiCdn(runtime, origins);

  const shutdown = (signal: string): void => {
    console.log(`${signal}: stopping the local site`);
    runtime.scheduler.stop();
    cdnServer.close();
    cdnServer.closeAllConnections();
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  site.seedDemo();
  site.seedDemoKep();
  const demoSeed = { reminders: process.env['SITE_DEMO_REMINDERS'] === 'on' };
  if (runtime.platform.runtimeValue(APP_SEED_MARKER) === undefined) {
    try {
      await seedDemoApp(runtime, demoSeed);
      // Everything on these tickets is approved by now: the "waits on you" messages the seeding sent no longer hold.
      site.forgetNotificationsAbout(DEMO_APP_SEED.fullyApproved);
      runtime.platform.setRuntimeValue(APP_SEED_MARKER, new Date().toISOString());
    } catch (error) {
      console.warn(`The demo's app data was not seeded (the site works without it; it is retried on the next start): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (runtime.platform.runtimeValue(KEP_APP_SEED_MARKER) === undefined) {
    try {
      await seedDemoKepApp(runtime, demoSeed);
      runtime.platform.setRuntimeValue(KEP_APP_SEED_MARKER, new Date().toISOString());
    } catch (error) {
      console.warn(`The KEP project's app data was not seeded (retried on the next start): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  runtime.scheduler.start();
  ready = true;
  console.log(`Local Jira site: http://localhost:${actualPort}`);
  console.log(`Custom UI CDN (the app's frames, another site than the pages): port ${actualCdnPort}`);
  console.log(`Database: ${dbFile}`);
  console.log(`App: ${process.env['SITE_APP_BUNDLE'] ?? 'dist/app'}`);
  console.log(`Demo logins (API token "${DEMO_TOKEN}": HTTP Basic for REST and the browser's sign-in prompt; ${`http://localhost:${actualPort}/login`} lists them):`);
  for (const user of DEMO_USERS) console.log(`  ${user.emailAddress.padEnd(32)} ${user.displayName}`);
}

main().catch((error: unknown) => {
  console.error(`The local site could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
