import { loadReviews } from '../src/app/load-reviews';
import type { ConfigStore, Directory, IssueSearch, SearchPage } from '../src/ports';
import type { GateConfig } from '../src/gate/config';
import { coveredDigests } from '../src/gate/coverage';
import { digestOf } from '../src/gate/digest';
import { propertyKeyOf, SUMMARY_PROPERTY, teamProperty } from '../src/gate/records';
import type { NumbersRecord, OverrideRecord, TeamDecision } from '../src/gate/records';
import { summaryOf } from './support/summary-of';
import { templateConfig } from './support/v1-templates';
import { TASK_ISSUE_TYPE } from '../emulator/site/demo';
import { findManifest, readIndexedValues } from '../emulator/site/entity-properties';
import { SiteStore } from '../emulator/site/store';
import { startTestSite } from '../emulator/site/test-support';
import type { TestSite } from '../emulator/site/test-support';
import { MemoryBenchSnapshots, MemoryReviewHistory } from './support/in-memory-ports';
import { DEMO, unwrap, useSite } from './support/site-client';
import { migrateConfig } from '../src/gate/v2/migrate';

/**
 * The reviews page reads every gated ticket of a project from the search answer: on the local Jira site, 1,000 gated
 * tickets cost ceil(1000/100) = 10 search requests and not one request per ticket. First the use case against the
 * site's REST, then the whole page's resolver (getReviews) run by the site's Forge runtime.
 */

const N = 1_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const NOW = new Date(T0 + 10 * 24 * HOUR);

function managedAddon(): GateConfig {
  const config = templateConfig('managed-addon');
  if (config === undefined) throw new Error('managed-addon template missing');
  return config;
}

/** SRE-P's approval of ticket i, (i % 10) + 1 hours after it was created, and the summary the app derives from it. */
function approvedBySreP(config: GateConfig, issue: { id: string; key: string }, createdMs: number, i: number): { decision: TeamDecision; summary: unknown } {
  const decision: TeamDecision = {
    kind: 'decision', issueId: issue.id, team: 'sre-p', decision: 'approved', by: 'acc-sre-p', via: 'golive-sre-p',
    at: new Date(createdMs + ((i % 10) + 1) * HOUR).toISOString(), covers: coveredDigests(config, 'sre-p', undefined, undefined),
  };
  const key = teamProperty('sre-p');
  const summary = summaryOf(config, { issue: { ...issue, reporterAccountId: 'acc-pm' }, properties: { [key]: decision }, digests: { [key]: digestOf(decision) } }, NOW);
  return { decision, summary };
}

/** Ticket i was created i minutes after T0, and SRE-P approved it (i % 10) + 1 hours later, through the app. */
function seedGatedTickets(site: TestSite, config: GateConfig): void {
  const store = new SiteStore(site.db, readIndexedValues(findManifest()));
  const project = store.project('SKU');
  if (!project) throw new Error('the demo has no project SKU');
  site.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const createdMs = T0 + i * 60_000;
      const issue = store.createIssue({ projectId: project.id, summary: `Add-on ${i}`, description: null, issueTypeId: TASK_ISSUE_TYPE.id, reporterAccountId: 'acc-pm', createdMs });
      const { decision, summary } = approvedBySreP(config, { id: String(issue.id), key: issue.issue_key }, createdMs, i);
      store.putIssueProperty(issue.id, teamProperty('sre-p'), JSON.stringify(decision));
      store.putIssueProperty(issue.id, SUMMARY_PROPERTY, JSON.stringify(summary));
    }
  })();
}

/** The search as the reviews resolver sends it, over HTTP to the site, as the PM. */
const siteSearch = (site: TestSite): IssueSearch => ({
  async search(request) {
    const answer = await site.request('POST', '/rest/api/3/search/jql', { as: 'pm@example.com', body: request });
    if (answer.status !== 200) throw new Error(`search answered ${answer.status}: ${answer.text}`);
    return answer.body as SearchPage;
  },
});

