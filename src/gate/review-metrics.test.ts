import { parseGateConfig } from './config';
import type { GateConfig } from './config';
import {
  csvCell, parseTickets, quantile, reviewBench, reviewOverrides, reviewQueue, reviewThroughput, throughputCsv, toCsv,
} from './review-metrics';
import type { ReviewTicket } from './review-metrics';
import type { TeamState } from './verdict';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const h = (n: number): string => new Date(T0 + n * HOUR).toISOString();

function configOf(input: unknown): GateConfig {
  const parsed = parseGateConfig(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const config = configOf({
  teams: [
    { key: 'a', name: 'Team A', area: 'engineering', groups: ['g-a'] },
    { key: 'b', name: 'Team B', area: 'engineering', groups: ['g-b'] },
    { key: 'c', name: 'Team C', area: 'review', groups: ['g-c'] },
  ],
  stages: [
    { key: 's1', name: 'Stage one', requiredTeams: ['a', 'b'] },
    { key: 's2', name: 'Stage two', requiredTeams: ['a', 'b', 'c'] },
  ],
});

type TeamEntry = { state: TeamState; at?: string; by?: string };

function summaryOf(teams: Record<string, TeamEntry>, overridden: string[] = []): unknown {
  const approved = (keys: string[]): number => keys.filter((k) => teams[k]?.state === 'approved').length;
  const allowed = (keys: string[], stage: string): boolean => approved(keys) === keys.length || overridden.includes(stage);
  return {
    schemaVersion: 1,
    status: overridden.length > 0 ? 'overridden' : allowed(['a', 'b', 'c'], 's2') ? 'ready' : 'blocked',
    stage: 's2',
    approved: approved(['a', 'b', 'c']),
    required: 3,
    pending: [],
    declined: [],
    unverified: [],
    overridden,
    updated: h(99),
    stages: {
      s1: { allowed: allowed(['a', 'b'], 's1'), approved: approved(['a', 'b']), required: 2 },
      s2: { allowed: allowed(['a', 'b', 'c'], 's2'), approved: approved(['a', 'b', 'c']), required: 3 },
    },
    teams,
    numbers: {},
  };
}

const ticket = (key: string, created: string, summary: unknown, extra: Partial<ReviewTicket> = {}): ReviewTicket => ({
  key, title: `Ticket ${key}`, created, status: 'In Review', done: false, summary, ...extra,
});

/** A history whose figures are worked out by hand in the expectations below. */
const history: ReviewTicket[] = [
  ticket('SKU-1', h(0), summaryOf({ a: { state: 'approved', at: h(10), by: 'u1' }, b: { state: 'approved', at: h(20), by: 'u2' }, c: { state: 'approved', at: h(30), by: 'u3' } })),
  ticket('SKU-2', h(24), summaryOf({ a: { state: 'approved', at: h(28), by: 'u1' }, b: { state: 'pending' }, c: { state: 'pending' } })),
  ticket('SKU-3', h(0), summaryOf({ a: { state: 'declined', at: h(5), by: 'u1' }, b: { state: 'approved', at: h(50), by: 'u2' }, c: { state: 'pending' } })),
  ticket('SKU-4', h(0), { schemaVersion: 1, status: 'ready', teams: 'hand-edited' }),
  ticket('SKU-5', h(0), summaryOf({ a: { state: 'approved', at: h(2), by: 'u1' }, b: { state: 'approved', at: h(4), by: 'u2' }, c: { state: 'stale', at: h(40), by: 'u5' } })),
  ticket('SKU-6', h(0), summaryOf({ a: { state: 'approved', at: h(1), by: 'u1' }, b: { state: 'approved', at: h(3), by: 'u2' }, c: { state: 'pending' } }, ['s2']), {
    done: true,
    status: 'Live',
    overrides: { s2: { kind: 'override', issueId: '10006', stage: 's2', by: 'acc-admin', via: 'golive-overriders', at: h(60), justification: 'Customer launch date agreed with CEE' } },
  }),
];

const period = { from: new Date(T0), to: new Date(T0 + 100 * HOUR) };
const parsed = parseTickets(config, history);

describe('parseTickets', () => {
  it('skips and counts a hand-edited summary without failing the others', () => {
    expect(parsed.skipped).toEqual(['SKU-4']);
    expect(parsed.tickets.map((t) => t.key)).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-5', 'SKU-6']);
  });

  it.each([
    ['a missing summary', undefined],
    ['a summary of another schema version', { ...(summaryOf({}) as object), schemaVersion: 2 }],
    ['a decision time that is not a time', summaryOf({ a: { state: 'approved', at: 'yesterday', by: 'u1' } })],
    ['an unknown team state', summaryOf({ a: { state: 'maybe' } as unknown as TeamEntry })],
  ])('skips %s', (_what, summary) => {
    expect(parseTickets(config, [ticket('SKU-9', h(0), summary)]).skipped).toEqual(['SKU-9']);
  });

  it('enters the next stage when the last required team of the previous one approved', () => {
    const one = parsed.tickets[0];
    expect(one?.enteredAt).toEqual({ s1: new Date(h(0)), s2: new Date(h(20)) });
    expect(one?.passedAt).toEqual({ s1: new Date(h(20)), s2: new Date(h(30)) });
  });

  it('passes an overridden stage at the time of the override', () => {
    expect(parsed.tickets[4]?.passedAt.s2).toEqual(new Date(h(60)));
  });

  it('passes an overridden stage no later than the summary was written when the override record is missing', () => {
    const [forced] = parseTickets(config, [ticket('SKU-8', h(0), summaryOf({ a: { state: 'approved', at: h(1), by: 'u1' }, b: { state: 'approved', at: h(2), by: 'u2' } }, ['s2']))]).tickets;
    expect(forced?.passedAt).toEqual({ s1: new Date(h(2)), s2: new Date(h(99)) });
  });

  it('does not pass a stage whose required teams approved while something else still blocks it', () => {
    const summary = summaryOf({ a: { state: 'approved', at: h(1), by: 'u1' }, b: { state: 'approved', at: h(2), by: 'u2' } }) as { stages: Record<string, object> };
    summary.stages['s1'] = { ...summary.stages['s1'], allowed: false };
    const [blocked] = parseTickets(config, [ticket('SKU-9', h(0), summary)]).tickets;
    expect(blocked?.passedAt).toEqual({});
    expect(blocked?.enteredAt).toEqual({ s1: new Date(h(0)) });
  });
});

describe('reviewQueue', () => {
  const now = new Date(T0 + 100 * HOUR);

  it('lists open tickets by the stage they wait at, oldest first', () => {
    const queue = reviewQueue(config, parsed.tickets, now);
    expect(queue.stages.map((s) => [s.stage, s.tickets.map((t) => [t.key, t.waitingOn, t.declinedBy])])).toEqual([
      ['s1', [['SKU-3', [], ['a']], ['SKU-2', ['b'], []]]],
      ['s2', [['SKU-5', ['c'], []]]],
    ]);
  });

  it('lists per team what waits on it and for how long, the longest wait first', () => {
    const queue = reviewQueue(config, parsed.tickets, now);
    expect(queue.teams).toEqual([
      { team: 'c', name: 'Team C', waiting: [{ key: 'SKU-5', title: 'Ticket SKU-5', stage: 's2', state: 'stale', since: h(4), waitingMs: 96 * HOUR }] },
      { team: 'b', name: 'Team B', waiting: [{ key: 'SKU-2', title: 'Ticket SKU-2', stage: 's1', state: 'pending', since: h(24), waitingMs: 76 * HOUR }] },
    ]);
  });

  it.each([
    [['b'], ['SKU-2'], ['b']],
    [['a'], ['SKU-3'], []],
    [['c', 'b'], ['SKU-2', 'SKU-5'], ['c', 'b']],
    [[], [], []],
  ])('shows only what waits on my teams %j', (mine, tickets, teams) => {
    const queue = reviewQueue(config, parsed.tickets, now, mine);
    expect(queue.stages.flatMap((s) => s.tickets.map((t) => t.key))).toEqual(tickets);
    expect(queue.teams.map((t) => t.team)).toEqual(teams);
  });

  it('leaves done tickets out', () => {
    expect(reviewQueue(config, parsed.tickets, now).stages.flatMap((s) => s.tickets.map((t) => t.key))).not.toContain('SKU-6');
  });
});

describe('quantile', () => {
  it.each([
    [[], 0.5, undefined],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10, 4, 5, 2, 1], 0.5, 4],
    [[10, 4, 5, 2, 1], 0.9, 8],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
  ])('of %j at %d is %p', (values, q, expected) => {
    const value = quantile(values, q);
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toBeCloseTo(expected, 9);
  });
});

