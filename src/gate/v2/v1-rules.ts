import type { GateConfig } from '../config';
import { CONFIG_SCHEMA_VERSION, stageSettingsOf } from '../config';
import type { GateConfigV2 } from './config';

/**
 * The bridge while the app stores its configuration as gate model v2 and every verdict is v2's (the validator, the
 * summary, the panel), but some use cases still read the configuration as model v1 did: the ticket-wide decision's
 * permissions, notifications, the reviews page (docs/design-v2.md, "Integration"). Rules v1 cannot express (scope,
 * conditional teams, approvers from a field, N of M, carry-over, waiver lifetimes, typed items) are left out of the
 * view; none of them judges a ticket there.
 */

/**
 * The configuration as model v1's rules read it: exact for every migrated v1 configuration (the descriptions and field
 * names v2 adds are not used by those rules); what only v2 can express is left out.
 *
 * @example
 * v1RulesConfig(migrateConfig(v1)) // deep-equals v1 (with schemaVersion 1)
 */
export function v1RulesConfig(config: GateConfigV2): GateConfig {
  return {
    schemaVersion: CONFIG_SCHEMA_VERSION,
    version: config.version,
    ...(config.template !== undefined && { template: config.template }),
    teams: config.teams.map((t) => ({
      key: t.key,
      name: t.name,
      area: t.area,
      groups: t.groups,
      description: t.description,
      ...(t.since !== undefined && { since: t.since }),
      ...(t.shadowGroups !== undefined && { shadowGroups: t.shadowGroups }),
    })),
    stages: config.stages.map((s) => ({
      key: s.key,
      name: s.name,
      requiredTeams: s.teams.map((entry) => entry.team),
      requiredNumbers: s.numbers,
      ...(s.approvalLifetimeDays !== undefined && { approvalLifetimeDays: s.approvalLifetimeDays }),
      ...stageSettingsOf(s),
    })),
    numbers: config.numbers.map((n) => ({
      key: n.key,
      label: n.label,
      unit: n.unit,
      integer: n.integer,
      ...(n.min !== undefined && { min: n.min }),
      ...(n.max !== undefined && { max: n.max }),
      signedOffBy: n.signedOffBy,
    })),
    questions: config.items.map((item) => ({
      key: item.key,
      section: item.section,
      text: item.text,
      requiredFor: item.requiredFor,
      ...(item.reviewedBy !== undefined && { reviewedBy: item.reviewedBy }),
    })),
    policies: {
      reporterMayApprove: config.policies.reporterMayApprove,
      onePersonOneTeam: config.policies.onePersonOneTeam,
      overrideGroups: config.policies.overrideGroups,
      allowEmptyStages: config.policies.allowEmptyStages,
      recheckApproversAtTransition: config.policies.recheckMembershipAtTransition,
      reAddedTeamsKeepApprovals: config.policies.reAddedTeamsKeepApprovals,
    },
    ...(config.stageAliases !== undefined && { stageAliases: config.stageAliases }),
    ...(config.providerUsers !== undefined && { providerUsers: config.providerUsers }),
    ...(config.linkedApprovals !== undefined && { linkedApprovals: config.linkedApprovals }),
    ...(config.shadowGraduation !== undefined && { shadowGraduation: config.shadowGraduation }),
  };
}
