import type { FieldError, GateConfig, NumberSpec } from '../../../src/gate/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { emptyNumber, keyFromName, removeNumber, renameNumber, replaced, withOptional } from './draft';
import { NumberField, SelectField, TextField } from './text-field';

/** Numbers recorded on each issue (capacity, velocity...): unit, limits and the team that signs them off. */
export function NumbersEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const teamOptions = config.teams.map((t) => ({ value: t.key, label: t.name || t.key || '(team without a key)' }));
  return (
    <section aria-labelledby="numbers-heading">
      <h2 id="numbers-heading">Numbers</h2>
      <p className="subtle">Changing a recorded number makes only the signing team’s approval stale.</p>
      {config.numbers.map((spec, index) => {
        const path = `numbers.${index}`;
        const update = (next: NumberSpec): void => onChange({ ...config, numbers: replaced(config.numbers, index, next) });
        const integerId = `${fieldId(path)}-integer`;
        return (
          <fieldset key={index} id={fieldId(path)} tabIndex={-1} className="item">
            <legend>{spec.label || `Number ${index + 1}`}</legend>
            <div className="row">
              <TextField
                path={`${path}.label`}
                label="Label"
                value={spec.label}
                errors={errors}
                onChange={(label) => update({ ...spec, label })}
                onBlur={() => {
                  if (spec.key === '' && spec.label.trim() !== '') onChange(renameNumber(config, index, keyFromName(spec.label)));
                }}
              />
              <TextField path={`${path}.key`} label="Key" value={spec.key} errors={errors} onChange={(key) => onChange(renameNumber(config, index, key))} />
              <TextField path={`${path}.unit`} label="Unit" value={spec.unit} errors={errors} hint="For example req/s or story points." onChange={(unit) => update({ ...spec, unit })} />
            </div>
            <div className="row">
              <NumberField path={`${path}.min`} label="Minimum" value={spec.min} errors={errors} onChange={(min) => update(withOptional(spec, 'min', min))} />
              <NumberField path={`${path}.max`} label="Maximum" value={spec.max} errors={errors} onChange={(max) => update(withOptional(spec, 'max', max))} />
              <SelectField path={`${path}.signedOffBy`} label="Signed off by" value={spec.signedOffBy} options={teamOptions} errors={errors} onChange={(signedOffBy) => update({ ...spec, signedOffBy })} />
            </div>
            <div className="check">
              <input id={integerId} type="checkbox" checked={spec.integer} onChange={(e) => update({ ...spec, integer: e.target.checked })} />
              <label htmlFor={integerId} className="label-inline">Whole numbers only</label>
            </div>
            <div className="buttons">
              <button type="button" className="button button-subtle" onClick={() => onChange(removeNumber(config, index))}>
                Remove number {spec.label || index + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <FieldMessage errors={errors} path="numbers" />
      <button
        type="button"
        className="button"
        disabled={config.teams.length === 0}
        onClick={() => onChange({ ...config, numbers: [...config.numbers, emptyNumber(config.teams[0]?.key ?? '')] })}
      >
        Add a number
      </button>
    </section>
  );
}
