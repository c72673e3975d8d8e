import type { FieldError, GateConfig, Policies } from '../../../src/gate/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { GroupPicker } from './group-picker';

type Switch = { [K in keyof Policies]: Policies[K] extends boolean ? K : never }[keyof Policies];

/** The policies that are on or off, each with what it means, in the order the page shows them. */
const SWITCHES: readonly (readonly [Switch, string])[] = [
  ['reporterMayApprove', 'The reporter may approve their own ticket'],
  ['onePersonOneTeam', 'One person approves for at most one team per ticket'],
  ['recheckApproversAtTransition', "At the transition, check that every approver is still in their team's groups"],
  ['reAddedTeamsKeepApprovals', 'A team removed and added back keeps the approvals it had'],
  ['allowEmptyStages', 'Allow a stage that requires nothing (it lets every ticket through)'],
];

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
