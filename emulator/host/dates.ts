import { formatDistanceStrict } from 'date-fns';
import type { Markup } from './html';
import { html } from './html';

const FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** Jira's date-time (`2025-01-02T10:20:30.123+0000`) or ISO 8601 as milliseconds; NaN when it is neither. */
const parseTime = (value: string): number => Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/**
 * A date as people read it, with its age on the site clock, in a `<time>` whose title is the exact value.
 *
 * @example humanTime('2030-03-10T12:00:00.000+0000', Date.parse('2030-03-12T12:00:00Z')) // <time …>10 Mar 2030, 12:00 UTC · 2 days ago</time>
 */
export function humanTime(value: string | undefined, nowMs: number): Markup {
  if (value === undefined || value === '') return html`<span class="who">unknown</span>`;
  const time = parseTime(value);
  if (Number.isNaN(time)) return html`${value}`;
  const age = time <= nowMs ? `${formatDistanceStrict(time, nowMs)} ago` : `in ${formatDistanceStrict(time, nowMs)}`;
  return html`<time datetime="${new Date(time).toISOString()}" title="${new Date(time).toISOString()}">${FORMAT.format(time)} · ${Math.abs(nowMs - time) < 60_000 ? 'just now' : age}</time>`;
}

/** A `YYYY-MM-DD` date (a release date) as people read it. */
export function humanDate(value: string | undefined): string {
  if (value === undefined) return 'no date';
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? value : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(time);
}
