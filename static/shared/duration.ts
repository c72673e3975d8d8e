/** Durations as people say them: hours under two days, days beyond; one decimal. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '–';
  const hours = ms / 3_600_000;
  return hours < 48 ? `${round(hours)} h` : `${round(hours / 24)} d`;
}

const round = (value: number): string => (Math.round(value * 10) / 10).toLocaleString('en-US');
