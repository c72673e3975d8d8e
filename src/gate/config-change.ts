import type { FieldError, GateConfig } from './config';
import { POLICY_SWITCHES } from './policies';

/** A team or stage by key, with the name people read. */
export interface Named {
  readonly key: string;
  readonly name: string;
}

/** What replacing a project's configuration changes, in the words of the settings page. */
export interface ConfigChange {
  readonly teamsAdded: readonly Named[];
  readonly teamsRemoved: readonly Named[];
  readonly stagesAdded: readonly Named[];
  readonly stagesRemoved: readonly Named[];
  /** Jira groups the gate starts or stops relying on (teams' groups and override groups). */
  readonly groupsAdded: readonly string[];
  readonly groupsRemoved: readonly string[];
  /** One sentence per policy that changes: "The reporter may approve their own ticket: off → on". */
  readonly policies: readonly string[];
}

/** Every Jira group a configuration relies on, sorted. */
export function groupsOf(config: Pick<GateConfig, 'teams' | 'policies'>): string[] {
  return [...new Set([...config.teams.flatMap((t) => t.groups), ...config.policies.overrideGroups])].sort();
}

const missingFrom = <T extends { readonly key: string; readonly name: string }>(from: readonly T[], other: readonly T[]): Named[] =>
  from.filter((item) => !other.some((o) => o.key === item.key)).map(({ key, name }) => ({ key, name }));

/**
 * What replacing `current` (none for a project without a gate) with `next` adds and removes.
 *
 * @example
 * describeConfigChange(managedAddon, kubernetesPrr).stagesRemoved // [{ key: 'promote-to-prod', name: 'Promote to prod' }, ...]
 */
export function describeConfigChange(current: GateConfig | undefined, next: GateConfig): ConfigChange {
  const before = current ?? { teams: [], stages: [], policies: next.policies };
  const groupsBefore = current === undefined ? [] : groupsOf(current);
  const groupsAfter = groupsOf(next);
  const onOff = (on: boolean): string => (on ? 'on' : 'off');
  const groupList = (groups: readonly string[]): string => (groups.length === 0 ? 'nobody' : [...groups].sort().join(', '));
  const overrideGroupsBefore = current === undefined ? groupList([]) : groupList(current.policies.overrideGroups);
  const overrideGroupsAfter = groupList(next.policies.overrideGroups);
  return {
    teamsAdded: missingFrom(next.teams, before.teams),
    teamsRemoved: missingFrom(before.teams, next.teams),
    stagesAdded: missingFrom(next.stages, before.stages),
    stagesRemoved: missingFrom(before.stages, next.stages),
    groupsAdded: groupsAfter.filter((g) => !groupsBefore.includes(g)),
    groupsRemoved: groupsBefore.filter((g) => !groupsAfter.includes(g)),
    policies: [
      ...POLICY_SWITCHES.filter(([key]) => before.policies[key] !== next.policies[key]).map(([key, words]) => `${words}: ${onOff(before.policies[key])} → ${onOff(next.policies[key])}`),
      ...(overrideGroupsBefore === overrideGroupsAfter ? [] : [`Who may override a blocked stage: ${overrideGroupsBefore} → ${overrideGroupsAfter}`]),
    ],
  };
}

const LIST_WORDS: Readonly<Record<string, string>> = { teams: 'Team', stages: 'Stage', numbers: 'Number', questions: 'Question' };
const FIELD_WORDS: Readonly<Record<string, string>> = {
  key: 'key',
  name: 'name',
  area: 'area',
  groups: 'groups',
  requiredTeams: 'required teams',
  requiredNumbers: 'required numbers',
  requiredFor: 'needed for',
  signedOffBy: 'signed off by',
  reviewedBy: 'reviewed by',
  label: 'label',
  text: 'text',
  section: 'section',
  overrideGroups: 'override groups',
};

/** A list item of a candidate configuration (which may not have parsed) by what people read: its name, label or key. */
function itemInWords(input: unknown, list: string, index: number): string {
  const items = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[list] : undefined;
  const item: unknown = Array.isArray(items) ? items[index] : undefined;
  const field = (name: string): string | undefined => {
    const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  const title = field('name') ?? field('label') ?? field('text') ?? field('key');
  const what = LIST_WORDS[list] ?? list;
  return title === undefined ? `${what} ${index + 1}` : `${what} “${title.length > 60 ? `${title.slice(0, 57)}…` : title}”`;
}

/**
 * Field errors of a candidate configuration in words, each once: "Stage “Go live”, required teams: no team has the key
 * "cee"" rather than `stages.1.requiredTeams.0`.
 *
 * @example
 * errorsInWords(input, [{ path: 'stages.1.requiredTeams.0', message: 'no team has the key "cee"' }])
 * // ['Stage “Go live”, required teams: no team has the key "cee"']
 */
export function errorsInWords(input: unknown, errors: readonly FieldError[]): string[] {
  const lines = errors.map(({ path, message }) => {
    if (path === '(root)' || path === '') return `The file ${message}`;
    const [list, index, field] = path.split('.');
    const position = Number(index);
    if (list !== undefined && LIST_WORDS[list] !== undefined && Number.isInteger(position)) {
      const where = itemInWords(input, list, position);
      return field === undefined ? `${where}: ${message}` : `${where}, ${FIELD_WORDS[field] ?? field}: ${message}`;
    }
    if (list === 'policies') return `Policies${index === undefined ? '' : `, ${FIELD_WORDS[index] ?? index}`}: ${message}`;
    if (list === 'stageAliases') return `Stage mapping for “${index ?? ''}”: ${message}`;
    return `${FIELD_WORDS[list ?? ''] ?? list ?? 'The configuration'}: ${message}`;
  });
  return [...new Set(lines)];
}
