import type { IntegrityProblem } from './verdict';

/** Words for what happened to a record the gate does not trust; without zod, so the panel shows the same words. */
const PROBLEM_TEXT: Readonly<Record<IntegrityProblem, string>> = {
  'no-digest': 'was not written by the app',
  'digest-mismatch': 'was changed outside the app',
  deleted: 'was deleted outside the app',
  malformed: 'is not a record the app wrote',
  'wrong-issue': 'was copied from another issue',
};

/**
 * What happened to an untrusted record, as the end of a sentence.
 *
 * @example
 * `CEE's decision ${describeProblem('digest-mismatch')}` // "CEE's decision was changed outside the app"
 */
export function describeProblem(problem: IntegrityProblem): string {
  return PROBLEM_TEXT[problem];
}

/** The same words for a plural subject: the numbers or answers an approval covers. */
const COVERED_PROBLEM_TEXT: Readonly<Record<IntegrityProblem, string>> = {
  'no-digest': 'were not written by the app',
  'digest-mismatch': 'were changed outside the app',
  deleted: 'were deleted outside the app',
  malformed: 'are not a record the app wrote',
  'wrong-issue': 'were copied from another issue',
};

/**
 * What happened to untrusted numbers or answers an approval covers, as the end of a sentence: a covered record the app
 * cannot vouch for leaves nothing to approve.
 *
 * @example
 * `SRE-P's approval covers the numbers, which ${describeCoveredProblem('deleted')}` // "..., which were deleted outside the app"
 */
export function describeCoveredProblem(problem: IntegrityProblem): string {
  return COVERED_PROBLEM_TEXT[problem];
}
