import { formatDistance } from 'date-fns';

/** One formatter for every exact time shown: building one per call (what toLocaleString does) cost the panel's first render ~5 ms. */
const EXACT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "3 days ago" relative to the server's `now`, with the exact time on hover and for assistive tech. */
export function RelativeTime({ at, now }: { readonly at: string; readonly now: string }) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <span>at an unknown time</span>;
  return (
    <time dateTime={date.toISOString()} title={EXACT.format(date)}>
      {formatDistance(date, new Date(now), { addSuffix: true })}
    </time>
  );
}
