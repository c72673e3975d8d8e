import type { FieldError, GateConfig } from '../config';
import { CONFIG_SCHEMA_VERSION } from '../config';
import type { GateConfigV2 } from './config';

/**
 * The bridge while the app stores its configuration as gate model v2 but parts of it still judge tickets by model v1's
 * rules (issue 13 moves them step by step; docs/design-v2.md, "Integration"). A configuration those rules can apply
 * faithfully is one v1 could express; anything else is refused on save (`v1RulesCannotApply`) until the evaluation runs
 * on v2, so nothing an admin saves is silently applied differently from what they configured.
 */

const AWAITING = 'takes effect once the gate evaluates on model v2; until then leave it out';

/**
 * What model v1's rules cannot apply in a v2 configuration, as field errors naming the team, stage or item.
 *
 * @example
 * v1RulesCannotApply({ ...config, scope: { issueTypes: ['Story'], labels: [] } })
 * // [{ path: 'scope', message: 'Which tickets are gated takes effect once the gate evaluates on model v2; until then leave it out' }]
 */
export function v1RulesCannotApply(config: GateConfigV2): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  if (config.scope.issueTypes.length > 0 || config.scope.labels.length > 0) add('scope', `Which tickets are gated ${AWAITING}`);
  config.teams.forEach((team, t) => {
    if (team.applies.when !== 'always') add(`teams.${t}.applies`, `Team "${team.name}": applying to some tickets only ${AWAITING}`);
    if (team.approversFrom !== undefined) add(`teams.${t}.approversFrom`, `Team "${team.name}": approvers from a ticket field ${AWAITING}`);
    if (team.minApprovals > 1) add(`teams.${t}.minApprovals`, `Team "${team.name}": more than one approval ${AWAITING}`);
  });
  config.stages.forEach((stage, s) => {
    if (stage.carryOver.length > 0) add(`stages.${s}.carryOver`, `Stage "${stage.name}": carrying over approvals ${AWAITING}`);
    if (stage.waiverLifetimeDays !== undefined) add(`stages.${s}.waiverLifetimeDays`, `Stage "${stage.name}": waivers ${AWAITING}`);
    stage.teams.forEach((entry, i) => {
      if (entry.minApprovals !== undefined && entry.minApprovals > 1) add(`stages.${s}.teams.${i}.minApprovals`, `Stage "${stage.name}": more than one approval ${AWAITING}`);
    });
  });
  config.items.forEach((item, i) => {
    if (item.kind !== 'text') add(`items.${i}.kind`, `Item "${item.key}": a ${item.kind} item ${AWAITING}`);
  });
  return errors;
}

/**
 * The configuration as model v1's rules read it: exact for every configuration `v1RulesCannotApply` accepts, and for
 * every migrated v1 configuration (the descriptions and field names v2 adds are not used by those rules).
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
      ...(s.assurance !== undefined && { assurance: s.assurance }),
      ...(s.requiresRelease !== undefined && { requiresRelease: s.requiresRelease }),
      ...(s.freeze !== undefined && { freeze: s.freeze }),
      ...(s.reminders !== undefined && { reminders: s.reminders }),
      ...(s.fromStatus !== undefined && { fromStatus: s.fromStatus }),
      ...(s.requirePlaybook !== undefined && { requirePlaybook: s.requirePlaybook }),
      ...(s.requiredChecks !== undefined && { requiredChecks: s.requiredChecks }),
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
