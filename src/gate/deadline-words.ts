/** How far ahead the reviews page looks for release deadlines: two weeks, a release team's usual planning horizon. */
export const AT_RISK_HORIZON_DAYS = 14;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The time left before a release deadline (a stage's freeze), or how long it has passed, as the panel and the reviews
 * page both say it: days from two days on, hours below.
 *
 * @example
 * timeLeft('2026-04-01T00:00:00.000Z', '2026-03-20T00:00:00.000Z') // '12 days left'
 * timeLeft('2026-04-01T00:00:00.000Z', '2026-04-01T05:00:00.000Z') // 'frozen for 5 hours'
 */
export function timeLeft(deadline: string, now: string): string {
  const ms = Date.parse(deadline) - Date.parse(now);
  const amount = (span: number): string => (span >= 2 * DAY_MS ? `${Math.floor(span / DAY_MS)} days` : `${Math.max(1, Math.floor(span / HOUR_MS))} hours`);
  return ms > 0 ? `${amount(ms)} left` : `frozen for ${amount(-ms)}`;
}

/**
 * A stage's freeze in one line, as the panel's "Release deadlines" and the reviews page's "At risk" both show it.
 *
 * @example
 * freezeInWords({ deadline: '2026-04-01T00:00:00.000Z', release: '2.0' }, '2026-03-20T00:00:00.000Z')
 * // 'freezes on 2026-04-01 for release 2.0 (12 days left)'
 */
export function freezeInWords(freeze: { readonly deadline: string; readonly release: string }, now: string): string {
  return `freezes on ${freeze.deadline.slice(0, 10)} for release ${freeze.release} (${timeLeft(freeze.deadline, now)})`;
}
