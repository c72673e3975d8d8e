import fc from 'fast-check';
import { adfToText, parseAdf } from './adf';
import { textToAdf } from './plain-text-adf';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const textOf = (value: unknown): string => {
  const document = parseAdf(value);
  if (typeof document === 'string') throw new Error(`not ADF: ${document}`);
  return adfToText(document);
};

test('renders paragraphs, lists, mentions, code and breaks as a reader sees them', () => {
  const document = doc(
    paragraph('/approve sre-p go-live'),
    { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('one')] }, { type: 'listItem', content: [paragraph('two')] }] },
    { type: 'paragraph', content: [{ type: 'mention', attrs: { id: 'acc-cee', text: '@Cora CEE' } }, { type: 'text', text: ' please' }, { type: 'hardBreak' }, { type: 'text', text: 'thanks' }] },
    { type: 'codeBlock', content: [{ type: 'text', text: '/lgtm' }] },
    { type: 'blockquote', content: [paragraph('quoted'), paragraph('twice')] },
  );
  expect(textOf(document)).toBe('/approve sre-p go-live\n- one\n- two\n@Cora CEE please\nthanks\n/lgtm\nquoted\ntwice');
});

test('refuses what is not an ADF document, saying what one looks like', () => {
  for (const value of ['LGTM', null, {}, { type: 'doc', version: 2, content: [] }, { type: 'doc', version: 1, content: [{ text: 'no type' }] }]) {
    expect(parseAdf(value)).toMatch(/must be an Atlassian Document Format document/);
  }
  let deep: unknown = paragraph('bottom');
  for (let level = 0; level < 40; level++) deep = { type: 'blockquote', content: [deep] };
  expect(parseAdf(doc(deep))).toMatch(/nests deeper than/);
});

test('plain text survives the trip through ADF, line by line', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '/', '+', '1') }), { minLength: 1, maxLength: 6 }), (lines) => {
      const text = lines.join('\n');
      const document = textToAdf(text);
      expect(typeof parseAdf(document)).toBe('object');
      expect(adfToText(document)).toBe(text.replace(/\n{3,}/g, '\n\n').trim());
    }),
  );
});
