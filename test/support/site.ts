// Starts the built local site (emulator/dist/main.cjs) as a child process for tests.
//
// Adapter tests that drive the real @forge/api and @forge/kvs against a running site:
//   const site = await startSite();
//   installForgeGlobals({ siteUrl: site.url, appSecret: site.appSecret });   // before @forge/kvs is first required
//   const { kvs } = require('@forge/kvs');                                   // KVS goes to <url>/__forge/kvs/api/v1/...
//   await runInvocation({ accountId: 'acc-pm' }, () => asUser().requestJira(route`/rest/api/3/myself`));
// asApp() requests carry no principal; asUser() ones act as the accountId given to runInvocation.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export { installForgeGlobals } from '../../emulator/runtime/forge-globals';
export { runInvocation } from '../../emulator/runtime/invocation-context';

const ROOT = resolve(__dirname, '..', '..');
const mainOf = (root: string): string => join(root, 'emulator', 'dist', 'main.cjs');
const START_TIMEOUT_MS = 30_000;

export interface RunningSite {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** The app secret the child's Forge runtime uses (Authorization: Forge <appSecret>). */
  readonly appSecret: string;
  /** SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL (crash simulation); await `exited` to know the process is gone. */
  kill(): void;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** The Authorization header value of a demo user (API token `demo`). */
  basic(email: string): string;
  /** POST /forge/invoke as `email`; answers `result`, throws with the status and error otherwise. */
  invoke(email: string, moduleKey: string, functionKey: string, payload: unknown, context: { issueKey: string } | { projectKey: string }): Promise<unknown>;
  /**
   * The site's request counters (`jira:...`, `kvs:...`, `invoke:...`, `trigger:...`). The site reads (and resets) them
   * once pending issue events have been delivered, so the app's triggers never leak into a count.
   */
  metrics(): Promise<Record<string, number>>;
  resetMetrics(): Promise<void>;
  /** Resolves once the app's triggers have run for every issue event so far (e.g. after creating an issue). */
  drainEvents(): Promise<void>;
  /** Everything the process printed, for failure messages. */
  output(): string;
}

export interface StartOptions {
  /** SITE_DB for the child; default `:memory:`. */
  readonly db?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A built checkout to run instead of this one (scripts/record-main-fixture.ts runs an earlier commit). */
  readonly root?: string;
}

/**
 * Spawns `node emulator/dist/main.cjs` with PORT=0 and waits until it prints its URL (printed once ready).
 * @example const site = await startSite(); try { ... } finally { await site.stop(); }
 */
export async function startSite(options: StartOptions = {}): Promise<RunningSite> {
  const root = options.root ?? ROOT;
  const main = mainOf(root);
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does it).`);
  const appSecret = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, ...options.env, PORT: '0', SITE_DB: options.db ?? ':memory:', SITE_APP_SECRET: appSecret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  // The last megabyte is plenty for a failure message; a long fuzz run must not keep every line it ever printed.
  const remember = (text: string): void => {
    printed = (printed + text).slice(-1_000_000);
  };
  child.stderr.on('data', (chunk: Buffer) => {
    remember(chunk.toString('utf8'));
  });
  // Never leave a server behind, even when a test run ends without stop().
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      process.removeListener('exit', killOnExit);
      done();
    }),
  );

  const port = await new Promise<string>((done, fail) => {
    // A site that does not come up is killed, so a caller that starts another one never leaves it behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`The site did not start within ${START_TIMEOUT_MS / 1000} s:\n${printed}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`The site exited with ${code ?? 'a signal'} before it was ready:\n${printed}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(`${line}\n`);
      const match = /^Local Jira site: http:\/\/localhost:(\d+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const appHeaders = { authorization: `Forge ${appSecret}` };
  const drainEvents = async (): Promise<void> => {
    const response = await fetch(`${url}/__site/events/drain`, { method: 'POST', headers: appHeaders });
    if (!response.ok) throw new Error(`POST /__site/events/drain answered ${response.status}`);
  };
  const basic = (email: string): string => `Basic ${Buffer.from(`${email}:demo`).toString('base64')}`;

  return {
    url,
    appSecret,
    exited,
    basic,
    output: () => printed,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    async invoke(email, moduleKey, functionKey, payload, context) {
      const response = await fetch(`${url}/forge/invoke`, {
        method: 'POST',
        headers: { authorization: basic(email), 'content-type': 'application/json' },
        body: JSON.stringify({ moduleKey, functionKey, payload, context }),
      });
      const body = (await response.json()) as { result?: unknown; error?: string };
      if (!response.ok) throw new Error(`invoke ${moduleKey} ${functionKey} as ${email} answered ${response.status}: ${body.error ?? ''}`);
      return body.result;
    },
    drainEvents,
    async metrics() {
      const response = await fetch(`${url}/__site/metrics`, { headers: appHeaders });
      if (!response.ok) throw new Error(`GET /__site/metrics answered ${response.status}`);
      return (await response.json()) as Record<string, number>;
    },
    async resetMetrics() {
      const response = await fetch(`${url}/__site/metrics/reset`, { method: 'POST', headers: appHeaders });
      if (!response.ok) throw new Error(`POST /__site/metrics/reset answered ${response.status}`);
    },
  };
}
