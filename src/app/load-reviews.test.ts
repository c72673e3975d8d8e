import { MemoryBenchSnapshots, MemoryReviewHistory } from '../../test/support/in-memory-ports';
import { templateConfig } from '../../test/support/v1-templates';
import type { GateConfig } from '../gate/config';
import type { ConfigStore, Directory, IssueSearch, SearchPage, SearchRequest } from '../ports';
import { ValidationError } from '../errors';
import { loadReviews } from './load-reviews';
import { PAGE_SIZE } from './search-gated-tickets';
import { migrateConfig } from '../gate/v2/migrate';
import type { GateConfigV2 } from '../gate/v2/config';
import { OWNING_SIG_FIELD, templateConfigV2 } from '../gate/v2/templates';
import { deriveSummary } from '../gate/summary';
import { IssueFixtureV2 } from '../../test/support/v2-issue-fixture';

const NOW = new Date('2026-03-01T00:00:00.000Z');

function managedAddon(): GateConfig {
  const config = templateConfig('managed-addon');
  if (config === undefined) throw new Error('managed-addon template missing');
  return config;
}

function summaryFor(config: GateConfig, at: string): unknown {
  return {
    schemaVersion: 1, status: 'blocked', stage: 'promote-to-prod', approved: 1, required: 4, pending: config.stages[0]?.requiredTeams.filter((t) => t !== 'sre-p') ?? [], declined: [], unverified: [], overridden: [], updated: at,
    stages: Object.fromEntries(config.stages.map((s) => [s.key, { allowed: false, approved: 0, required: s.requiredTeams.length }])),
    teams: { 'sre-p': { state: 'approved', at, by: 'acc-sre-p' } },
    numbers: {},
  };
}

/** Answers searches from a list of tickets, 100 per page, and records every request. */
class InMemorySearch implements IssueSearch {
  readonly requests: SearchRequest[] = [];
  constructor(private readonly issues: SearchPage['issues']) {}

  search(request: SearchRequest): Promise<SearchPage> {
    this.requests.push(request);
    const start = request.nextPageToken === undefined ? 0 : Number(request.nextPageToken);
    const end = start + request.maxResults;
    return Promise.resolve({ issues: this.issues.slice(start, end), ...(end < this.issues.length && { nextPageToken: String(end) }) });
  }
}

function gatedTickets(config: GateConfig, n: number): SearchPage['issues'] {
  return Array.from({ length: n }, (_, i) => ({
    key: `SKU-${i + 1}`,
    fields: { summary: `Add-on ${i + 1}`, created: '2026-02-01T00:00:00.000Z', status: { name: 'In Review', statusCategory: { key: 'indeterminate' } } },
    properties: { 'golive-gate.summary': summaryFor(config, '2026-02-02T00:00:00.000Z') },
  }));
}

function ports(config: GateConfig | GateConfigV2 | undefined, search: IssueSearch) {
  const directoryCalls: string[] = [];
  const configs: ConfigStore = {
    get: () => Promise.resolve(config && { config: config.schemaVersion === 2 ? config : migrateConfig(config), warnings: [], savedBy: 'acc-admin', savedAt: NOW.toISOString() }),
    save: () => Promise.reject(new Error('not used')),
    getByProjectKey: () => Promise.reject(new Error('not used')),
  };
  const directory: Directory = {
    groupsOf: (accountId) => Promise.resolve(accountId === 'acc-sre-p' || accountId === 'acc-sig-node' ? [`golive-${accountId.slice('acc-'.length)}`] : []),
    canAdministerProject: () => Promise.resolve(false),
    membersOf: (group) => {
      directoryCalls.push(group);
      return Promise.resolve([`acc-${group.replace('golive-', '')}`]);
    },
    groupMembers: () => Promise.reject(new Error('not used')),
  };
  return { ports: { search, configs, directory, clock: { now: () => NOW }, history: new MemoryReviewHistory(), benchSnapshots: new MemoryBenchSnapshots() }, directoryCalls };
}

const input = { projectId: '10000', projectKey: 'SKU', accountId: 'acc-sre-p' };