describe('reviewThroughput', () => {
  const throughput = reviewThroughput(config, parsed.tickets, period);

  it.each([
    ['a', { decisions: 5, approvals: 4, declines: 1, stale: 0, expired: 0, median: 4, p90: 8 }],
    ['b', { decisions: 4, approvals: 4, declines: 0, stale: 0, expired: 0, median: 12, p90: 41 }],
    ['c', { decisions: 2, approvals: 2, declines: 0, stale: 1, expired: 0, median: 23, p90: 33.4 }],
  ])('counts team %s decisions and its time to decision from the first stage that needs it', (team, want) => {
    const t = throughput.teams.find((x) => x.team === team);
    expect(t && { decisions: t.decisions, approvals: t.approvals, declines: t.declines, stale: t.stale, expired: t.expired }).toEqual({
      decisions: want.decisions, approvals: want.approvals, declines: want.declines, stale: want.stale, expired: want.expired,
    });
    expect((t?.medianMs ?? NaN) / HOUR).toBeCloseTo(want.median, 9);
    expect((t?.p90Ms ?? NaN) / HOUR).toBeCloseTo(want.p90, 9);
  });

  it.each([
    ['s1', { passed: 3, overridden: 0, median: 4, p90: 16.8 }],
    ['s2', { passed: 2, overridden: 1, median: 33.5, p90: 52.3 }],
  ])('counts tickets that passed stage %s and their lead time', (stage, want) => {
    const s = throughput.stages.find((x) => x.stage === stage);
    expect(s && { passed: s.passed, overridden: s.overridden }).toEqual({ passed: want.passed, overridden: want.overridden });
    expect((s?.medianLeadMs ?? NaN) / HOUR).toBeCloseTo(want.median, 9);
    expect((s?.p90LeadMs ?? NaN) / HOUR).toBeCloseTo(want.p90, 9);
  });

  it('counts only what happened inside the half-open period', () => {
    const later = reviewThroughput(config, parsed.tickets, { from: new Date(h(28)), to: new Date(h(60)) });
    expect(later.teams.map((t) => [t.team, t.decisions])).toEqual([['a', 1], ['b', 1], ['c', 2]]);
    expect(later.stages.map((s) => [s.stage, s.passed])).toEqual([['s1', 0], ['s2', 1]]);
  });

  it('has no median when a team made no decision', () => {
    const empty = reviewThroughput(config, [], period);
    expect(empty.teams[0]).toEqual({ team: 'a', name: 'Team A', decisions: 0, approvals: 0, declines: 0, stale: 0, expired: 0, medianMs: undefined, p90Ms: undefined });
  });
});

