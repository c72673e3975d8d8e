import type { ReactNode } from 'react';
import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import type { ConfigList, ItemOf } from './draft';
import { addItem, emptyItem, emptyNumber, emptyStage, emptyTeam, keyFromName, removeItem, renameKey, replaceItem } from './draft';

interface ListWords<L extends ConfigList> {
  /** What one item is called: "team" gives "Team 2", "Remove team CEE", "Add a team". */
  readonly noun: string;
  readonly title: string;
  readonly intro?: string;
  /** The item's own name, empty until it has one. */
  readonly nameOf: (item: ItemOf<L>) => string;
  readonly newItem: (config: GateConfig) => ItemOf<L>;
  readonly canAdd?: (config: GateConfig) => boolean;
}

/** How each list of the configuration is shown and grows. */
const LISTS: { readonly [L in ConfigList]: ListWords<L> } = {
  teams: {
    noun: 'team',
    title: 'Teams',
    intro: 'Each team acts through members of its Jira groups, or of the groups a ticket field names. A stage lists the teams it needs, and how many of their approvers, in the grid below.',
    nameOf: (team) => team.name,
    newItem: emptyTeam,
  },
  stages: {
    noun: 'stage',
    title: 'Stages',
    intro: 'A stage is a gated transition. Its workflow validator names the stage key.',
    nameOf: (stage) => stage.name,
    newItem: emptyStage,
  },
  numbers: {
    noun: 'number',
    title: 'Numbers',
    intro: 'Changing a recorded number makes only the signing team’s approval stale.',
    nameOf: (spec) => spec.label,
    // A number needs the team that signs it off.
    newItem: (config) => emptyNumber(config.teams[0]?.key ?? ''),
    canAdd: (config) => config.teams.length > 0,
  },
  items: {
    noun: 'item',
    title: 'Checklist and questions',
    intro: 'Each item is answered on the ticket as its kind asks: text, a box to tick, one of some options, a number, or an http(s) link.',
    // Items have no name of their own: "Item 2".
    nameOf: () => '',
    newItem: (config) => ({ ...emptyItem(), key: keyFromName(`item ${config.items.length + 1}`) }),
  },
};

/** The edits of one item, for the fields of a ListEditor. */
export interface ItemEdit<L extends ConfigList> {
  readonly index: number;
  /** The item's field-error path: `stages.1`. */
  readonly path: string;
  readonly update: (item: ItemOf<L>) => void;
  /** Renames the item's key everywhere it is referenced. */
  readonly rename: (key: string) => void;
}

/**
 * A section that edits one list of the configuration: each item in a fieldset (focusable by its field-error path) named
 * after the item, its fields from `children`, a button to remove it, and one to add an item below the list. Renaming
 * and removing keep the references to the item's key intact.
 *
 * @example
 * <ListEditor list="stages" config={config} errors={errors} onChange={onChange}>
 *   {(stage, { path, update, rename }) => <NameAndKey path={path} ... onKey={rename} />}
 * </ListEditor>
 */
export function ListEditor<L extends ConfigList>({ list, config, errors, onChange, fold, children }: {
  readonly list: L;
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
  /** Shows an item folded under a one-line summary (a long list stays scannable), opened when `open`. */
  readonly fold?: (item: ItemOf<L>, index: number, hasErrors: boolean) => { readonly summary: ReactNode; readonly open: boolean };
  readonly children: (item: ItemOf<L>, edit: ItemEdit<L>) => ReactNode;
}) {
  const { noun, title, intro, nameOf, newItem, canAdd = () => true } = LISTS[list] as ListWords<L>;
  const headingId = `${list}-heading`;
  const items: readonly ItemOf<L>[] = config[list];
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {intro === undefined ? null : <p className="subtle">{intro}</p>}
      <FieldMessage errors={errors} path={list} />
      {items.map((item, index) => {
        const path = `${list}.${index}`;
        const name = nameOf(item);
        const edit: ItemEdit<L> = {
          index,
          path,
          update: (next) => onChange(replaceItem(config, list, index, next)),
          rename: (key) => onChange(renameKey(config, list, index, key)),
        };
        const fieldset = (
          <fieldset key={index} id={fieldId(path)} tabIndex={-1} className="item">
            <legend>{name || `${Noun} ${index + 1}`}</legend>
            {children(item, edit)}
            <div className="buttons">
              <button type="button" className="button button-subtle" onClick={() => onChange(removeItem(config, list, index))}>
                Remove {noun} {name || index + 1}
              </button>
            </div>
          </fieldset>
        );
        if (fold === undefined) return fieldset;
        const folded = fold(item, index, errors.some((e) => e.path === path || e.path.startsWith(`${path}.`)));
        return (
          <details key={index} className="item-details" open={folded.open}>
            <summary>{folded.summary}</summary>
            {fieldset}
          </details>
        );
      })}
      <button type="button" className="button" disabled={!canAdd(config)} onClick={() => onChange(addItem(config, list, newItem(config)))}>
        Add a {noun}
      </button>
    </section>
  );
}
