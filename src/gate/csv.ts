/**
 * One CSV cell: quoted as RFC 4180 asks when needed, and defused when a spreadsheet would run it as a formula.
 *
 * @example
 * csvCell('a "b", c'); // '"a ""b"", c"'
 * csvCell('=HYPERLINK("x")'); // '"\'=HYPERLINK(""x"")"'
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV: comma separated, CRLF line ends.
 *
 * @example
 * toCsv([['team', 'decisions'], ['SRE-P', 3]]); // 'team,decisions\r\nSRE-P,3\r\n'
 */
export function toCsv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
