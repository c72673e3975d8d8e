import fc from 'fast-check';
import { MIN_JUSTIFICATION_LETTERS } from './constants';
import { justificationProblem } from './policies';
import { hasVisibleLetterOrDigit, measureText, visibleText } from './visible-text';

/** Characters that render as nothing: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, LRM/RLM, bidi isolates, Hangul fillers, a variation selector, a tag. */
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u2066', '\u2069', '\u115f', '\u1160', '\u3164', '\uffa0', '\ufe0f', '\u{e0041}', '\u0000', '\u001b'];
const invisible = fc.array(fc.constantFrom(...INVISIBLES), { maxLength: 40 }).map((chars) => chars.join(''));
/** Punctuation, symbols and white space: visible perhaps, but no letters. */
const noLetters = fc.array(fc.constantFrom('.', '-', '_', '!', '?', '…', '*', '#', ' ', '\u00a0', '\t', '\u3000', '😀', '→', '…'), { maxLength: 60 }).map((chars) => chars.join(''));
const WORDS = ['customer', 'launch', 'agreed', 'with', 'the', 'vice', 'president', 'docs', 'follow', 'next', 'week'];

describe('visibleText', () => {
  it('drops characters that render as nothing and folds white space', () => {
    expect(visibleText('\u200b\u200bShip\u00a0 it\u2060')).toBe('Ship it');
    expect(visibleText('ｆｕｌｌ－ｗｉｄｔｈ')).toBe('full-width');
    expect(visibleText('\u3164\u115f\ufeff')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => visibleText(visibleText(text)) === visibleText(text)));
  });
});

describe('hasVisibleLetterOrDigit', () => {
  it('accepts names people can read, in any script', () => {
    for (const name of ['SRE-P', 'OSD e2e', '7', 'Équipe qualité', 'チーム', 'Команда', 'golive-sre-p']) expect(hasVisibleLetterOrDigit(name)).toBe(true);
  });

  it('refuses any mix of invisible characters, punctuation and white space', () => {
    fc.assert(fc.property(invisible, noLetters, invisible, (a, b, c) => !hasVisibleLetterOrDigit(a + b + c)));
  });
});

describe('justificationProblem', () => {
  it('accepts a justification of 20 letters in 3 words, and says what is missing otherwise', () => {
    expect(justificationProblem('Customer launch agreed by the VP')).toBeUndefined();
    expect(justificationProblem('Launch agreed, VP ok')).toBe('Write a justification of at least 20 letters in at least 3 words (this one has 16 letters in 4 words)');
    expect(justificationProblem('Supercalifragilisticexpialidocious')).toBe('Write a justification of at least 20 letters in at least 3 words (this one has 34 letters in 1 word)');
    expect(justificationProblem('.'.repeat(20))).toBe('Write a justification of at least 20 letters in at least 3 words (this one has 0 letters in 0 words)');
  });

  it('refuses 20 zero-width spaces, 20 dots, and any text without letters', () => {
    expect(justificationProblem('\u200b'.repeat(20))).toBeDefined();
    fc.assert(fc.property(invisible, noLetters, (a, b) => justificationProblem(a + b) !== undefined));
  });

  it('does not count invisible characters slipped between the letters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), invisible, (words, padding) => {
        const plain = words.join(' ');
        const padded = [...plain].join(padding);
        return justificationProblem(padded) === justificationProblem(plain) && measureText(padded).letters === measureText(plain).letters;
      }),
    );
  });

  it('accepts any three or more real words of 20 letters, in Latin, Cyrillic or Japanese', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 12 }), (words) => {
        const text = words.join(' ');
        const letters = text.replace(/ /g, '').length;
        return (justificationProblem(text) === undefined) === letters >= MIN_JUSTIFICATION_LETTERS;
      }),
    );
    expect(justificationProblem('Запуск согласован с вице-президентом')).toBeUndefined();
    expect(justificationProblem('顧客向けの公開日程は副社長と合意済みです')).toBeUndefined();
  });
});
