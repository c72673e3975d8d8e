// A client of a running local site for tests and the bench: Jira REST as the demo users (or as the app), the app's
// resolvers through POST /forge/invoke typed by the contract, the site's request counters, and the demo's logins.
import type { AnswerOf, FunctionKey, PayloadOf, ResolverModule, ResolverResult } from '../../src/contract';
import { RESOLVER_MODULE_KEYS } from '../../src/contract';
import { demoAnswer, demoValue } from '../../emulator/runtime/demo-app-seed';
import { approverEmail, DEMO_ADMIN, DEMO_PM, DEMO_PROJECT, DEMO_TRANSITIONS, TASK_ISSUE_TYPE } from '../../emulator/site/demo';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import type { RunningSite, StartOptions } from './site';
import { installForgeGlobals, startSite } from './site';
import { clearFaults } from './site-faults';

/** The demo site's project, logins and workflow transitions (emulator/site/demo.ts). */
export const DEMO = {
  projectKey: DEMO_PROJECT.key,
  pm: DEMO_PM.emailAddress,
  admin: DEMO_ADMIN.emailAddress,
  approverOf: approverEmail,
  transitions: { startReview: DEMO_TRANSITIONS.startReview.id, promoteToProd: DEMO_TRANSITIONS.promoteToProd.id, goLive: DEMO_TRANSITIONS.goLive.id },
} as const;

export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Where a resolver call comes from: the panel's issue, or the project of the settings and reviews pages. */
export type InvokeContext<M extends ResolverModule> = M extends 'panel' ? { readonly issueKey: string } : { readonly projectKey: string };

/** Request counts by kind: `jira:<METHOD> <template>`, `kvs:<op>`, `invoke:<function>`, `trigger:<function>`. */
export type Counts = Readonly<Record<string, number>>;

export class SiteClient {
  constructor(readonly site: RunningSite) {}

