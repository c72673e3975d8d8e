/**
 * What a reader sees of a text, for the rules on text that must mean something: override justifications
 * (justificationProblem in policies.ts) and the names people read (teams, stages, groups). Zod-free and
 * dependency-free, so the Custom UI checks with the same rule as the backend.
 *
 * What counts is what a reader sees: text is normalised (NFKC, so full-width and compatibility letters count as the
 * letters they look like) and every character that renders as nothing is dropped first: control and format characters
 * (zero-width spaces and joiners, bidirectional marks, the byte-order mark), default-ignorable code points (Hangul
 * fillers, variation selectors, soft hyphens), private-use, unassigned and lone surrogate code points.
 */

/** Characters that render as nothing, or as nothing a reader can rely on. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
const LETTER = /\p{L}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: each character of these stands for a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** A word: letters (with their combining marks) and digits, holding at least one letter. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The text as a reader sees it: NFKC-normalised, without invisible characters, runs of white space as one space, trimmed.
 *
 * @example
 * visibleText('\u200b\u200bShip\u00a0 it\u2060') // 'Ship it'
 * visibleText('ｆｕｌｌ－ｗｉｄｔｈ') // 'full-width'
 */
export function visibleText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/**
 * Whether a name shows at least one letter or digit once invisible characters are dropped.
 *
 * @example
 * hasVisibleLetterOrDigit('SRE-P') // true
 * hasVisibleLetterOrDigit('\u200b\u200b') // false
 * hasVisibleLetterOrDigit('---') // false
 */
export function hasVisibleLetterOrDigit(name: string): boolean {
  return LETTER_OR_DIGIT.test(visibleText(name));
}

export interface TextMeasure {
  /** Visible letters (digits and punctuation are not letters). */
  readonly letters: number;
  /** Words holding at least one letter; in Chinese and Japanese script each character counts as a word. */
  readonly words: number;
}

/**
 * Counts the visible letters and words of a text.
 *
 * @example
 * measureText('Launch agreed with the VP') // { letters: 21, words: 5 }
 * measureText('\u200b'.repeat(20)) // { letters: 0, words: 0 }
 */
export function measureText(text: string): TextMeasure {
  const visible = visibleText(text);
  const letters = visible.match(LETTER)?.length ?? 0;
  let words = 0;
  for (const word of visible.match(WORD) ?? []) {
    const characterWords = word.match(UNSPACED)?.length ?? 0;
    words += characterWords + (/\p{L}/u.test(word.replace(UNSPACED, '')) ? 1 : 0);
  }
  return { letters, words };
}
