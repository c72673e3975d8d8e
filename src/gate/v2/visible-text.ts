/**
 * What a person can actually read in a piece of text. Names and written reasons must consist of visible words:
 * twenty zero-width spaces are not a justification, and a team named with a Hangul filler looks like no name at all.
 */

// Format (zero-width joiners, bidi marks), control, private-use and unassigned code points, line and paragraph separators.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;
// Letters by category that render as blank space.
const BLANK_LETTERS = /[\u115f\u1160\u3164\uffa0]/gu;
const WORD_CHARACTER = /[\p{L}\p{N}]/gu;

/**
 * The text as it reads: Unicode NFKC normalisation, invisible characters removed.
 *
 * @example
 * visibleText('C\u200bE\u200dE') // 'CEE'
 * visibleText('ＣＥＥ') // 'CEE'
 */
export function visibleText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(BLANK_LETTERS, '');
}

/**
 * How many visible letters and digits the text has: what a reader sees, not what the string holds.
 *
 * @example
 * visibleLetterCount('Launch agreed with the VP') // 21
 * visibleLetterCount('\u200b'.repeat(20)) // 0
 * visibleLetterCount('....................') // 0
 */
export function visibleLetterCount(text: string): number {
  return visibleText(text).match(WORD_CHARACTER)?.length ?? 0;
}

/**
 * Whether the text has at least one visible letter (a name of digits or dots only is not a name).
 *
 * @example
 * hasVisibleLetter('SRE-P') // true
 * hasVisibleLetter('\u3164') // false
 */
export function hasVisibleLetter(text: string): boolean {
  return /\p{L}/u.test(visibleText(text));
}

/**
 * What is wrong with a written reason (an override's justification, a waiver's reason), or undefined when it is
 * fine: at least `minLength` visible characters, and words, not a row of dots or one long letter string.
 *
 * @example
 * writtenReasonProblem('No layered SRE team runs this add-on', 10) // undefined
 * writtenReasonProblem('\u200b'.repeat(30), 10) // 'write at least 10 visible characters (this has 0)'
 * writtenReasonProblem('..........', 10) // 'write the reason in words'
 */
export function writtenReasonProblem(text: string, minLength: number): string | undefined {
  const visible = visibleText(text).trim();
  if (visible.length < minLength) return `write at least ${minLength} visible characters (this has ${visible.length})`;
  if ((visible.match(/\p{L}{2,}/gu)?.length ?? 0) < 2) return 'write the reason in words';
  return undefined;
}
