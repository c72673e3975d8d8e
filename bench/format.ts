// Plain-text table and number formatting for the bench's report (pasted as is into the README).

/** Cells of one row; a number column is right-aligned. */
export type Row = readonly string[];

/**
 * A fixed-width table: a header, a rule, the rows. Columns listed in `right` are right-aligned.
 * @example renderTable(['action', 'median'], [['open the panel', '12.0 ms']], [1])
 */
export function renderTable(header: Row, rows: readonly Row[], right: readonly number[] = []): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: Row): string =>
    row
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 12.3 ms, 1.24 s */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

/** 1,000 */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** 3.85× */
export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** 80.1 KB (KB = 1,024 bytes, as scripts/build-static.mts prints them) */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export const NOT_AVAILABLE = 'n/a';