describe('reviewBench', () => {
  const members = { 'g-a': ['u1'], 'g-b': ['u2', 'u4'], 'g-c': ['u3', 'u5'] };

  it.each([
    ['a', [['u1', 5]], 'Only 1 person can approve for Team A: add someone to g-a.'],
    ['b', [['u2', 4], ['u4', 0]], "One person made 4 of Team B's 4 decisions: spread the reviews."],
    ['c', [['u3', 1], ['u5', 1]], undefined],
  ])('lists who can approve for team %s and warns when the bench is thin', (team, approvers, warning) => {
    const bench = reviewBench(config, parsed.tickets, period, members).find((b) => b.team === team);
    expect(bench?.approvers.map((a) => [a.accountId, a.decisions])).toEqual(approvers);
    expect(bench?.warning).toEqual(warning);
  });

  it('warns that nobody can approve for a team whose groups are empty', () => {
    expect(reviewBench(config, [], period, {})[0]?.warning).toBe('Nobody can approve for Team A: add someone to g-a.');
  });

  it('counts decisions by people who have left the groups apart', () => {
    const bench = reviewBench(config, parsed.tickets, period, { 'g-a': ['u7', 'u8'] })[0];
    expect(bench).toMatchObject({ decisions: 5, formerApproverDecisions: 5, warning: undefined });
  });
});

describe('reviewOverrides', () => {
  it('lists who forced which stage, when and why', () => {
    expect(reviewOverrides(parsed.tickets)).toEqual([
      { key: 'SKU-6', title: 'Ticket SKU-6', stage: 's2', stageName: 'Stage two', by: 'acc-admin', at: h(60), justification: 'Customer launch date agreed with CEE' },
    ]);
  });

  it('still names the stage when the override record is missing or not an override', () => {
    const forged = parseTickets(config, [ticket('SKU-7', h(0), summaryOf({}, ['s1']), { overrides: { s1: { kind: 'override', stage: 's1' } } })]);
    expect(reviewOverrides(forged.tickets)).toEqual([{ key: 'SKU-7', title: 'Ticket SKU-7', stage: 's1', stageName: 'Stage one' }]);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://x", "y")', '"\'=HYPERLINK(""http://x"", ""y"")"'],
    [-3, '-3'],
    [2.5, '2.5'],
    [undefined, ''],
  ])('writes %p as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('joins rows with CRLF', () => {
    expect(toCsv([['team', 'decisions'], ['SRE-P', 3]])).toBe('team,decisions\r\nSRE-P,3\r\n');
  });

  it('exports the throughput in hours', () => {
    const lines = throughputCsv(reviewThroughput(config, parsed.tickets, period)).split('\r\n');
    expect(lines[0]).toBe('kind,key,name,decisions,approvals,declines,stale,expired,median hours,p90 hours,passed,overridden,from,to');
    expect(lines[1]).toBe('team,a,Team A,5,4,1,0,0,4,8,,,2026-01-01T00:00:00.000Z,2026-01-05T04:00:00.000Z');
    expect(lines[5]).toBe('stage,s2,Stage two,,,,,,33.5,52.3,2,1,2026-01-01T00:00:00.000Z,2026-01-05T04:00:00.000Z');
  });
});
