import type { FieldError } from '../../../src/gate/config';
import type { Stage } from '../../../src/gate/v2/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { withOptional } from './draft';
import { GroupPicker } from './group-picker';
import { NumberField } from './text-field';

/**
 * A stage's release milestone (issue 16): whether the ticket must target a release (Jira Fix version), whose change
 * asks the teams again, and a freeze some days before the release date, after which only an exception granted by one
 * of the exception groups lets the ticket through.
 */
export function ReleaseRequirement({ stage, path, errors, onChange }: {
  readonly stage: Stage;
  readonly path: string;
  readonly errors: readonly FieldError[];
  readonly onChange: (stage: Stage) => void;
}) {
  const id = fieldId(`${path}.requiresRelease`);
  const groupsPath = `${path}.freeze.exceptionGroups`;
  const groupErrors = errorProps(errors, groupsPath);
  const freeze = stage.freeze;
  return (
    <>
      <div className="check">
        <input id={id} type="checkbox" checked={stage.requiresRelease === true} onChange={(e) => onChange(withOptional(stage, 'requiresRelease', e.target.checked ? true : undefined))} />
        <label htmlFor={id} className="label-inline">Needs a target release (Fix version); moving the ticket to another release asks the teams again</label>
      </div>
      <div className="row">
        <NumberField
          path={`${path}.freeze.daysBeforeRelease`}
          label="Freeze (days before the release date)"
          value={freeze?.daysBeforeRelease}
          errors={errors}
          hint="Empty: no freeze. From then on only an exception lets a ticket through."
          onChange={(days) => onChange(withOptional(stage, 'freeze', days === undefined ? undefined : { daysBeforeRelease: days, exceptionGroups: freeze?.exceptionGroups ?? [] }))}
        />
      </div>
      {freeze === undefined ? null : (
        <>
          <GroupPicker
            id={fieldId(groupsPath)}
            label="Exception groups (may let a ticket through the freeze, with a justification)"
            groups={freeze.exceptionGroups}
            invalid={groupErrors['aria-invalid']}
            describedBy={groupErrors['aria-describedby']}
            onChange={(exceptionGroups) => onChange({ ...stage, freeze: { ...freeze, exceptionGroups } })}
          />
          <FieldMessage errors={errors} path={groupsPath} />
        </>
      )}
    </>
  );
}
