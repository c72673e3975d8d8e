import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { fieldId } from '../../shared/field-errors';
import { withOptional } from './draft';
import { ListEditor } from './list-editor';
import { NameAndKey, NumberField, SelectField, TextField } from './text-field';

/** Numbers recorded on each issue (capacity, velocity...): unit, limits and the team that signs them off. */
export function NumbersEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const teamOptions = config.teams.map((t) => ({ value: t.key, label: t.name || t.key || '(team without a key)' }));
  return (
    <ListEditor list="numbers" config={config} errors={errors} onChange={onChange}>
      {(spec, { path, update, rename }) => {
        const integerId = `${fieldId(path)}-integer`;
        return (
          <>
            <div className="row">
              <NameAndKey
                path={path}
                nameField="label"
                nameLabel="Label"
                name={spec.label}
                itemKey={spec.key}
                errors={errors}
                onName={(label) => update({ ...spec, label })}
                onKey={rename}
              />
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
          </>
        );
      }}
    </ListEditor>
  );
}
