// Durations are shared with the dashboard gadget (static/shared/duration.ts).
export { formatDuration } from '../../shared/duration';

/** `2026-03-01T00:00:00.000Z` → `2026-03-01` (the period picker works in UTC days). */
export const dayOf = (iso: string): string => iso.slice(0, 10);

/** The day after a `yyyy-mm-dd` day, at midnight UTC: the picker's last day is included, the period's end is not. */
export function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

/** The day before an ISO time's day: shows an exclusive period end as the last day it includes. */
export function lastDayOf(exclusiveEnd: string): string {
  const date = new Date(exclusiveEnd);
  date.setUTCMilliseconds(date.getUTCMilliseconds() - 1);
  return dayOf(date.toISOString());
}
