import fc from 'fast-check';
import { hasVisibleLetter, visibleLetterCount, visibleText, writtenReasonProblem } from './visible-text';

describe('visible text', () => {
  it.each([
    ['zero-width spaces and joiners', '\u200b\u200c\u200d\u2060\ufeff', '', 0, false],
    ['bidi marks around a name', '\u202eCEE\u202c', 'CEE', 3, true],
    ['full-width letters, normalised', 'ＣＥＥ', 'CEE', 3, true],
    ['Hangul fillers that render blank', '\u3164\u115f\uffa0', '', 0, false],
    ['dots only', '....', '....', 0, false],
    ['digits only', '42', '42', 2, false],
    ['a plain team name', 'SRE-P', 'SRE-P', 4, true],
  ])('reads %s as what a person sees', (_name, text, visible, letters, hasLetter) => {
    expect(visibleText(text)).toBe(visible);
    expect(visibleLetterCount(text)).toBe(letters);
    expect(hasVisibleLetter(text)).toBe(hasLetter);
  });

  it('accepts a written reason in words and refuses padding, dots and one long string', () => {
    expect(writtenReasonProblem('Launch agreed with the VP; CEE signs off next week', 20)).toBeUndefined();
    expect(writtenReasonProblem('\u200b'.repeat(40), 20)).toBe('write at least 20 visible characters (this has 0)');
    expect(writtenReasonProblem('.'.repeat(40), 20)).toBe('write the reason in words');
    expect(writtenReasonProblem('a'.repeat(40), 20)).toBe('write the reason in words');
    expect(writtenReasonProblem(`Launch\u200b agreed\u200b`, 20)).toBe('write at least 20 visible characters (this has 13)');
  });

  it('never counts an invisible character, whatever else the text holds', () => {
    const invisible = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u3164', '\u00ad');
    fc.assert(
      fc.property(fc.string(), fc.array(invisible), (text, padding) => {
        expect(visibleLetterCount(text + padding.join(''))).toBe(visibleLetterCount(text));
      }),
    );
  });
});
