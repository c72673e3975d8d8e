import { csvCell, toCsv } from './csv';

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://x", "y")', '"\'=HYPERLINK(""http://x"", ""y"")"'],
    [-3, '-3'],
    [2.5, '2.5'],
    [undefined, ''],
  ])('writes %p as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('joins rows with CRLF', () => {
    expect(toCsv([['team', 'decisions'], ['SRE-P', 3]])).toBe('team,decisions\r\nSRE-P,3\r\n');
  });

});
