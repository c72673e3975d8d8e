/**
 * The three decisions a team can make and the words for what they leave on record, without zod so the Custom UI
 * can import them: the backend records `approved`, the panel says "You approved for CEE".
 */

export const DECISION_VERBS = ['approve', 'decline', 'revoke'] as const;
export type DecisionVerb = (typeof DECISION_VERBS)[number];

/** A decision as recorded (`TeamDecision.decision`), in the past tense. */
export type DecidedAs = 'approved' | 'declined' | 'revoked';

const PAST_TENSE: Readonly<Record<DecisionVerb, DecidedAs>> = { approve: 'approved', decline: 'declined', revoke: 'revoked' };

/**
 * What a decision leaves on record.
 *
 * @example
 * decidedAs('decline') // 'declined'
 */
export function decidedAs(verb: DecisionVerb): DecidedAs {
  return PAST_TENSE[verb];
}

/**
 * The decline rule: a decline says why, so the requester knows what to fix; approving and revoking need no comment.
 * Answers what to tell the decider, or undefined when the comment will do.
 *
 * @example
 * missingReason('decline', '  ', 'CEE') // 'Give a reason for declining for CEE: the requester needs to know what to fix.'
 * missingReason('approve', undefined, 'CEE') // undefined
 */
export function missingReason(decision: DecisionVerb, comment: string | undefined, teamName: string): string | undefined {
  if (decision !== 'decline' || (comment ?? '').trim() !== '') return undefined;
  return `Give a reason for declining for ${teamName}: the requester needs to know what to fix.`;
}
