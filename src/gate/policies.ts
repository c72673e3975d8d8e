import type { Policies } from './config';
import { MIN_JUSTIFICATION_LENGTH } from './constants';

/** The project's policies as predicates, without zod, so every rule that needs one asks the same question. */

/**
 * The override group through which someone in `groups` may force a stage open, or undefined when they are in none.
 *
 * @example
 * overrideGroupOf({ overrideGroups: ['golive-overriders'] }, ['jira-users', 'golive-overriders']) // 'golive-overriders'
 */
export function overrideGroupOf(policies: Pick<Policies, 'overrideGroups'>, groups: readonly string[]): string | undefined {
  return policies.overrideGroups.find((group) => groups.includes(group));
}

/**
 * The reporter rule: unless the policy allows it, a ticket's reporter may not approve it, and an approval they gave does not count.
 *
 * @example
 * isReporterBarred({ reporterMayApprove: false }, 'acc-pm', 'acc-pm') // true
 * isReporterBarred({ reporterMayApprove: false }, 'acc-cee', 'acc-pm') // false
 */
export function isReporterBarred(policies: Pick<Policies, 'reporterMayApprove'>, accountId: string, reporterAccountId: string | undefined): boolean {
  return !policies.reporterMayApprove && reporterAccountId !== undefined && accountId === reporterAccountId;
}

/**
 * The override rule: an override needs a written justification of at least MIN_JUSTIFICATION_LENGTH characters
 * (trimmed). Answers what to tell the overrider, or undefined when the justification will do.
 *
 * @example
 * justificationProblem('Too short') // 'Write a justification of at least 20 characters (this one has 9)'
 */
export function justificationProblem(justification: string): string | undefined {
  const length = justification.trim().length;
  return length < MIN_JUSTIFICATION_LENGTH ? `Write a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters (this one has ${length})` : undefined;
}
