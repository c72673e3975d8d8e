// The bench's view of a running local site: REST and /forge/invoke as demo users, and the site's request counters.
import type { ResolverResult } from '../src/contract';
import type { RunningSite } from '../test/support/site';

export const PANEL = 'go-live-gate-panel';
export const SETTINGS = 'go-live-gate-settings';
export const REVIEWS = 'go-live-gate-reviews';
export const PROJECT_KEY = 'SKU';
export const ADMIN = 'admin@example.com';
export const PM = 'pm@example.com';
/** Demo workflow transition ids (emulator/site/demo.ts). */
export const TRANSITIONS = { startReview: '11', promoteToProd: '21', goLive: '31' } as const;
export const approverOf = (team: string): string => `${team}@example.com`;

export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Request counts by kind for one measured run: `jira:<METHOD> <template>`, `kvs:<op>`, `invoke:<function>`. */
export type Counts = Readonly<Record<string, number>>;

export class SiteClient {
  constructor(readonly site: RunningSite) {}

  /** A Jira REST call as a demo user (Basic) or, with as='app', as the app (Forge auth). */
  async rest(as: string, method: string, path: string, body?: unknown): Promise<RestAnswer> {
    const authorization = as === 'app' ? `Forge ${this.site.appSecret}` : this.site.basic(as);
    const response = await fetch(`${this.site.url}${path}`, {
      method,
      headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  /** Like rest(), but throws unless the status is the expected one. */
  async restOk(as: string, method: string, path: string, body: unknown, expected: number): Promise<unknown> {
    const answer = await this.rest(as, method, path, body);
    if (answer.status !== expected) throw new Error(`${method} ${path} as ${as} answered ${answer.status}, expected ${expected}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** A resolver call through /forge/invoke, unwrapped: throws with the resolver's message when it refuses. */
  async call<T>(as: string, moduleKey: string, functionKey: string, payload: unknown, context: { issueKey: string } | { projectKey: string }): Promise<T> {
    const result = (await this.site.invoke(as, moduleKey, functionKey, payload, context)) as ResolverResult<T>;
    if (!result.ok) throw new Error(`${functionKey} as ${as} was refused (${result.error.code}): ${result.error.message}`);
    return result.data;
  }

  /** Zeroes the counters, runs `action` once, and answers what the site counted meanwhile. */
  async count(action: () => Promise<unknown>): Promise<Counts> {
    await this.site.resetMetrics();
    await action();
    return this.site.metrics();
  }

  /** Creates a ticket as the PM and, unless told otherwise, moves it to In Review (no validator there). */
  async createTicket(summary: string, inReview = true): Promise<{ id: string; key: string }> {
    const issue = (await this.restOk(PM, 'POST', '/rest/api/3/issue', { fields: { project: { key: PROJECT_KEY }, summary, issuetype: { name: 'Task' } } }, 201)) as { id: string; key: string };
    if (inReview) await this.transition(PM, issue.key, TRANSITIONS.startReview, 204);
    return issue;
  }

  async transition(as: string, issueKey: string, transitionId: string, expected: number): Promise<void> {
    await this.restOk(as, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: transitionId } }, expected);
  }

  async approve(issueKey: string, team: string, approver = approverOf(team)): Promise<void> {
    await this.call(approver, PANEL, 'decide', { team, decision: 'approve', comment: 'LGTM (bench)' }, { issueKey });
  }
}

/** Runs `work` over `items` with at most `limit` in flight; bounded, loopback only. */
export async function inBatches<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
}
