import type { GateConfig, Team } from './config';
import type { RecordSet } from './integrity';
import { isReporterBarred, justificationProblem, overrideGroupOf } from './policies';

export type Permission = { readonly ok: true; readonly via: string } | { readonly ok: false; readonly reason: string };

/** Who is asking, on which issue: the caller's Jira groups come from the Directory port. */
export interface PermissionQuery {
  readonly config: GateConfig;
  readonly records: RecordSet;
  readonly accountId: string;
  readonly groups: readonly string[];
  readonly reporterAccountId?: string | undefined;
}

export interface DecideRequest extends PermissionQuery {
  readonly team: string;
  readonly decision: 'approve' | 'decline' | 'revoke';
}

/**
 * What the caller may do for one team. Structurally a `TeamPermission` of src/contract.ts, with the detail the panel
 * needs to enable each button. `reason` explains why the caller may not approve (or act at all).
 */
export interface TeamRights {
  readonly team: string;
  /** May approve or decline. */
  readonly canAct: boolean;
  readonly canApprove: boolean;
  readonly canDecline: boolean;
  readonly canRevoke: boolean;
  readonly reason?: string;
}

function oneOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

function membership(team: Team, groups: readonly string[]): Permission {
  const via = team.groups.find((g) => groups.includes(g));
  if (via !== undefined) return { ok: true, via };
  const which = team.groups.length === 1 ? 'the group that acts' : 'the groups that act';
  return { ok: false, reason: `You are not in ${oneOf(team.groups)}, ${which} for ${team.name}` };
}

/**
 * Whether the caller may approve, decline or revoke for a team, and through which of the team's groups. The rules read
 * what the app last wrote (KVS), not the properties: a member may always decline, and may revoke whatever the property
 * holds. Re-approving a team one already approved is allowed: that is how a stale or unverified approval is re-affirmed.
 *
 * @example
 * mayDecide({ config, records, accountId: 'acc-cee', groups: ['golive-cee'], team: 'cee', decision: 'approve' }) // { ok: true, via: 'golive-cee' }
 * mayDecide({ config, records, accountId: 'acc-cee', groups: ['golive-cee'], team: 'sre-p', decision: 'approve' })
 * // { ok: false, reason: 'You are not in golive-sre-p, the group that acts for SRE-P' }
 */
export function mayDecide(request: DecideRequest): Permission {
  const { config, records, accountId, groups, reporterAccountId, team: teamKey, decision } = request;
  const team = config.teams.find((t) => t.key === teamKey);
  if (team === undefined) return { ok: false, reason: `No team has the key "${teamKey}"` };
  const member = membership(team, groups);
  if (!member.ok) return member;
  if (decision === 'approve') {
    if (isReporterBarred(config.policies, accountId, reporterAccountId)) {
      return { ok: false, reason: 'The reporter of this ticket may not approve' };
    }
    if (config.policies.onePersonOneTeam) {
      const first = records.firstApprovals.get(accountId);
      const other = first === undefined || first === team.key ? undefined : config.teams.find((t) => t.key === first);
      if (other !== undefined) return { ok: false, reason: `You already approved for ${other.name}` };
    }
  }
  if (decision === 'revoke') {
    // What the app last wrote decides, not the property: a revoke works whatever someone put there, and sticks.
    const current = records.written.decisions[team.key]?.decision;
    const tampered = records.unverified.some((u) => u.what === 'decision' && u.team === team.key);
    if (current !== 'approved' && current !== 'declined' && !tampered) return { ok: false, reason: `${team.name} has no approval or decline to revoke` };
  }
  return member;
}

/**
 * For every team of the configuration, what the caller may do and, when they may not approve, why.
 *
 * @example
 * teamPermissions({ config, records, accountId: 'acc-cee', groups: ['golive-cee'] }).find((p) => p.team === 'cee')
 * // { team: 'cee', canAct: true, canApprove: true, canDecline: true, canRevoke: false }
 */
export function teamPermissions(caller: PermissionQuery): TeamRights[] {
  return caller.config.teams.map((team) => {
    const approve = mayDecide({ ...caller, team: team.key, decision: 'approve' });
    const decline = mayDecide({ ...caller, team: team.key, decision: 'decline' });
    const revoke = mayDecide({ ...caller, team: team.key, decision: 'revoke' });
    return {
      team: team.key,
      canAct: approve.ok || decline.ok,
      canApprove: approve.ok,
      canDecline: decline.ok,
      canRevoke: revoke.ok,
      ...(!approve.ok && { reason: approve.reason }),
    };
  });
}

export interface OverrideRequest {
  readonly config: GateConfig;
  readonly stage: string;
  readonly justification: string;
  readonly groups: readonly string[];
}

/**
 * Whether the caller may force a stage open, and through which override group.
 *
 * @example
 * mayOverride({ config, stage: 'go-live', justification: 'Customer launch agreed by the VP on 3 March', groups: ['golive-overriders'] })
 * // { ok: true, via: 'golive-overriders' }
 */
export function mayOverride(request: OverrideRequest): Permission {
  const { config, stage: stageKey, justification, groups } = request;
  const stage = config.stages.find((s) => s.key === stageKey);
  if (stage === undefined) return { ok: false, reason: `No stage has the key "${stageKey}"` };
  const overrideGroups = config.policies.overrideGroups;
  if (overrideGroups.length === 0) return { ok: false, reason: 'This project names no override group, so no stage can be overridden' };
  const via = overrideGroupOf(config.policies, groups);
  if (via === undefined) {
    const which = overrideGroups.length === 1 ? 'the group that may' : 'the groups that may';
    return { ok: false, reason: `You are not in ${oneOf(overrideGroups)}, ${which} override a stage` };
  }
  const problem = justificationProblem(justification);
  return problem === undefined ? { ok: true, via } : { ok: false, reason: problem };
}

/**
 * Whether the caller may grant an exception to a stage's freeze, and through which of its exception groups: only a
 * stage with a freeze, only a member of its exception groups, only with a justification written out.
 *
 * @example
 * mayGrantException({ config, stage: 'go-live', justification: 'Security fix agreed with the release team', groups: ['golive-release-managers'] })
 * // { ok: true, via: 'golive-release-managers' }
 */
export function mayGrantException(request: OverrideRequest): Permission {
  const { config, stage: stageKey, justification, groups } = request;
  const stage = config.stages.find((s) => s.key === stageKey);
  if (stage === undefined) return { ok: false, reason: `No stage has the key "${stageKey}"` };
  const exceptionGroups = stage.freeze?.exceptionGroups ?? [];
  if (stage.freeze === undefined) return { ok: false, reason: `${stage.name} has no freeze, so it needs no exception` };
  if (exceptionGroups.length === 0) return { ok: false, reason: `${stage.name} names no group that may grant an exception to its freeze` };
  const via = exceptionGroups.find((group) => groups.includes(group));
  if (via === undefined) return { ok: false, reason: `You are not in ${oneOf(exceptionGroups)}, which may grant an exception to the freeze of ${stage.name}` };
  const problem = justificationProblem(justification);
  return problem === undefined ? { ok: true, via } : { ok: false, reason: problem };
}