  /** A Jira REST call as a demo user (Basic) or, with as='app', as the app (Forge auth); `raw` sends the text as it is. */
  async rest(as: string, method: string, path: string, body?: unknown, raw?: string): Promise<RestAnswer> {
    const authorization = as === 'app' ? `Forge ${this.site.appSecret}` : this.site.basic(as);
    const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const response = await fetch(`${this.site.url}${path}`, {
      method,
      headers: { authorization, accept: 'application/json', ...(text === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(text === undefined ? {} : { body: text }),
    });
    const answer = await response.text();
    return { status: response.status, body: answer === '' ? undefined : (JSON.parse(answer) as unknown) };
  }

  /** Like rest(), but throws unless the status is the expected one (or one of them). */
  async restOk(as: string, method: string, path: string, body: unknown, expected: number | readonly number[]): Promise<unknown> {
    const answer = await this.rest(as, method, path, body);
    if (!(typeof expected === 'number' ? [expected] : expected).includes(answer.status)) throw new Error(`${method} ${path} as ${as} answered ${answer.status}, expected ${String(expected)}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** A resolver function of the contract through /forge/invoke as a demo user: its ResolverResult as the app answered it. */
  async invoke<M extends ResolverModule, F extends FunctionKey<M>>(as: string, module: M, functionKey: F, payload: PayloadOf<M, F>, context: InvokeContext<M>): Promise<ResolverResult<AnswerOf<M, F>>> {
    return (await this.site.invoke(as, RESOLVER_MODULE_KEYS[module], functionKey, payload, context)) as ResolverResult<AnswerOf<M, F>>;
  }

  /** Like invoke(), unwrapped: throws with the resolver's message when it refuses. */
  async call<M extends ResolverModule, F extends FunctionKey<M>>(as: string, module: M, functionKey: F, payload: PayloadOf<M, F>, context: InvokeContext<M>): Promise<AnswerOf<M, F>> {
    return unwrap(await this.invoke(as, module, functionKey, payload, context), `${functionKey} as ${as}`);
  }

  /** Zeroes the counters, runs `action` once, and answers what the site counted meanwhile. */
  async count(action: () => Promise<unknown>): Promise<Counts> {
    await this.site.resetMetrics();
    await action();
    return this.site.metrics();
  }

  /** Creates a ticket as the PM and, unless told otherwise, moves it to In Review (no validator there). */
  async createTicket(summary: string, inReview = true): Promise<{ id: string; key: string }> {
    const fields = { project: { key: DEMO.projectKey }, summary, issuetype: { name: TASK_ISSUE_TYPE.name } };
    const issue = (await this.restOk(DEMO.pm, 'POST', '/rest/api/3/issue', { fields }, 201)) as { id: string; key: string };
    if (inReview) await this.transition(DEMO.pm, issue.key, DEMO.transitions.startReview, 204);
    return issue;
  }

  /** Moves a ticket through a workflow transition; throws unless the status is the expected one (204, or 400 when refused). */
  async transition(as: string, issueKey: string, transitionId: string, expected: number): Promise<void> {
    await this.restOk(as, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: transitionId } }, expected);
  }

  /** The team's ticket-wide approval (what a comment command or a merge request approval gives): it counts at every stage the team signs off. */
  async approve(issueKey: string, team: string, approver = DEMO.approverOf(team)): Promise<void> {
    await this.call(approver, 'panel', 'decide', { team, decision: 'approve', comment: 'LGTM' }, { issueKey });
  }

  /** The approver's own approval at each stage named, as the panel's stage cards give it (gate model v2). */
  async approveAt(issueKey: string, team: string, stages: readonly string[], approver = DEMO.approverOf(team)): Promise<void> {
    await this.call(approver, 'panel', 'decide', { team, decision: 'approve', comment: 'LGTM', stages: [...stages] }, { issueKey });
  }

  /** A project's gate configuration (model v2), as its settings page reads it. */
  async configV2(projectKey: string = DEMO.projectKey): Promise<GateConfigV2> {
    const { configV2 } = await this.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey });
    if (configV2 === undefined) throw new Error(`${projectKey} has no gate configuration`);
    return configV2;
  }

  /**
   * What the reporter does before the teams sign a stage off (gate model v2): answers every item the stage requires and
   * records its numbers, each with a valid value (as the demo seed gives them), so the stage waits on its teams alone.
   * The reporter writes them, so no approver signs off what they wrote themselves (separation of duties).
   */
  async fillIn(issueKey: string, stage: string, as: string = DEMO.pm): Promise<void> {
    const config = await this.configV2();
    const items = config.items.filter((item) => item.requiredFor.includes(stage));
    if (items.length > 0) await this.call(as, 'panel', 'answerItems', { answers: Object.fromEntries(items.map((item) => [item.key, demoAnswer(item)])) }, { issueKey });
    const numbers = config.numbers.filter((spec) => config.stages.find((s) => s.key === stage)?.numbers.includes(spec.key));
    if (numbers.length > 0) await this.call(as, 'panel', 'recordNumbers', { values: Object.fromEntries(numbers.map((spec) => [spec.key, demoValue(spec)])) }, { issueKey });
  }
}

/**
 * The answer of a resolver that must accept the call.
 *
 * @example
 * const gate = unwrap(await client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: 'SKU-1' }));
 */
export function unwrap<T>(result: ResolverResult<T>, what = 'the resolver'): T {
  if (!result.ok) throw new Error(`${what} was refused (${result.error.code}): ${result.error.message}`);
  return result.data;
}

/** The validator's message of a refused transition (Jira's `errorMessages`). */
export const refusalOf = (body: unknown): string => ((body as { errorMessages?: string[] } | undefined)?.errorMessages ?? []).join(' ');

export interface SiteForTests {
  readonly site: RunningSite;
  readonly client: SiteClient;
}

/**
 * For one test file: a local site started before the first test and stopped after the last, with its client; faults
 * planned by a test are cleared after it.
 *
 * @example
 * const env = useSite();
 * it('...', async () => { await env.client.createTicket('A go-live'); });
 */
export function useSite(options: StartOptions = {}): SiteForTests {
  let running: SiteForTests | undefined;
  beforeAll(async () => {
    const site = await startSite(options);
    running = { site, client: new SiteClient(site) };
  });
  afterEach(async () => {
    if (running !== undefined) await clearFaults(running.site);
  });
  afterAll(async () => {
    await running?.site.stop();
  });
  const started = (): SiteForTests => {
    if (running === undefined) throw new Error('The site starts in beforeAll: use it inside a test or a later hook.');
    return running;
  };
  return {
    get site() {
      return started().site;
    },
    get client() {
      return started().client;
    },
  };
}

/**
 * useSite, with the real @forge packages pointed at the site: their globals are installed before `load` imports the
 * adapters (@forge/kvs picks its client when it is imported).
 *
 * @example
 * const env = useForgeOnSite(() => import('../../src/forge/config-store'));
 * it('...', async () => { await new env.forge.KvsConfigStore().get('10000'); });
 */
export function useForgeOnSite<T>(load: () => Promise<T>): SiteForTests & { readonly forge: T } {
  const env = useSite();
  let forge: T | undefined;
  beforeAll(async () => {
    installForgeGlobals({ siteUrl: env.site.url, appSecret: env.site.appSecret });
    forge = await load();
  });
  return {
    get site() {
      return env.site;
    },
    get client() {
      return env.client;
    },
    get forge() {
      if (forge === undefined) throw new Error('The @forge adapters load in beforeAll: use them inside a test.');
      return forge;
    },
  };
}
