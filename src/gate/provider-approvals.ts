import type { ProviderApproval, ProviderUser } from './provider-refs';

/** A review as GitHub lists it (oldest first): who, what state, on which commit, when. */
export interface Review {
  readonly user: ProviderUser;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING, in any case. */
  readonly state: string;
  readonly commitSha?: string | undefined;
  readonly submittedAt?: string | undefined;
}

/** Reviews that decide a reviewer's standing; a comment or an unsubmitted review does not. */
const DECIDING = new Set(['approved', 'changes_requested', 'dismissed']);

/**
 * The approvals that stand on a pull request, as GitHub counts them: each reviewer's latest deciding review counts, so
 * a later request for changes or a dismissal withdraws an earlier approval and a plain comment changes nothing.
 * Each approval keeps the commit it was given for, so that one given for an earlier head can be told stale.
 *
 * @example
 * standingApprovals([{ user: dana, state: 'APPROVED', commitSha: 'a1' }, { user: dana, state: 'COMMENTED', commitSha: 'b2' }])
 * // [{ user: dana, commitSha: 'a1' }]
 */
export function standingApprovals(reviews: readonly Review[]): ProviderApproval[] {
  const latest = new Map<number, Review>();
  for (const review of reviews) {
    if (DECIDING.has(review.state.toLowerCase())) latest.set(review.user.id, review);
  }
  return [...latest.values()]
    .filter((review) => review.state.toLowerCase() === 'approved')
    .map((review) => ({ user: review.user, ...(review.commitSha !== undefined && { commitSha: review.commitSha }), ...(review.submittedAt !== undefined && { at: review.submittedAt }) }));
}
