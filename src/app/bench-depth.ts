import type { BenchDepth } from '../contract';
import { groupsOnSomeTicket } from '../gate/v2/acting-teams';
import { benchDepthV2 } from '../gate/v2/bench-depth';
import { NotConfiguredError } from '../errors';
import type { Caller, ProjectRef, SettingsPorts } from '../ports';
import { requireAdmin } from './require-admin';

/**
 * `getBenchDepth`: who can approve for each team (members of its groups, and of the groups its approver field names),
 * with a warning when fewer than two can (for a team whose approvers come from a field: for some value of it). One
 * Directory call per group.
 *
 * @example
 * (await getBenchDepth(ports, caller, project)).find((b) => b.team === 'sre-p')?.warning
 * // 'Only 1 person can approve for SRE-P: add someone to golive-sre-p.'
 */
export async function getBenchDepth(ports: SettingsPorts, _caller: Caller, project: ProjectRef): Promise<BenchDepth[]> {
  await requireAdmin(ports, project);
  const stored = await ports.configs.get(project.id);
  if (stored === undefined) throw new NotConfiguredError(`Project ${project.key} has no Go-Live Gate configuration yet.`);
  const groups = [...new Set(stored.config.teams.flatMap(groupsOnSomeTicket))];
  const members = await Promise.all(groups.map(async (group) => [group, await ports.directory.membersOf(group)] as const));
  return benchDepthV2(stored.config, Object.fromEntries(members)).map(({ team, approvers, warning }) => ({ team, approvers: [...approvers], warning }));
}
