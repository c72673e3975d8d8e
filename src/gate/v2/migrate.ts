import type { FieldError, GateConfig, ParseResult } from '../config';
import { parseGateConfig, stageSettingsOf } from '../config';
import { readStoredConfig as readStoredV1Config } from '../config-migration';
import type { GateConfigV2 } from './config';
import { DEFAULT_POLICIES, parseGateConfigV2 } from './config';

/**
 * v1 configurations become v2 configurations that mean the same thing: every ticket gated, every team always required
 * with one approval, no carry-over between stages (v1's ticket-wide approvals are read as legacy decisions that count
 * for every stage, which is how v1 behaved), questions as text items.
 *
 * @example
 * migrateConfig(v1).stages[0]?.teams // [{ team: 'sre-p' }, { team: 'osd-e2e' }, { team: 'mt-sre' }, { team: 'dev-team' }]
 */
export function migrateConfig(v1: GateConfig): GateConfigV2 {
  return {
    schemaVersion: 2,
    version: v1.version,
    ...(v1.template !== undefined && { template: v1.template }),
    scope: { issueTypes: [], labels: [] },
    fieldNames: {},
    teams: v1.teams.map((t) => ({
      key: t.key,
      name: t.name,
      area: t.area,
      description: t.description,
      groups: t.groups,
      applies: { when: 'always' },
      minApprovals: 1,
      ...(t.since !== undefined && { since: t.since }),
      ...(t.shadowGroups !== undefined && { shadowGroups: t.shadowGroups }),
    })),
    stages: v1.stages.map((s) => ({
      key: s.key,
      name: s.name,
      description: '',
      // In the stage's own order, which v1's notifications and comment replies use (verdicts list teams in the
      // configuration's order, as v1's did).
      teams: s.requiredTeams.map((team) => ({ team })),
      numbers: s.requiredNumbers,
      carryOver: [],
      ...(s.approvalLifetimeDays !== undefined && { approvalLifetimeDays: s.approvalLifetimeDays }),
      ...stageSettingsOf(s),
    })),
    numbers: v1.numbers.map((n) => ({
      key: n.key,
      label: n.label,
      description: '',
      unit: n.unit,
      integer: n.integer,
      ...(n.min !== undefined && { min: n.min }),
      ...(n.max !== undefined && { max: n.max }),
      signedOffBy: n.signedOffBy,
    })),
    items: v1.questions.map((q) => ({
      key: q.key,
      section: q.section,
      text: q.text,
      kind: 'text',
      requiredFor: q.requiredFor,
      ...(q.reviewedBy !== undefined && { reviewedBy: q.reviewedBy }),
    })),
    policies: {
      ...DEFAULT_POLICIES,
      reporterMayApprove: v1.policies.reporterMayApprove,
      onePersonOneTeam: v1.policies.onePersonOneTeam,
      overrideGroups: v1.policies.overrideGroups,
      recheckMembershipAtTransition: v1.policies.recheckApproversAtTransition,
      allowEmptyStages: v1.policies.allowEmptyStages,
      reAddedTeamsKeepApprovals: v1.policies.reAddedTeamsKeepApprovals,
    },
    ...(v1.stageAliases !== undefined && { stageAliases: v1.stageAliases }),
    ...(v1.providerUsers !== undefined && { providerUsers: v1.providerUsers }),
    ...(v1.linkedApprovals !== undefined && { linkedApprovals: v1.linkedApprovals }),
    ...(v1.shadowGraduation !== undefined && { shadowGraduation: v1.shadowGraduation }),
  };
}

/** A stored configuration read as v2, saying whether it was migrated and what v2's stricter rules find in it. */
export type StoredConfig =
  | {
      readonly ok: true;
      readonly value: GateConfigV2;
      readonly migratedFrom?: 1;
      /**
       * What v2 refuses in a migrated v1 configuration (a stage that requires nothing, a name of invisible characters).
       * The configuration keeps working as it did, and the settings page asks for a fix before the next save.
       */
      readonly warnings: readonly FieldError[];
    }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Reads a stored configuration of either version, applying the migration on read; the next save stores v2.
 *
 * @example
 * readStoredConfig(v1Config) // { ok: true, value: { schemaVersion: 2, ... }, migratedFrom: 1, warnings: [] }
 * readStoredConfig(v2Config) // { ok: true, value: v2Config, warnings: [] }
 */
export function readStoredConfig(stored: unknown): StoredConfig {
  const version = stored !== null && typeof stored === 'object' ? (stored as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 2) {
    const parsed = parseGateConfigV2(stored);
    return parsed.ok ? { ok: true, value: parsed.value, warnings: [] } : parsed;
  }
  // Read as v1 reads what it stored: upgraded to its current policies, not held to the rules of its next save.
  const v1 = readStoredV1Config(stored);
  if (!v1.ok) return v1;
  const migrated = migrateConfig(v1.value);
  const check = parseGateConfigV2(migrated);
  return { ok: true, value: migrated, migratedFrom: 1, warnings: check.ok ? [] : check.errors };
}

/**
 * Reads a configuration an admin saves, imports or applies, written for either model: a v2 configuration is checked by
 * v2's rules, a v1 one by v1's save rules and then migrated, every problem at once.
 *
 * @example
 * parseConfigInput(JSON.parse(exportedByMain)) // { ok: true, value: { schemaVersion: 2, ... } }
 */
export function parseConfigInput(input: unknown): ParseResult<GateConfigV2> {
  const version = input !== null && typeof input === 'object' ? (input as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 2) {
    return parseGateConfigV2(input);
  }
  const v1 = parseGateConfig(input);
  return v1.ok ? { ok: true, value: migrateConfig(v1.value) } : v1;
}
