import type { GateConfigV2 as GateConfig, Item, NumberSpec, Stage, Team } from '../../../src/gate/v2/config';
import { DEFAULT_POLICIES } from '../../../src/gate/v2/config';

/** Pure edits of the configuration being edited (gate model v2); every edit keeps cross references (stage → team...) intact. */

export const emptyTeam = (): Team => ({ key: '', name: '', area: 'engineering', groups: [], description: '', applies: { when: 'always' }, minApprovals: 1 });
export const emptyStage = (): Stage => ({ key: '', name: '', description: '', teams: [], numbers: [], carryOver: [] });
export const emptyNumber = (signedOffBy: string): NumberSpec => ({ key: '', label: '', description: '', unit: '', integer: true, signedOffBy });
export const emptyItem = (): Item => ({ key: '', section: '', text: '', kind: 'text', requiredFor: [] });

/** A blank configuration: one team and one stage to fill in; every issue type of the project gated. */
export function scratchConfig(version: number): GateConfig {
  return {
    schemaVersion: 2,
    version,
    scope: { issueTypes: [], labels: [] },
    fieldNames: {},
    teams: [emptyTeam()],
    stages: [emptyStage()],
    numbers: [],
    items: [],
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

/** One list of the configuration, as its field-error paths name it. */
export type ConfigList = 'teams' | 'stages' | 'numbers' | 'items';
export type ItemOf<L extends ConfigList> = GateConfig[L][number];

/** Keeps the keys `rewrite` maps to a key, renamed; drops those it maps to undefined. */
const rewritten = (keys: readonly string[], rewrite: (key: string) => string | undefined): string[] =>
  keys.flatMap((key) => {
    const to = rewrite(key);
    return to === undefined ? [] : [to];
  });

/** Rewrites every reference to a key of `list` elsewhere in the configuration (stage → team, item → stage...). */
function rewriteReferences(config: GateConfig, list: ConfigList, rewrite: (key: string) => string | undefined): GateConfig {
  switch (list) {
    case 'teams':
      return {
        ...config,
        stages: config.stages.map((s) => ({
          ...s,
          teams: s.teams.flatMap((entry) => {
            const team = rewrite(entry.team);
            return team === undefined ? [] : [{ ...entry, team }];
          }),
        })),
        // A number must name its signing team: a removed team stays named, so the check reports it.
        numbers: config.numbers.map((n) => ({ ...n, signedOffBy: rewrite(n.signedOffBy) ?? n.signedOffBy })),
        items: config.items.map((i) => {
          const reviewed = i.reviewedBy === undefined ? i : withOptional(i, 'reviewedBy', rewrite(i.reviewedBy));
          const agreedBy = i.agreedBy === undefined ? undefined : rewritten(i.agreedBy, rewrite);
          return i.agreedBy === undefined ? reviewed : withOptional(reviewed, 'agreedBy', agreedBy?.length === 0 ? undefined : agreedBy);
        }),
      };
    case 'stages':
      return {
        ...config,
        stages: config.stages.map((s) => ({ ...s, carryOver: rewritten(s.carryOver, rewrite) })),
        items: config.items.map((i) => ({ ...i, requiredFor: rewritten(i.requiredFor, rewrite) })),
      };
    case 'numbers':
      return { ...config, stages: config.stages.map((s) => ({ ...s, numbers: rewritten(s.numbers, rewrite) })) };
    case 'items':
      return config;
  }
}

/** The configuration with `list` replaced. */
const withList = <L extends ConfigList>(config: GateConfig, list: L, items: readonly ItemOf<L>[]): GateConfig => ({ ...config, [list]: items });
const itemsOf = <L extends ConfigList>(config: GateConfig, list: L): readonly ItemOf<L>[] => config[list];

/**
 * Renames the key of an item everywhere it is referenced.
 * @example renameKey(config, 'teams', 1, 'cee-team').stages[0]?.teams // [{ team: 'sre-p' }, { team: 'cee-team' }]
 */
export function renameKey(config: GateConfig, list: ConfigList, index: number, key: string): GateConfig {
  const from = itemsOf(config, list)[index]?.key ?? '';
  const renamedItem = withList(config, list, itemsOf(config, list).map((item, i) => (i === index ? { ...item, key } : item)));
  return rewriteReferences(renamedItem, list, (k) => (k === from ? key : k));
}

/**
 * Removes an item and every optional reference to it.
 * @example removeItem(config, 'teams', 1).stages[0]?.teams // [{ team: 'sre-p' }]
 */
export function removeItem(config: GateConfig, list: ConfigList, index: number): GateConfig {
  const key = itemsOf(config, list)[index]?.key ?? '';
  const without = withList(config, list, itemsOf(config, list).filter((_, i) => i !== index));
  return rewriteReferences(without, list, (k) => (k === key ? undefined : k));
}

/** Appends an item to a list. */
export function addItem<L extends ConfigList>(config: GateConfig, list: L, item: ItemOf<L>): GateConfig {
  return withList(config, list, [...itemsOf(config, list), item]);
}

/** Replaces the item at `index` of a list of the configuration. */
export function replaceItem<L extends ConfigList>(config: GateConfig, list: L, index: number, item: ItemOf<L>): GateConfig {
  return withList(config, list, replaced(itemsOf(config, list), index, item));
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
