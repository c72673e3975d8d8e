import { config, decided, h, HOUR, parsed, period } from '../../test/support/review-history';
import { reviewDecisions } from './review-decisions';
import { quantile, reviewThroughput, throughputCsv } from './review-throughput';

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
  const throughput = reviewThroughput(config, parsed.tickets, period, decided);

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
    const laterPeriod = { from: new Date(h(28)), to: new Date(h(60)) };
    const later = reviewThroughput(config, parsed.tickets, laterPeriod, reviewDecisions(parsed.tickets, [], laterPeriod));
    expect(later.teams.map((t) => [t.team, t.decisions])).toEqual([['a', 1], ['b', 1], ['c', 2]]);
    expect(later.stages.map((s) => [s.stage, s.passed])).toEqual([['s1', 0], ['s2', 1]]);
  });

  it('has no median when a team made no decision', () => {
    const empty = reviewThroughput(config, [], period, []);
    expect(empty.teams[0]).toEqual({
      team: 'a', name: 'Team A', decisions: 0, approvals: 0, declines: 0, revokes: 0, stale: 0, expired: 0, medianMs: undefined, p90Ms: undefined, fromSummary: 0, estimatedWaits: 0, lapsesFromSummary: 0,
    });
  });
});

describe('throughputCsv', () => {
  it('exports the throughput in hours', () => {
    const lines = throughputCsv(reviewThroughput(config, parsed.tickets, period, decided)).split('\r\n');
    expect(lines[0]).toBe('kind,key,name,decisions,approvals,declines,stale,expired,median hours,p90 hours,passed,overridden,from,to');
    expect(lines[1]).toBe('team,a,Team A,5,4,1,0,0,4,8,,,2026-01-01T00:00:00.000Z,2026-01-05T04:00:00.000Z');
    expect(lines[5]).toBe('stage,s2,Stage two,,,,,,33.5,52.3,2,1,2026-01-01T00:00:00.000Z,2026-01-05T04:00:00.000Z');
  });
});
