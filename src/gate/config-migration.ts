import type { GateConfig, ParseResult } from './config';
import { StoredGateConfigSchema, toFieldErrors } from './config';

/** The parts of a configuration stored before issue 10's policies that its upgrade looks at. */
interface VersionOneShape {
  readonly stages?: unknown;
  readonly questions?: unknown;
  readonly policies?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** Whether a version-1 configuration has a stage requiring no team, number or question (version 1 let such a stage pass every ticket). */
function hasEmptyStage(config: VersionOneShape): boolean {
  const asked = new Set(listOf(config.questions).flatMap((q) => (isObject(q) ? listOf(q['requiredFor']) : [])));
  return listOf(config.stages).some(
    (stage) => isObject(stage) && listOf(stage['requiredTeams']).length === 0 && listOf(stage['requiredNumbers']).length === 0 && !asked.has(stage['key']),
  );
}

/**
 * Upgrades a configuration the app stored before the policies of issue 10 (commit 5cba5e6 and earlier: its policies
 * lack `allowEmptyStages`, which every later save stores) to meaning what it meant: version 1 let a stage that requires
 * nothing pass every ticket, so such a configuration keeps `allowEmptyStages` on (shown, and refused on its next save
 * unless the admin keeps it on); the other new policies take their defaults (approvers re-checked at the transition,
 * re-added teams start afresh). A configuration stored since passes through.
 *
 * @example
 * upgradeStoredConfig({ schemaVersion: 1, teams, stages: [{ key: 'launch', name: 'Launch', requiredTeams: [] }] }).policies.allowEmptyStages // true
 */
export function upgradeStoredConfig(stored: unknown): unknown {
  if (!isObject(stored)) return stored;
  const config: VersionOneShape = stored;
  const policies = isObject(config.policies) ? config.policies : {};
  if (Object.hasOwn(policies, 'allowEmptyStages')) return stored;
  return { ...stored, policies: { ...policies, allowEmptyStages: hasEmptyStage(config) } };
}

/**
 * Reads a configuration the app stored, before or since issue 10's policies: upgraded, then checked against the stored
 * shape and its cross references (not against today's save rules, which apply again on its next save).
 *
 * @example
 * const parsed = readStoredConfig(await kvs.get('config:10000'));
 * if (parsed.ok) parsed.value.policies.allowEmptyStages // true for a version-1 configuration with an empty stage
 */
export function readStoredConfig(stored: unknown): ParseResult<GateConfig> {
  const parsed = StoredGateConfigSchema.safeParse(upgradeStoredConfig(stored));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) };
}

/**
 * The configuration to store as `version`, with each team's `since` kept by the app: a team the previous configuration
 * had keeps its `since`; a team it did not have (new, or removed and now added back) counts approvals from `version` on.
 * Whatever `since` the saved input carried is ignored. Without a previous configuration no team needs one.
 *
 * @example
 * stampTeamGenerations(previous, { ...edited, teams: [...previous.teams, newTeam] }, 8).teams.at(-1)?.since // 8
 */
/** What stamping team generations reads of a configuration of either model: its teams' keys and `since`. */
interface TeamGenerations<T> {
  readonly teams: readonly T[];
}

export function stampTeamGenerations<T extends { readonly key: string; readonly since?: number | undefined }, C extends TeamGenerations<T>>(
  previous: TeamGenerations<{ readonly key: string; readonly since?: number | undefined }> | undefined,
  next: C,
  version: number,
): C {
  const before = new Map(previous?.teams.map((team) => [team.key, team]));
  const teams = next.teams.map((team): T => {
    const since = previous === undefined ? undefined : before.has(team.key) ? before.get(team.key)?.since : version;
    const rest: { -readonly [K in keyof T]: T[K] } = { ...team };
    delete rest.since;
    return since === undefined ? rest : { ...rest, since };
  });
  return { ...next, teams };
}
