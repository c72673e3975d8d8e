import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig, Policies } from '../../../src/gate/v2/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { GroupPicker } from './group-picker';

type PolicySwitch = Exclude<keyof Policies, 'overrideGroups'>;

/** The policies a project switches on or off, in the words of the settings page. */
const SWITCHES: readonly (readonly [PolicySwitch, string])[] = [
  ['reporterMayApprove', 'The reporter may approve their own ticket'],
  ['onePersonOneTeam', 'One person approves for at most one team per ticket'],
  ['separationOfDuties', 'Separation of duties: whoever recorded a number or an answer cannot approve it for the team that signs it off'],
  ['recheckMembershipAtTransition', 'At the transition, count an approval only while its approver is still in the group it came through'],
  ['reAddedTeamsKeepApprovals', 'A team removed and added back keeps the approvals it had'],
  ['allowEmptyStages', 'Allow a stage that requires nothing (it lets every ticket through)'],
];

/** Who may approve and who may override, and the separation of duties. */
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
