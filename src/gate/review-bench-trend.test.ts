import { config, decided, HOUR, T0 } from '../../test/support/review-history';
import { benchSpans, benchTrend } from './review-bench-trend';

const DAY = 24 * HOUR;
const twoWeeks = { from: new Date(T0), to: new Date(T0 + 14 * DAY) };
const snapshots = [
  { day: '2026-01-03', teams: { a: ['u1'], b: ['u2', 'u4'] } },
  { day: '2026-01-10', teams: { a: ['u1', 'u6'] } },
];

describe('benchSpans', () => {
  it.each([
    [14, 2, 7],
    [10, 2, 3],
    [92, 14, 1],
    [180, 6, 30],
  ])('splits %i days into %i spans, the last of %i days', (days, count, lastDays) => {
    const spans = benchSpans({ from: new Date(T0), to: new Date(T0 + days * DAY) });
    expect(spans).toHaveLength(count);
    const last = spans.at(-1);
    expect(last && (last.to.getTime() - last.from.getTime()) / DAY).toBe(lastDays);
  });
});

describe('benchTrend', () => {
  const trend = benchTrend(config, decided, twoWeeks, snapshots);
  const points = (team: string) => trend.find((t) => t.team === team)?.points.map((p) => [p.from, p.eligible, p.decisions, p.concentration, p.deciders]);

  it('gives each span the bench of its last snapshot and the busiest person’s share of its decisions', () => {
    expect(points('a')).toEqual([
      ['2026-01-01', 1, 5, 1, 1],
      ['2026-01-08', 2, 0, undefined, 0],
    ]);
    expect(points('c')).toEqual([
      ['2026-01-01', undefined, 2, 0.5, 2],
      ['2026-01-08', undefined, 0, undefined, 0],
    ]);
  });

  it('carries a team’s bench forward from an earlier snapshot that named it', () => {
    expect(points('b')?.map(([, eligible]) => eligible)).toEqual([2, 2]);
  });
});
