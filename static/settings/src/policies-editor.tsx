import type { FieldError, GateConfig, Policies } from '../../../src/gate/config';
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
      <div className="check">
        <input id={fieldId('policies.reporterMayApprove')} type="checkbox" checked={policies.reporterMayApprove} onChange={(e) => update({ reporterMayApprove: e.target.checked })} />
        <label htmlFor={fieldId('policies.reporterMayApprove')} className="label-inline">The reporter may approve their own ticket</label>
      </div>
      <div className="check">
        <input id={fieldId('policies.onePersonOneTeam')} type="checkbox" checked={policies.onePersonOneTeam} onChange={(e) => update({ onePersonOneTeam: e.target.checked })} />
        <label htmlFor={fieldId('policies.onePersonOneTeam')} className="label-inline">One person approves for at most one team per ticket</label>
      </div>
      <div className="check">
        <input id={fieldId('policies.recheckApproversAtTransition')} type="checkbox" checked={policies.recheckApproversAtTransition} onChange={(e) => update({ recheckApproversAtTransition: e.target.checked })} />
        <label htmlFor={fieldId('policies.recheckApproversAtTransition')} className="label-inline">At the transition, check that every approver is still in their team's groups</label>
      </div>
      <div className="check">
        <input id={fieldId('policies.reAddedTeamsKeepApprovals')} type="checkbox" checked={policies.reAddedTeamsKeepApprovals} onChange={(e) => update({ reAddedTeamsKeepApprovals: e.target.checked })} />
        <label htmlFor={fieldId('policies.reAddedTeamsKeepApprovals')} className="label-inline">A team removed and added back keeps the approvals it had</label>
      </div>
      <div className="check">
        <input id={fieldId('policies.allowEmptyStages')} type="checkbox" checked={policies.allowEmptyStages} onChange={(e) => update({ allowEmptyStages: e.target.checked })} />
        <label htmlFor={fieldId('policies.allowEmptyStages')} className="label-inline">Allow a stage that requires nothing (it lets every ticket through)</label>
      </div>
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
