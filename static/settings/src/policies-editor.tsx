import type { FieldError, GateConfig, Policies } from '../../../src/gate/config';
import { POLICY_SWITCHES as SWITCHES } from '../../../src/gate/policies';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { GroupPicker } from './group-picker';

/** Who may approve and who may override. */
export function PoliciesEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const { policies } = config;
  const update = (patch: Partial<Policies>): void => onChange({ ...config, policies: { ...policies, ...patch } });
  const groupsPath = 'policies.overrideGroups';
  const groupErrors = errorProps(errors, groupsPath);
  return (
    <section aria-labelledby="policies-heading">
      <h2 id="policies-heading">Policies</h2>
      {SWITCHES.map(([key, label]) => (
        <div key={key} className="check">
          <input id={fieldId(`policies.${key}`)} type="checkbox" checked={policies[key]} onChange={(e) => update({ [key]: e.target.checked })} />
          <label htmlFor={fieldId(`policies.${key}`)} className="label-inline">{label}</label>
        </div>
      ))}
      <GroupPicker
        id={fieldId(groupsPath)}
        label="Override groups (members may force a blocked stage open, with a justification)"
        groups={policies.overrideGroups}
        invalid={groupErrors['aria-invalid']}
        describedBy={groupErrors['aria-describedby']}
        onChange={(overrideGroups) => update({ overrideGroups })}
      />
      <FieldMessage errors={errors} path={groupsPath} />
    </section>
  );
}
