import type { GateConfig, NumberSpec, Question, Stage, Team } from '../../../src/gate/config';
import { CONFIG_SCHEMA_VERSION, DEFAULT_POLICIES } from '../../../src/gate/config';

/** Pure edits of the configuration being edited; every edit keeps cross references (stage → team...) intact. */

export const emptyTeam = (): Team => ({ key: '', name: '', area: 'engineering', groups: [], description: '' });
export const emptyStage = (): Stage => ({ key: '', name: '', requiredTeams: [], requiredNumbers: [] });
export const emptyNumber = (signedOffBy: string): NumberSpec => ({ key: '', label: '', unit: '', integer: true, signedOffBy });
export const emptyQuestion = (): Question => ({ key: '', section: '', text: '', requiredFor: [] });

/** A blank configuration: one team and one stage to fill in. */
export function scratchConfig(version: number): GateConfig {
  return {
    schemaVersion: CONFIG_SCHEMA_VERSION,
    version,
    teams: [emptyTeam()],
    stages: [emptyStage()],
    numbers: [],
    questions: [],
    policies: { ...DEFAULT_POLICIES, overrideGroups: [] },
  };
}

/**
 * A key from a display name: lowercase letters, digits and dashes, starting with a letter.
 * @example keyFromName('OCM PM') // "ocm-pm"
 */
export function keyFromName(name: string): string {
  const key = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  return key.slice(0, 40).replace(/-+$/, '');
}

export function toggled(list: readonly string[], value: string, on: boolean): string[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

const renamed = (list: readonly string[], from: string, to: string): string[] => list.map((v) => (v === from ? to : v));

/** Renames a team key everywhere it is referenced. */
export function renameTeam(config: GateConfig, index: number, key: string): GateConfig {
  const from = config.teams[index]?.key ?? '';
  return {
    ...config,
    teams: config.teams.map((t, i) => (i === index ? { ...t, key } : t)),
    stages: config.stages.map((s) => ({ ...s, requiredTeams: renamed(s.requiredTeams, from, key) })),
    numbers: config.numbers.map((n) => (n.signedOffBy === from ? { ...n, signedOffBy: key } : n)),
    questions: config.questions.map((q) => (q.reviewedBy === from ? { ...q, reviewedBy: key } : q)),
  };
}

/** Removes a team and every reference to it. */
export function removeTeam(config: GateConfig, index: number): GateConfig {
  const key = config.teams[index]?.key ?? '';
  return {
    ...config,
    teams: config.teams.filter((_, i) => i !== index),
    stages: config.stages.map((s) => ({ ...s, requiredTeams: s.requiredTeams.filter((t) => t !== key) })),
    questions: config.questions.map((q) => (q.reviewedBy === key ? withOptional(q, 'reviewedBy', undefined) : q)),
  };
}

export function renameStage(config: GateConfig, index: number, key: string): GateConfig {
  const from = config.stages[index]?.key ?? '';
  return {
    ...config,
    stages: config.stages.map((s, i) => (i === index ? { ...s, key } : s)),
    questions: config.questions.map((q) => ({ ...q, requiredFor: renamed(q.requiredFor, from, key) })),
  };
}

export function removeStage(config: GateConfig, index: number): GateConfig {
  const key = config.stages[index]?.key ?? '';
  return {
    ...config,
    stages: config.stages.filter((_, i) => i !== index),
    questions: config.questions.map((q) => ({ ...q, requiredFor: q.requiredFor.filter((s) => s !== key) })),
  };
}

export function renameNumber(config: GateConfig, index: number, key: string): GateConfig {
  const from = config.numbers[index]?.key ?? '';
  return {
    ...config,
    numbers: config.numbers.map((n, i) => (i === index ? { ...n, key } : n)),
    stages: config.stages.map((s) => ({ ...s, requiredNumbers: renamed(s.requiredNumbers, from, key) })),
  };
}

export function removeNumber(config: GateConfig, index: number): GateConfig {
  const key = config.numbers[index]?.key ?? '';
  return {
    ...config,
    numbers: config.numbers.filter((_, i) => i !== index),
    stages: config.stages.map((s) => ({ ...s, requiredNumbers: s.requiredNumbers.filter((n) => n !== key) })),
  };
}

/** Replaces the item at `index` of a list. */
export function replaced<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

/** A copy of `item` with an optional property set, or left out when `value` is undefined (never stored as undefined). */
export function withOptional<T extends object, K extends keyof T>(item: T, key: K, value: T[K] | undefined): T {
  const copy = { ...item };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}
