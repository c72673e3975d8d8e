import type { BenchDepth } from '../contract';
import { reviewBench } from '../gate/review-bench';
import { NotConfiguredError } from '../errors';
import type { Caller, ProjectRef, SettingsPorts } from '../ports';
import { requireAdmin } from './require-admin';
import { storedRules } from './stored-rules';

/**
 * `getBenchDepth`: who can approve for each team (members of its groups), with a warning when fewer than two can.
 *
 * @example
 * (await getBenchDepth(ports, caller, project)).find((b) => b.team === 'sre-p')?.warning
 * // 'Only 1 person can approve for SRE-P: add someone to golive-sre-p.'
 */
export async function getBenchDepth(ports: SettingsPorts, _caller: Caller, project: ProjectRef): Promise<BenchDepth[]> {
  await requireAdmin(ports, project);
  const stored = await ports.configs.get(project.id).then(storedRules);
  if (stored === undefined) throw new NotConfiguredError(`Project ${project.key} has no Go-Live Gate configuration yet.`);
  const groups = [...new Set(stored.config.teams.flatMap((t) => t.groups))];
  const members = await Promise.all(groups.map(async (group) => [group, await ports.directory.membersOf(group)] as const));
  return reviewBench(stored.config, [], Object.fromEntries(members)).map(({ team, approvers, warning }) => ({
    team,
    approvers: approvers.map((a) => a.accountId),
    warning,
  }));
}
