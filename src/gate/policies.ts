import type { Policies } from './config';
import { MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from './constants';
import type { OverrideRecord } from './records';
import { measureText } from './visible-text';

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
 * The override rule: an override needs a justification of at least MIN_JUSTIFICATION_LETTERS visible letters in at least
 * MIN_JUSTIFICATION_WORDS words (src/gate/visible-text.ts says what a reader sees). Answers what to tell the overrider,
 * or undefined when the justification will do.
 *
 * @example
 * justificationProblem('Customer launch agreed by the VP') // undefined
 * justificationProblem('....................') // 'Write a justification of at least 20 letters in at least 3 words (this one has 0 letters in 0 words)'
 */
export function justificationProblem(justification: string): string | undefined {
  const { letters, words } = measureText(justification);
  if (letters >= MIN_JUSTIFICATION_LETTERS && words >= MIN_JUSTIFICATION_WORDS) return undefined;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `Write a justification of at least ${MIN_JUSTIFICATION_LETTERS} letters in at least ${MIN_JUSTIFICATION_WORDS} words (this one has ${plural(letters, 'letter', 'letters')} in ${plural(words, 'word', 'words')})`;
}

/** A policy that is on or off. */
export type PolicySwitch = { [K in keyof Policies]: Policies[K] extends boolean ? K : never }[keyof Policies];

/** The policies that are on or off, each with what it means, in the order the settings page shows them. */
export const POLICY_SWITCHES: readonly (readonly [PolicySwitch, string])[] = [
  ['reporterMayApprove', 'The reporter may approve their own ticket'],
  ['onePersonOneTeam', 'One person approves for at most one team per ticket'],
  ['recheckApproversAtTransition', "At the transition, check that every approver is still in their team's groups"],
  ['reAddedTeamsKeepApprovals', 'A team removed and added back keeps the approvals it had'],
  ['allowEmptyStages', 'Allow a stage that requires nothing (it lets every ticket through)'],
];

/**
 * Why a trusted override does not count, or undefined when it does: it must come through an override group, carry a
 * written-out justification, and, when the caller re-read its author's groups (`currentGroups`, at the transition),
 * its author must still be in an override group.
 *
 * @example
 * overrideProblem({ overrideGroups: ['golive-overriders'] }, { ...override, via: 'jira-users' }, undefined) // 'jira-users is not an override group'
 */
export function overrideProblem(policies: Pick<Policies, 'overrideGroups'>, override: Pick<OverrideRecord, 'by' | 'via' | 'justification'>, currentGroups: readonly string[] | undefined): string | undefined {
  const overrideGroups = policies.overrideGroups;
  if (!overrideGroups.includes(override.via)) return `${override.via} is not an override group`;
  if (justificationProblem(override.justification) !== undefined) {
    const { letters, words } = measureText(override.justification);
    return `its justification has ${letters} letters in ${words} words, not ${MIN_JUSTIFICATION_LETTERS} letters in ${MIN_JUSTIFICATION_WORDS} words`;
  }
  if (currentGroups !== undefined && !overrideGroups.some((g) => currentGroups.includes(g))) return `${override.by} is not in ${overrideGroups.join(' or ')} any more`;
  return undefined;
}
