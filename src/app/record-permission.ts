import type { GateConfig } from '../gate/config';

/**
 * Who may record numbers and answer the questionnaire: the reporter, and anyone who acts for a team or may override.
 * What they record counts only once the teams that cover it approve, so this only keeps strangers out.
 *
 * @example
 * mayRecord(config, { accountId: 'acc-pm', groups: [], reporterAccountId: 'acc-pm' }) // true
 * mayRecord(config, { accountId: 'acc-x', groups: ['jira-users'] }) // false
 */
export function mayRecord(
  config: GateConfig,
  caller: { readonly accountId: string; readonly groups: readonly string[]; readonly reporterAccountId?: string | undefined },
): boolean {
  if (caller.reporterAccountId !== undefined && caller.accountId === caller.reporterAccountId) return true;
  const groups = new Set([...config.teams.flatMap((t) => t.groups), ...config.policies.overrideGroups]);
  return caller.groups.some((g) => groups.has(g));
}