describe('the reviews page on the local site with 1,000 gated tickets', () => {
  let site: TestSite;
  const config = managedAddon();

  beforeAll(async () => {
    site = await startTestSite();
    seedGatedTickets(site, config);
  });
  afterAll(() => site.close());

  it('costs ceil(N/100) search requests and no request per ticket', async () => {
    const configs: ConfigStore = { get: () => Promise.resolve({ config: migrateConfig(config), warnings: [], savedBy: 'acc-admin', savedAt: NOW.toISOString() }), save: () => Promise.reject(new Error('read only')), getByProjectKey: () => Promise.reject(new Error('read only')) };
    const directory: Directory = { groupsOf: () => Promise.resolve([]), canAdministerProject: () => Promise.resolve(false), membersOf: () => Promise.resolve([]), groupMembers: () => Promise.resolve([]) };
    await site.request('POST', '/__site/metrics/reset', { as: 'admin@example.com' });

    const view = await loadReviews({ search: siteSearch(site), configs, directory, clock: { now: () => NOW }, history: new MemoryReviewHistory(), benchSnapshots: new MemoryBenchSnapshots() }, { projectId: '10000', projectKey: 'SKU', accountId: 'acc-pm', from: new Date(T0).toISOString() });

    const metrics = (await site.request('GET', '/__site/metrics', { as: 'admin@example.com' })).body as Record<string, number>;
    const jiraRequests = Object.fromEntries(Object.entries(metrics).filter(([kind]) => kind.startsWith('jira:') && !kind.includes('/__site/')));
    expect(view.tickets).toBe(N);
    expect(view.skipped).toEqual([]);
    expect(jiraRequests).toEqual({ 'jira:POST /rest/api/3/search/jql': Math.ceil(N / 100) });
  });

  it('works out SRE-P time to decision from the records in the search answer', async () => {
    const configs: ConfigStore = { get: () => Promise.resolve({ config: migrateConfig(config), warnings: [], savedBy: 'acc-admin', savedAt: NOW.toISOString() }), save: () => Promise.reject(new Error('read only')), getByProjectKey: () => Promise.reject(new Error('read only')) };
    const directory: Directory = { groupsOf: () => Promise.resolve(['golive-mt-sre']), canAdministerProject: () => Promise.resolve(false), membersOf: () => Promise.resolve([]), groupMembers: () => Promise.resolve([]) };
    const view = await loadReviews({ search: siteSearch(site), configs, directory, clock: { now: () => NOW }, history: new MemoryReviewHistory(), benchSnapshots: new MemoryBenchSnapshots() }, { projectId: '10000', projectKey: 'SKU', accountId: 'acc-mt-sre', from: new Date(T0).toISOString() });
    const sreP = view.throughput.teams.find((t) => t.team === 'sre-p');
    // 100 decisions each after 1, 2, ... 10 hours: the median is 5.5 hours and the 90th percentile 9.1 hours.
    expect(sreP?.decisions).toBe(N);
    expect((sreP?.medianMs ?? NaN) / HOUR).toBeCloseTo(5.5, 9);
    expect((sreP?.p90Ms ?? NaN) / HOUR).toBeCloseTo(9.1, 9);
    expect(view.myQueue.teams.map((t) => [t.team, t.waiting.length])).toEqual([['mt-sre', N]]);
    expect(view.myQueue.teams[0]?.waiting[0]?.since).toBe(new Date(T0).toISOString());
  });
});

describe('the reviews resolver on the running local site with 1,000 more gated tickets', () => {
  const env = useSite();
  const config = managedAddon();

  /** Creates the tickets through Jira REST (as the PM) and writes their records as the app, 20 at a time. */
  async function seedOverRest(): Promise<void> {
    for (let start = 0; start < N; start += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, N - start) }, async (_, j) => {
          const i = start + j;
          const issue = await env.client.createTicket(`Add-on ${i}`, false);
          const { decision, summary } = approvedBySreP(config, issue, T0 + i * 60_000, i);
          // 201 for a new property, 200 when the issue-created trigger wrote the summary first.
          await env.client.restOk('app', 'PUT', `/rest/api/3/issue/${issue.id}/properties/${teamProperty('sre-p')}`, decision, [200, 201]);
          await env.client.restOk('app', 'PUT', `/rest/api/3/issue/${issue.id}/properties/${SUMMARY_PROPERTY}`, summary, [200, 201]);
        }),
      );
    }
  }

  beforeAll(async () => {
    await seedOverRest();
  });

  it('answers the page with ceil(N/100) search requests and no request per ticket', async () => {
    await env.site.resetMetrics();
    const answer = await env.client.invoke(DEMO.pm, 'reviews', 'getReviews', {}, { projectKey: DEMO.projectKey });
    const metrics = await env.site.metrics();
    const view = unwrap(answer);
    // The demo's own gated tickets come on top of the 1,000.
    const gated = view.tickets + view.skipped.length;
    expect(gated).toBeGreaterThanOrEqual(N);
    expect(metrics['jira:POST /rest/api/3/search/jql']).toBe(Math.ceil(gated / 100));
    const perTicket = Object.keys(metrics).filter((kind) => kind.includes('{issueIdOrKey}'));
    expect(perTicket).toEqual([]);
  });
});

