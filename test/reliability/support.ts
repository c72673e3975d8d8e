// Shared helpers of the reliability suite: everything goes over HTTP to a real local site (REST with Basic auth,
// resolvers through POST /forge/invoke, the app's KVS through the runtime's KVS endpoint with the app secret).
import type { AuditEvent, ConfigView, GateView, ResolverResult } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import type { GateSnapshot } from '../../src/gate/records';
import { PROPERTY_PREFIX } from '../../src/gate/records';
import type { Fault } from '../support/site-faults';
import { injectFault } from '../support/site-faults';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import type { RunningSite } from '../support/site';
import { SiteClient } from '../support/site-client';

export { clearFaults, lateWritesLanded } from '../support/site-faults';

export const PANEL = 'go-live-gate-panel';
export const SETTINGS = 'go-live-gate-settings';
export const PM = 'pm@example.com';
export const ADMIN = 'admin@example.com';
export const PROJECT = { projectKey: 'SKU' } as const;
export const TRANSITIONS = { startReview: '11', promoteToProd: '21', goLive: '31' } as const;
export const approver = (team: string): string => `${team}@example.com`;

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** A Jira REST call as a demo user; `raw` sends the body text as it is (for malformed JSON). */
export async function rest(site: RunningSite, email: string, method: string, path: string, body?: unknown, raw?: string): Promise<Reply> {
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(`${site.url}${path}`, {
    method,
    headers: { authorization: site.basic(email), 'content-type': 'application/json', accept: 'application/json' },
    ...(text === undefined ? {} : { body: text }),
  });
  const answer = await response.text();
  return { status: response.status, body: answer ? (JSON.parse(answer) as unknown) : undefined };
}

