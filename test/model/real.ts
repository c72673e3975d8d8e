// The real system under the reference model: the built local site (a child process) running the real app, driven
// only over HTTP: resolvers through /forge/invoke, Jira REST with Basic auth, the site's operator endpoints.
import type { RunningSite, StartOptions } from '../support/site';
import { startSite } from '../support/site';
import type { Fault } from '../support/site-faults';

/** What became of one resolver call. */
export type Outcome =
  | { readonly kind: 'acknowledged'; readonly data: unknown }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /** No answer from the app (the connection broke, the site crashed, or the runtime failed the invocation). */
  | { readonly kind: 'failed'; readonly message: string };

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** A fault for the site's fault injection, including the late KVS write (see emulator/faults.ts). */
export type ModelFault = Fault & { readonly lateMs?: number; readonly skip?: number };

const PANEL = 'go-live-gate-panel';
const SETTINGS = 'go-live-gate-settings';

const START_ATTEMPTS = 4;

/** Starts the site, trying again after a pause when a loaded machine keeps it from coming up in time. */
async function startAgain(options: StartOptions): Promise<RunningSite> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSite(options);
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, 2_000 * attempt));
    }
  }
}

export class Real {
  private constructor(
    private current: RunningSite,
    private readonly options: StartOptions,
  ) {}

  /** Starts the built site; with `db` a file, a crash and restart keeps everything acknowledged. */
  static async start(options: StartOptions): Promise<Real> {
    return new Real(await startAgain(options), options);
  }

  get site(): RunningSite {
    return this.current;
  }

  async stop(): Promise<void> {
    await this.current.stop();
  }

  /** SIGKILL, then start again on the same database. */
  async crashAndRestart(): Promise<void> {
    this.current.kill();
    await this.current.exited;
    this.current = await startAgain(this.options);
  }

  /** Whether the site answers a plain Jira request within a few seconds. */
  async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.current.url}/rest/api/3/myself`, { headers: { authorization: this.current.basic('pm@example.com') }, signal: AbortSignal.timeout(10_000) });
      return response.ok;
    } catch {
      return false;
    }
  }

  /**
   * Makes sure a site is up: a site that stopped answering (say it could not restart under load) is killed and
   * started again on the same database. Answers whether a restart was needed, which a long run reports apart from
   * the restarts it planned.
   */
  async ensureHealthy(): Promise<boolean> {
    if (await this.healthy()) return false;
    this.current.kill();
    await this.current.exited;
    this.current = await startAgain(this.options);
    return true;
  }

  async invoke(email: string, functionKey: string, payload: unknown, context: { issueKey: string } | { projectKey: string }): Promise<Outcome> {
    const moduleKey = 'issueKey' in context ? PANEL : SETTINGS;
    try {
      const response = await fetch(`${this.current.url}/forge/invoke`, {
        method: 'POST',
        headers: { authorization: this.current.basic(email), 'content-type': 'application/json' },
        body: JSON.stringify({ moduleKey, functionKey, payload, context }),
      });
      const body = (await response.json()) as { result?: { ok: boolean; data?: unknown; error?: { code: string; message: string } }; error?: string };
      if (response.status !== 200 || body.result === undefined) return { kind: 'failed', message: `HTTP ${response.status}: ${body.error ?? JSON.stringify(body)}` };
      if (body.result.ok) return { kind: 'acknowledged', data: body.result.data };
      return { kind: 'refused', code: body.result.error?.code ?? 'unknown', message: body.result.error?.message ?? '' };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error) };
    }
  }

  async rest(email: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.current.url}${path}`, {
      method,
      headers: { authorization: this.current.basic(email), 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  private async operator(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.current.url}${path}`, {
      method,
      headers: { authorization: `Forge ${this.current.appSecret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  /** How far the site clock runs ahead of real time (it only grows; a restart keeps it). */
  async clockOffset(): Promise<number> {
    return ((await this.operator('GET', '/__site/clock')) as { offsetMs: number }).offsetMs;
  }

  /** When a scheduled trigger last ran (site time, ISO), or null if never. */
  async lastScheduledRun(moduleKey: string): Promise<string | null> {
    const state = (await this.operator('GET', '/__site/clock')) as { scheduledTriggers: { moduleKey: string; lastRunAt: string | null }[] };
    return state.scheduledTriggers.find((t) => t.moduleKey === moduleKey)?.lastRunAt ?? null;
  }

  /** Moves the site clock forward to `to` (site time, ms), running the scheduled triggers due on the way; answers the new offset. */
  async advanceClockTo(to: number): Promise<number> {
    return ((await this.operator('POST', '/__site/clock/advance', { to: new Date(to).toISOString() })) as { offsetMs: number }).offsetMs;
  }

  /** A transition without validators added to a project's workflow, as a Jira admin adds it; answers its id. */
  async addTransition(projectKey: string, name: string, to: string, from?: string): Promise<string> {
    const transition = (await this.operator('PUT', `/__site/projects/${projectKey}/transitions/${encodeURIComponent(name)}`, { to, ...(from !== undefined && { from }) })) as { id: string };
    return transition.id;
  }

  async injectFault(fault: ModelFault): Promise<void> {
    await this.operator('POST', '/__site/faults', fault);
  }

  /** Clears planned faults and waits for late writes already on their way. */
  async calm(): Promise<void> {
    await this.operator('DELETE', '/__site/faults');
    await this.operator('POST', '/__site/faults/settle');
    await this.current.drainEvents();
  }

  /** Waits until the app's triggers have run for every issue event so far. */
  drainEvents(): Promise<void> {
    return this.current.drainEvents();
  }

  async setStatus(issueKey: string, status: string): Promise<void> {
    await this.operator('PUT', `/__site/issues/${issueKey}/status`, { status });
  }

  /** Every `golive-gate.*` property of an issue, as Jira answers it. */
  async properties(issueKey: string): Promise<Record<string, unknown>> {
    const reply = await this.rest('pm@example.com', 'GET', `/rest/api/3/issue/${issueKey}?properties=*all&fields=status`);
    if (reply.status !== 200) throw new Error(`GET ${issueKey} answered ${reply.status}`);
    const properties = (reply.body as { properties?: Record<string, unknown> }).properties ?? {};
    return Object.fromEntries(Object.entries(properties).filter(([key]) => key.startsWith('golive-gate.')));
  }

  async createTicket(reporterEmail: string, summary: string): Promise<{ key: string; id: string }> {
    const created = await this.rest(reporterEmail, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SKU' }, summary, issuetype: { name: 'Task' } } });
    if (created.status !== 201) throw new Error(`creating a ticket answered ${created.status}: ${JSON.stringify(created.body)}`);
    const { key, id } = created.body as { key: string; id: string };
    await this.current.drainEvents();
    return { key, id };
  }
}