describe('loadReviews', () => {
  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [1_000, 10],
    [1_001, 11],
  ])('reads %i gated tickets with %i search requests and no request per ticket', async (n, requests) => {
    const config = managedAddon();
    const search = new InMemorySearch(gatedTickets(config, n));
    const { ports: p, directoryCalls } = ports(config, search);
    const view = await loadReviews(p, input);
    expect(search.requests).toHaveLength(requests);
    expect(view.tickets).toBe(n);
    expect(directoryCalls).toHaveLength(new Set(config.teams.flatMap((t) => t.groups)).size);
  });

  it('asks for the summary and the override records in the search answer, 100 at a time', async () => {
    const config = managedAddon();
    const search = new InMemorySearch(gatedTickets(config, 150));
    await loadReviews(ports(config, search).ports, input);
    expect(search.requests).toEqual([
      {
        jql: 'project = "SKU" AND issue.property[golive-gate.summary].status IS NOT EMPTY',
        fields: ['created', 'status', 'summary', 'fixVersions'],
        properties: ['golive-gate.summary', 'golive-gate.override.promote-to-prod', 'golive-gate.override.go-live'],
        maxResults: PAGE_SIZE,
        nextPageToken: undefined,
      },
      expect.objectContaining({ nextPageToken: '100' }),
    ]);
  });

  it('counts SRE-P decisions and shows the teams the caller may act for', async () => {
    const config = managedAddon();
    const view = await loadReviews(ports(config, new InMemorySearch(gatedTickets(config, 3))).ports, input);
    expect(view.myTeams).toEqual(['sre-p']);
    expect(view.throughput.teams.find((t) => t.team === 'sre-p')).toMatchObject({ decisions: 3, medianMs: 86_400_000 });
    expect(view.bench.find((b) => b.team === 'sre-p')?.warning).toBe('Only 1 person can approve for SRE-P: add someone to golive-sre-p.');
    expect(view.myQueue.teams.map((t) => t.team)).toEqual([]);
    expect(view.queue.teams.map((t) => t.team)).toEqual(expect.arrayContaining(['mt-sre', 'osd-e2e', 'dev-team']));
    expect(view.throughputCsv.split('\r\n')[0]).toMatch(/^kind,key,name,decisions/);
  });

  it('keeps the first bench snapshot of the day and charts the bench per week of the period', async () => {
    const config = managedAddon();
    const base = ports(config, new InMemorySearch(gatedTickets(config, 3))).ports;
    const benchSnapshots = new MemoryBenchSnapshots();
    await benchSnapshots.record({ projectId: '10000', day: '2026-02-10', teams: { 'sre-p': ['acc-sre-p', 'acc-sre-p-2', 'acc-sre-p-3'] } });
    const view = await loadReviews({ ...base, benchSnapshots }, { ...input, from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    await loadReviews({ ...base, benchSnapshots }, input);
    expect(benchSnapshots.snapshots.map((s) => [s.day, s.teams['sre-p']])).toEqual([
      ['2026-02-10', ['acc-sre-p', 'acc-sre-p-2', 'acc-sre-p-3']],
      ['2026-03-01', ['acc-sre-p']],
    ]);
    // Four weeks: nobody known before the first snapshot, then three people (today, 1 March, is after the period);
    // the three decisions were in the first week, all by one person.
    expect(view.benchTrend.find((t) => t.team === 'sre-p')?.points.map((p) => [p.from, p.eligible, p.decisions, p.concentration])).toEqual([
      ['2026-02-01', undefined, 3, 1],
      ['2026-02-08', 3, 0, undefined],
      ['2026-02-15', 3, 0, undefined],
      ['2026-02-22', 3, 0, undefined],
    ]);
  });

  it('defaults to the 30 days before now', async () => {
    const config = managedAddon();
    const view = await loadReviews(ports(config, new InMemorySearch([])).ports, input);
    expect([view.from, view.to]).toEqual(['2026-01-30T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('searches nothing for a project without a gate', async () => {
    const search = new InMemorySearch([]);
    const view = await loadReviews(ports(undefined, search).ports, input);
    expect(view.configured).toBe(false);
    expect(search.requests).toHaveLength(0);
  });

  it.each([
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'The period must start before it ends.'],
    [{ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'The period is at most 366 days.'],
  ])('refuses the period %j', async (period, message) => {
    const config = managedAddon();
    await expect(loadReviews(ports(config, new InMemorySearch([])).ports, { ...input, ...period })).rejects.toThrow(new ValidationError(message));
  });

  it('stops at a page token that does not move on', async () => {
    const config = managedAddon();
    const stuck: IssueSearch = { search: () => Promise.resolve({ issues: gatedTickets(config, 1), nextPageToken: 'same' }) };
    const view = await loadReviews(ports(config, stuck).ports, input);
    expect(view.tickets).toBe(2);
  });

  describe('on a configuration whose approvers come from a ticket field (KEP PRR)', () => {
    const kep = templateConfigV2('kubernetes-prr')!;
    /** A KEP ticket at Alpha waiting on its Owning SIG and the PRR team, its Owning SIG as the search answers it when asked. */
    const kepTicket = (n: number, sig: string): SearchPage['issues'][number] => ({
      key: `KEP-${n}`,
      fields: { summary: `Enhancement ${n}`, created: '2026-02-01T00:00:00.000Z', status: { name: 'In Review', statusCategory: { key: 'indeterminate' } } },
      ticketFields: { [OWNING_SIG_FIELD]: [sig] },
      properties: {
        'golive-gate.summary': {
          schemaVersion: 1, status: 'blocked', stage: 'alpha', approved: 0, required: 2, pending: ['owning-sig', 'prr'], declined: [], unverified: [], overridden: [], updated: '2026-02-02T00:00:00.000Z',
          stages: Object.fromEntries(kep.stages.map((s) => [s.key, { allowed: false, approved: 0, required: 2 }])),
          teams: { 'owning-sig': { state: 'pending' }, prr: { state: 'pending' } },
          numbers: {},
        },
      },
    });
    const kepInput = { ...input, projectKey: 'KEP', accountId: 'acc-sig-node' };

    it("counts the members of every SIG the Owning SIG field names on the bench, and names the SIGs fewer than two people can approve for", async () => {
      const view = await loadReviews(ports(kep, new InMemorySearch([kepTicket(1, 'sig-node')])).ports, kepInput);
      const owning = view.bench.find((b) => b.team === 'owning-sig');
      // The test's directory has one member per group: acc-<group without golive->.
      expect(owning?.approvers.map((a) => a.accountId)).toEqual(expect.arrayContaining(['acc-sig-node', 'acc-sig-apps']));
      expect(owning?.groups).toContain('golive-sig-node');
      expect(owning?.warning).toMatch(/^Fewer than two people can approve for Owning SIG where Owning SIG is sig-[a-z-]+, sig-[a-z-]+, sig-[a-z-]+ and \d+ more: add people to the groups those values name\.$/);
    });

    it('asks the search for the Owning SIG field with the tickets', async () => {
      const search = new InMemorySearch([kepTicket(1, 'sig-node')]);
      await loadReviews(ports(kep, search).ports, kepInput);
      expect(search.requests[0]?.fields).toContain(OWNING_SIG_FIELD);
    });

    it('shows an approver the ticket field names the tickets waiting on them under My reviews, and not those of another SIG', async () => {
      const search = new InMemorySearch([kepTicket(1, 'sig-node'), kepTicket(2, 'sig-apps'), kepTicket(3, 'sig-node')]);
      const view = await loadReviews(ports(kep, search).ports, kepInput);
      expect(view.myTeams).toEqual(['owning-sig']);
      expect(view.myQueue.teams.map((t) => [t.team, t.waiting.map((w) => w.key)])).toEqual([['owning-sig', ['KEP-1', 'KEP-3']]]);
      expect(view.myQueue.stages.flatMap((s) => s.tickets.map((t) => t.key))).toEqual(['KEP-1', 'KEP-3']);
      expect(view.queue.teams.find((t) => t.team === 'owning-sig')?.waiting.map((w) => w.key)).toEqual(['KEP-1', 'KEP-2', 'KEP-3']);
    });
  });

  it('does not show a ticket at promote to prod as waiting on SRE-P once SRE-P approved that stage, though SRE-P must approve go live again', async () => {
    const addon = templateConfigV2('managed-addon')!;
    const fixture = new IssueFixtureV2(addon).approve('promote-to-prod', 'sre-p', '2026-02-02T00:00:00.000Z');
    const snapshot = fixture.snapshot();
    const summary = deriveSummary(fixture.facts(), { issue: { id: '10001', key: 'SKU-1' }, properties: snapshot.properties, digests: snapshot.digests }, NOW);
    const search = new InMemorySearch([{ key: 'SKU-1', id: '10001', fields: { summary: 'Add-on 1', created: '2026-02-01T00:00:00.000Z', status: { name: 'In Review', statusCategory: { key: 'indeterminate' } } }, properties: { 'golive-gate.summary': summary } }]);

    const view = await loadReviews(ports(addon, search).ports, input);

    expect(view.queue.stages).toEqual([expect.objectContaining({ stage: 'promote-to-prod', tickets: [expect.objectContaining({ key: 'SKU-1', waitingOn: ['mt-sre', 'osd-e2e', 'dev-team'] })] })]);
    expect(view.queue.teams.map((t) => t.team)).not.toContain('sre-p');
    expect(view.myQueue.teams).toEqual([]);
  });
});