describe('the JQL the README offers users, on the local site', () => {
  let site: TestSite;
  const config = managedAddon();
  const at = new Date(T0).toISOString();

  /** Four tickets: waiting on CEE, declined by CEE, go-live overridden, and one with capacity 300 recorded. */
  beforeAll(async () => {
    site = await startTestSite();
    const store = new SiteStore(site.db, readIndexedValues(findManifest()));
    const project = store.project('SKU');
    if (!project) throw new Error('the demo has no project SKU');
    const gated = (title: string, records: (issueId: string) => (TeamDecision | NumbersRecord | OverrideRecord)[]): string => {
      const issue = store.createIssue({ projectId: project.id, summary: title, description: null, issueTypeId: TASK_ISSUE_TYPE.id, reporterAccountId: 'acc-pm', createdMs: T0 });
      const written = records(String(issue.id));
      const properties = Object.fromEntries(written.map((r) => [propertyKeyOf(r), r]));
      const digests = Object.fromEntries(written.map((r) => [propertyKeyOf(r), digestOf(r)]));
      for (const [key, value] of Object.entries(properties)) store.putIssueProperty(issue.id, key, JSON.stringify(value));
      const summary = summaryOf(config, { issue: { id: String(issue.id), key: issue.issue_key, reporterAccountId: 'acc-pm' }, properties, digests }, NOW);
      store.putIssueProperty(issue.id, SUMMARY_PROPERTY, JSON.stringify(summary));
      return issue.issue_key;
    };
    const decision = (issueId: string, team: string, kind: 'approved' | 'declined', numbers?: Record<string, number>): TeamDecision => ({
      kind: 'decision', issueId, team, decision: kind, by: `acc-${team}`, via: `golive-${team}`, at,
      covers: coveredDigests(config, team, numbers, undefined), ...(kind === 'declined' && { comment: 'Runbook missing' }),
    });
    const promoted = (issueId: string, numbers?: Record<string, number>): TeamDecision[] =>
      (config.stages[0]?.requiredTeams ?? []).map((team) => decision(issueId, team, 'approved', numbers));
    keys.waitingOnCee = gated('Waits on CEE', promoted);
    keys.declinedByCee = gated('Declined by CEE', (id) => [...promoted(id), decision(id, 'cee', 'declined')]);
    keys.overridden = gated('Forced live', (id) => [
      ...promoted(id),
      { kind: 'override', issueId: id, stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at, justification: 'Customer launch agreed with every PM' },
    ]);
    const small = { capacity: 300, velocity: 20 };
    keys.smallCapacity = gated('Small capacity', (id) => [...promoted(id, small), { kind: 'numbers', issueId: id, values: small, by: 'acc-sre-p', at }]);
  });
  afterAll(() => site.close());

  const keys: Record<'waitingOnCee' | 'declinedByCee' | 'overridden' | 'smallCapacity', string> = { waitingOnCee: '', declinedByCee: '', overridden: '', smallCapacity: '' };
  const search = async (jql: string): Promise<string[]> => {
    const answer = await site.request('POST', '/rest/api/3/search/jql', { as: 'pm@example.com', body: { jql, fields: ['summary'], maxResults: 100 } });
    if (answer.status !== 200) throw new Error(`${jql} answered ${answer.status}: ${answer.text}`);
    return (answer.body as SearchPage).issues.map((i) => i.key);
  };

  it.each([
    ['tickets waiting on a team', 'project = SKU AND goLiveGateStatus = "blocked" AND goLiveGatePending = "cee"', ['waitingOnCee', 'smallCapacity']],
    ['the same with the property path', 'project = SKU AND issue.property[golive-gate.summary].status = "blocked" AND issue.property[golive-gate.summary].pending = "cee"', ['waitingOnCee', 'smallCapacity']],
    ['tickets a team declined', 'project = SKU AND goLiveGateDeclined = "cee"', ['declinedByCee']],
    ['overridden tickets', 'project = SKU AND goLiveGateOverridden = "go-live"', ['overridden']],
    ['tickets whose capacity is under a value', 'project = SKU AND goLiveGateCapacity < 500', ['smallCapacity']],
    ['tickets blocked at go live', 'project = SKU AND goLiveGateStage = "go-live" AND goLiveGateStatus = "blocked"', ['waitingOnCee', 'declinedByCee', 'smallCapacity']],
  ] as const)('finds %s: %s', async (_what, jql, expected) => {
    const found = await search(jql);
    expect(found.filter((key) => Object.values(keys).includes(key)).sort()).toEqual(expected.map((name) => keys[name]).sort());
  });
});
