import type { GateConfig } from './config';
import type { Period } from './review-period';
import { inPeriod } from './review-period';
import type { ReviewDecision } from './review-decisions';

/** Who could approve for each team on one day (members of its groups), as the reviews page saw it that day. */
export interface BenchSnapshot {
  readonly projectId: string;
  /** `yyyy-mm-dd`, UTC. */
  readonly day: string;
  readonly teams: Readonly<Record<string, readonly string[]>>;
}

/** One span of the period for one team. */
export interface BenchPoint {
  /** First day of the span (`yyyy-mm-dd`) and its exclusive end (ISO time). */
  readonly from: string;
  readonly to: string;
  /** People who could approve at the span's end (the latest snapshot up to then); undefined before the first snapshot. */
  readonly eligible?: number | undefined;
  /** Approvals and declines made in the span, and the share (0..1) made by its busiest person. */
  readonly decisions: number;
  readonly concentration?: number | undefined;
  /** Distinct people who decided in the span. */
  readonly deciders: number;
}

export interface TeamBenchTrend {
  readonly team: string;
  readonly name: string;
  readonly points: readonly BenchPoint[];
}

const DAY = 86_400_000;

/** `2026-03-01T10:00:00.000Z` → `2026-03-01`. */
export const dayOfTime = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Splits a period into the spans of the bench chart: weeks for up to 92 days, else 30-day spans, the last one cut at
 * the period's end.
 *
 * @example
 * benchSpans({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-15T00:00:00Z') }).length; // 2
 */
export function benchSpans(period: Period): Period[] {
  const length = period.to.getTime() - period.from.getTime();
  const step = (length <= 92 * DAY ? 7 : 30) * DAY;
  const spans: Period[] = [];
  for (let start = period.from.getTime(); start < period.to.getTime(); start += step) {
    spans.push({ from: new Date(start), to: new Date(Math.min(start + step, period.to.getTime())) });
  }
  return spans;
}

/**
 * Bench depth over time: per team and span of the period, how many people could approve (the latest daily snapshot up
 * to the span's end; pass today's too), how many decisions were made and the share of the busiest person (concentration).
 *
 * @example
 * benchTrend(config, decided, period, [{ day: '2026-02-03', teams: { cee: ['acc-cee', 'acc-cee-2'] } }])[0].points[0];
 * // { from: '2026-02-01', to: '2026-02-08T00:00:00.000Z', eligible: 2, decisions: 4, concentration: 0.75, deciders: 2 }
 */
export function benchTrend(
  config: GateConfig,
  decided: readonly ReviewDecision[],
  period: Period,
  snapshots: readonly Pick<BenchSnapshot, 'day' | 'teams'>[],
): TeamBenchTrend[] {
  const byDay = [...snapshots].sort((a, b) => a.day.localeCompare(b.day));
  const spans = benchSpans(period);
  return config.teams.map((team) => ({
    team: team.key,
    name: team.name,
    points: spans.map((span): BenchPoint => {
      const lastDay = dayOfTime(new Date(span.to.getTime() - 1));
      const snapshot = byDay.filter((s) => s.day <= lastDay && s.teams[team.key] !== undefined).at(-1);
      const counts = new Map<string, number>();
      for (const d of decided) {
        if (d.team !== team.key || d.decision === 'revoked' || !inPeriod(d.at, span)) continue;
        counts.set(d.by, (counts.get(d.by) ?? 0) + 1);
      }
      const decisions = [...counts.values()].reduce((n, c) => n + c, 0);
      const busiest = Math.max(0, ...counts.values());
      return {
        from: dayOfTime(span.from), to: span.to.toISOString(), eligible: snapshot?.teams[team.key]?.length,
        decisions, concentration: decisions === 0 ? undefined : busiest / decisions, deciders: counts.size,
      };
    }),
  }));
}