/** POST /forge/invoke as a demo user, answering the HTTP status and body as they are (no throwing). */
export async function invokeRaw(site: RunningSite, email: string, moduleKey: string, functionKey: string, payload: unknown, context: { issueKey: string } | { projectKey: string }): Promise<Reply> {
  const response = await fetch(`${site.url}/forge/invoke`, {
    method: 'POST',
    headers: { authorization: site.basic(email), 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey, functionKey, payload, context }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A resolver answer through /forge/invoke (throws when the site itself refused the call). */
export async function call<T>(site: RunningSite, email: string, functionKey: string, payload: unknown, context: { issueKey: string } | { projectKey: string }): Promise<ResolverResult<T>> {
  const moduleKey = 'issueKey' in context ? PANEL : SETTINGS;
  return (await site.invoke(email, moduleKey, functionKey, payload, context)) as ResolverResult<T>;
}

export function unwrap<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(`resolver refused (${result.error.code}): ${result.error.message}`);
  return result.data;
}

/** The error of a resolver answer that must be a refusal. */
export function refusedWith<T>(result: ResolverResult<T>): { code: string; message: string; fieldErrors?: readonly { path: string; message: string }[] | undefined } {
  if (result.ok) throw new Error('the resolver accepted a call it should have refused');
  return result.error;
}

export const decide = (site: RunningSite, team: string, issueKey: string, decision: 'approve' | 'decline' | 'revoke', comment?: string, email = approver(team)): Promise<ResolverResult<GateView>> =>
  call<GateView>(site, email, 'decide', { team, decision, ...(comment !== undefined && { comment }) }, { issueKey });

export const getGate = async (site: RunningSite, issueKey: string, email = PM): Promise<GateView> => unwrap(await call<GateView>(site, email, 'getGate', {}, { issueKey }));

/** The project's saved configuration, as the admin reads it. */
export async function savedConfig(site: RunningSite): Promise<GateConfig> {
  const view = unwrap(await call<ConfigView>(site, ADMIN, 'getConfig', {}, PROJECT));
  if (!view.config) throw new Error('The demo project has no gate configuration: the app-side seed did not run');
  return view.config;
}

/** The project's saved configuration in gate model v2, as the settings page reads it. */
export const savedConfigV2 = (site: RunningSite): Promise<GateConfigV2> => new SiteClient(site).configV2();

/** The PM fills a stage in before its teams sign off: every item it requires answered, its numbers recorded (SiteClient.fillIn). */
export const fillIn = (site: RunningSite, issueKey: string, stage: string): Promise<void> => new SiteClient(site).fillIn(issueKey, stage);

/**
 * A fresh ticket in project SKU reported by the PM, moved to In Review, as the app leaves it once its issue-created
 * trigger has run (so the trigger's summary write never races a test's snapshot or faults); answers its key and id.
 */
export async function createTicket(site: RunningSite, summary = 'Reliability ticket'): Promise<{ key: string; id: string }> {
  const created = await rest(site, PM, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SKU' }, summary, issuetype: { name: 'Task' } } });
  if (created.status !== 201) throw new Error(`creating a ticket answered ${created.status}: ${JSON.stringify(created.body)}`);
  const { key, id } = created.body as { key: string; id: string };
  const moved = await transition(site, key, TRANSITIONS.startReview);
  if (moved.status !== 204) throw new Error(`Start Review on ${key} answered ${moved.status}`);
  await site.drainEvents();
  return { key, id };
}

export const transition = (site: RunningSite, issueKey: string, id: string, email = PM): Promise<Reply> =>
  rest(site, email, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } });

/** The validator's message of a refused transition. */
export const refusal = (reply: Reply): string => ((reply.body as { errorMessages?: string[] } | undefined)?.errorMessages ?? []).join(' ');

export const propertyPath = (issueKey: string, propertyKey: string): string => `/rest/api/3/issue/${issueKey}/properties/${propertyKey}`;

/** Every `golive-gate.*` property of an issue, as Jira answers it to the PM. */
export async function gateProperties(site: RunningSite, issueKey: string): Promise<{ id: string; reporter?: string; properties: Record<string, unknown> }> {
  const reply = await rest(site, PM, 'GET', `/rest/api/3/issue/${issueKey}?fields=reporter&properties=*all`);
  if (reply.status !== 200) throw new Error(`GET ${issueKey} answered ${reply.status}`);
  const issue = reply.body as { id: string; fields: { reporter?: { accountId: string } | null }; properties?: Record<string, unknown> };
  const properties = Object.fromEntries(Object.entries(issue.properties ?? {}).filter(([key]) => key.startsWith(PROPERTY_PREFIX)));
  return { id: issue.id, ...(issue.fields.reporter && { reporter: issue.fields.reporter.accountId }), properties };
}

/** Every entry of the app's KVS under a key prefix, read as the app (the test holds the site's app secret). */
export async function kvsEntries(site: RunningSite, prefix: string): Promise<{ key: string; value: unknown }[]> {
  const entries: { key: string; value: unknown }[] = [];
  let after: string | undefined;
  do {
    const response = await fetch(`${site.url}/__forge/kvs/api/v1/query`, {
      method: 'POST',
      headers: { authorization: `Forge ${site.appSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 100, ...(after !== undefined && { after }), where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }] }),
    });
    if (!response.ok) throw new Error(`KVS query ${prefix} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { data: { key: string; value: unknown }[]; cursor?: string };
    entries.push(...page.data);
    after = page.cursor;
  } while (after !== undefined);
  return entries;
}

/** The head the app keeps for each of its records on an issue (entity `gate-record`), read as the app, by property key. */
export async function recordHeads(site: RunningSite, issueId: string): Promise<Record<string, { seq: number; digest: string; record: unknown }>> {
  const heads: Record<string, { seq: number; digest: string; record: unknown }> = {};
  let cursor: string | undefined;
  do {
    const response = await fetch(`${site.url}/__forge/kvs/api/v1/entity/query`, {
      method: 'POST',
      headers: { authorization: `Forge ${site.appSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ entityName: 'gate-record', indexName: 'by-issue', partition: [issueId], limit: 100, ...(cursor !== undefined && { cursor }) }),
    });
    if (!response.ok) throw new Error(`KVS entity query of issue ${issueId} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { data: { value: { propertyKey: string; seq: number; digest: string; record: unknown } }[]; cursor?: string };
    for (const { value } of page.data) heads[value.propertyKey] = { seq: value.seq, digest: value.digest, record: value.record };
    cursor = page.cursor;
  } while (cursor !== undefined);
  return heads;
}

/** Everything the app stores that an action on an issue could touch: its properties, its record heads and the whole Key-Value Store. */
export async function storedState(site: RunningSite, issueKey: string): Promise<unknown> {
  const { id, properties } = await gateProperties(site, issueKey);
  return { properties, heads: await recordHeads(site, id), kvs: await kvsEntries(site, '') };
}

/** What the gate reads for an issue, fetched independently of the app: its properties (REST) and the record heads (KVS). */
export async function snapshot(site: RunningSite, issueKey: string): Promise<GateSnapshot> {
  const { id, reporter, properties } = await gateProperties(site, issueKey);
  const heads = await recordHeads(site, id);
  const digests = Object.fromEntries(Object.entries(heads).map(([key, head]) => [key, head.digest]));
  const written = Object.fromEntries(Object.entries(heads).map(([key, head]) => [key, head.record]));
  return { issue: { id, key: issueKey, reporterAccountId: reporter }, properties, digests, written };
}

/** The whole audit trail of an issue through the getAudit resolver, page by page. */
export async function auditTrail(site: RunningSite, issueKey: string, email = PM): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await call<{ events: AuditEvent[]; nextCursor?: string }>(site, email, 'getAudit', { limit: 100, ...(cursor !== undefined && { cursor }) }, { issueKey }));
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return events;
}

/** A fault the site injects (`POST /__site/faults`); `hang` keeps the request unanswered. */
export type SiteFault = Fault & { readonly hang?: boolean };
export const planFault = (site: RunningSite, fault: SiteFault): Promise<void> => injectFault(site, fault);

/** Runs `work` over `items` with at most `limit` in flight, in order of start; answers every outcome. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const outcomes: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { status: 'fulfilled', value: await work(items[index] as T) };
      } catch (reason) {
        outcomes[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}

/** The figures of one case of the suite: how many operations were tried, caught or refused, and lost (always 0). */
export class Figures {
  operations = 0;
  caught = 0;
  refused = 0;
  lost = 0;
  /** Figures particular to one case, printed after the common ones. */
  readonly extra: Record<string, number> = {};

  constructor(private readonly name: string) {}

  /** One line per case, in the form the README quotes. */
  print(): void {
    console.log(`reliability: ${this.name.padEnd(13)} operations=${this.operations} caught=${this.caught} refused=${this.refused} lost=${this.lost}${Object.entries(this.extra).map(([name, n]) => ` ${name}=${n}`).join('')}`);
  }
}
