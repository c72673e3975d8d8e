import type { FieldError } from '../../../src/gate/config';
import { ITEM_KINDS } from '../../../src/gate/v2/config';
import type { GateConfigV2 as GateConfig, Item, ItemKind } from '../../../src/gate/v2/config';
import { fieldId } from '../../shared/field-errors';
import { CheckList } from './check-list';
import { withOptional } from './draft';
import { ListEditor } from './list-editor';
import { NumberField, SelectField, TextField } from './text-field';

const NO_REVIEWER = '';

const KIND_NAMES: Readonly<Record<ItemKind, string>> = {
  text: 'Text answer',
  checkbox: 'Checkbox (must be ticked)',
  choice: 'Single choice',
  number: 'Number',
  link: 'Link (http or https)',
};
const KIND_OPTIONS = ITEM_KINDS.map((kind) => ({ value: kind, label: KIND_NAMES[kind] }));

/** The item with another kind: the settings only the new kind has start empty, those of the old kind go. */
function withKind(item: Item, kind: ItemKind): Item {
  const { key, section, text, requiredFor, reviewedBy, agreedBy, agreedByEveryTeam } = item;
  const rest = {
    key,
    section,
    text,
    requiredFor,
    ...(reviewedBy === undefined ? {} : { reviewedBy }),
    ...(agreedBy === undefined ? {} : { agreedBy }),
    ...(agreedByEveryTeam === undefined ? {} : { agreedByEveryTeam }),
  };
  return kind === 'choice' ? { ...rest, kind, options: item.options ?? ['', ''] } : { ...rest, kind };
}

/** A choice's options, one per line. */
function OptionsField({ item, path, errors, onChange }: { readonly item: Item; readonly path: string; readonly errors: readonly FieldError[]; readonly onChange: (item: Item) => void }) {
  return (
    <TextField
      path={`${path}.options`}
      label="Options (one per line)"
      value={(item.options ?? []).join('\n')}
      errors={errors}
      multiline
      hint="At least two, each different: the ticket offers them in this order."
      onChange={(text) => onChange({ ...item, options: text.split('\n') })}
      onBlur={() => onChange({ ...item, options: (item.options ?? []).map((o) => o.trim()).filter((o) => o !== '') })}
    />
  );
}

/** The limits and unit of a number item. */
function NumberRules({ item, path, errors, onChange }: { readonly item: Item; readonly path: string; readonly errors: readonly FieldError[]; readonly onChange: (item: Item) => void }) {
  const integerId = `${fieldId(path)}-integer`;
  return (
    <>
      <div className="row">
        <NumberField path={`${path}.min`} label="Minimum" value={item.min} errors={errors} onChange={(min) => onChange(withOptional(item, 'min', min))} />
        <NumberField path={`${path}.max`} label="Maximum" value={item.max} errors={errors} onChange={(max) => onChange(withOptional(item, 'max', max))} />
        <TextField path={`${path}.unit`} label="Unit" value={item.unit ?? ''} errors={errors} onChange={(unit) => onChange(withOptional(item, 'unit', unit === '' ? undefined : unit))} />
      </div>
      <div className="check">
        <input id={integerId} type="checkbox" checked={item.integer === true} onChange={(e) => onChange(withOptional(item, 'integer', e.target.checked ? true : undefined))} />
        <label htmlFor={integerId} className="label-inline">Whole numbers only</label>
      </div>
    </>
  );
}

/** The checklist and questions: each item's kind (with a choice's options or a number's rules), the stages that need it, who reviews it, whether every team agrees to it. */
export function ItemsEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const reviewerOptions = [{ value: NO_REVIEWER, label: 'Nobody in particular' }, ...config.teams.map((t) => ({ value: t.key, label: t.name || t.key }))];
  return (
    <ListEditor list="items" config={config} errors={errors} onChange={onChange}>
      {(item, { path, update }) => (
        <>
          <TextField path={`${path}.text`} label={item.kind === 'checkbox' ? 'What must be done' : 'Question'} value={item.text} errors={errors} multiline onChange={(text) => update({ ...item, text })} />
          <div className="row">
            <SelectField path={`${path}.kind`} label="Kind" value={item.kind} options={KIND_OPTIONS} errors={errors} onChange={(kind) => update(withKind(item, kind as ItemKind))} />
            <TextField path={`${path}.section`} label="Section" value={item.section} errors={errors} onChange={(section) => update({ ...item, section })} />
            <TextField path={`${path}.key`} label="Key" value={item.key} errors={errors} onChange={(key) => update({ ...item, key })} />
            <SelectField
              path={`${path}.reviewedBy`}
              label="Reviewed by"
              value={item.reviewedBy ?? NO_REVIEWER}
              options={reviewerOptions}
              errors={errors}
              onChange={(reviewedBy) => update(withOptional(item, 'reviewedBy', reviewedBy === NO_REVIEWER ? undefined : reviewedBy))}
            />
          </div>
          {item.kind === 'choice' ? <OptionsField item={item} path={path} errors={errors} onChange={update} /> : null}
          {item.kind === 'number' ? <NumberRules item={item} path={path} errors={errors} onChange={update} /> : null}
          <CheckList
            path={`${path}.requiredFor`}
            legend={item.kind === 'checkbox' ? 'Stages that need it ticked' : 'Stages that need an answer'}
            options={config.stages.map((stage, s) => ({ value: stage.key, label: stage.name || `Stage ${s + 1}` }))}
            checked={item.requiredFor}
            errors={errors}
            onChange={(requiredFor) => update({ ...item, requiredFor })}
          />
          <CheckList
            path={`${path}.agreedBy`}
            legend="Also agreed by (their approval covers the answer too)"
            options={config.teams.filter((t) => t.key !== item.reviewedBy).map((t, i) => ({ value: t.key, label: t.name || `Team ${i + 1}` }))}
            checked={item.agreedBy ?? []}
            errors={errors}
            onChange={(agreedBy) => update(withOptional(item, 'agreedBy', agreedBy.length === 0 ? undefined : agreedBy))}
          />
          <div className="check">
            <input
              id={fieldId(`${path}.agreedByEveryTeam`)}
              type="checkbox"
              checked={item.agreedByEveryTeam === true}
              onChange={(e) => update(withOptional(item, 'agreedByEveryTeam', e.target.checked ? true : undefined))}
            />
            <label htmlFor={fieldId(`${path}.agreedByEveryTeam`)} className="label-inline">
              Every team of these stages agrees to the answer: changing it asks all of them again, not only the reviewer
            </label>
          </div>
        </>
      )}
    </ListEditor>
  );
}
