import { formatDistance } from 'date-fns';

/** "3 days ago" relative to the server's `now`, with the exact time on hover and for assistive tech. */
export function RelativeTime({ at, now }: { readonly at: string; readonly now: string }) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <span>at an unknown time</span>;
  const exact = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {formatDistance(date, new Date(now), { addSuffix: true })}
    </time>
  );
}
