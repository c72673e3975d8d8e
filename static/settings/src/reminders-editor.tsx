import type { FieldError } from '../../../src/gate/config';
import type { Stage } from '../../../src/gate/v2/config';
import type { StageReminders } from '../../../src/gate/reminder-defaults';
import { DEFAULT_STAGE_REMINDERS, remindersOf } from '../../../src/gate/reminder-defaults';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { GroupPicker } from './group-picker';
import { NumberField } from './text-field';

/**
 * One stage's reminders and escalation (issue 16): how long a team may keep a ticket waiting before its groups are
 * reminded, how often again, when the stage's escalation groups are told, and whether the reporter hears of declines
 * and of the stage becoming ready. Shows the defaults until the stage has its own settings.
 */
export function RemindersEditor({ stage, path, errors, onChange }: {
  readonly stage: Stage;
  readonly path: string;
  readonly errors: readonly FieldError[];
  readonly onChange: (stage: Stage) => void;
}) {
  const settings = remindersOf(stage);
  const update = (patch: Partial<StageReminders>): void =>
    onChange({ ...stage, reminders: { ...settings, ...patch, escalationGroups: [...(patch.escalationGroups ?? settings.escalationGroups)] } });
  const at = `${path}.reminders`;
  const groupsPath = `${at}.escalationGroups`;
  const groupErrors = errorProps(errors, groupsPath);
  const summary = settings.remindAfterHours === 0 ? 'off' : `after ${settings.remindAfterHours} h, then every ${settings.repeatEveryDays} days`;
  return (
    <details className="reminders" open={errors.some((e) => e.path.startsWith(at))}>
      <summary>Reminders and escalation: reminders {summary}</summary>
      <div className="row">
        <NumberField
          path={`${at}.remindAfterHours`}
          label="Remind a team after (hours waiting)"
          value={settings.remindAfterHours}
          errors={errors}
          hint="0 turns reminders off. One e-mail per team per day lists every ticket waiting on it."
          onChange={(hours) => update({ remindAfterHours: hours ?? 0 })}
        />
        <NumberField
          path={`${at}.repeatEveryDays`}
          label="Then at most every (days)"
          value={settings.repeatEveryDays}
          errors={errors}
          onChange={(days) => update({ repeatEveryDays: days ?? DEFAULT_STAGE_REMINDERS.repeatEveryDays })}
        />
        <NumberField
          path={`${at}.escalateAfterHours`}
          label="Escalate after (hours waiting)"
          value={settings.escalateAfterHours}
          errors={errors}
          hint="0 turns escalation off; it also needs a group below."
          onChange={(hours) => update({ escalateAfterHours: hours ?? 0 })}
        />
      </div>
      <GroupPicker
        id={fieldId(groupsPath)}
        label="Escalation groups (told once when a team keeps a ticket waiting past the escalation time)"
        groups={settings.escalationGroups}
        invalid={groupErrors['aria-invalid']}
        describedBy={groupErrors['aria-describedby']}
        onChange={(escalationGroups) => update({ escalationGroups })}
      />
      <FieldMessage errors={errors} path={groupsPath} />
      <div className="check">
        <input id={fieldId(`${at}.tellReporter`)} type="checkbox" checked={settings.tellReporter} onChange={(e) => update({ tellReporter: e.target.checked })} />
        <label htmlFor={fieldId(`${at}.tellReporter`)} className="label-inline">Tell the reporter when a team declines and when this stage is ready</label>
      </div>
    </details>
  );
}
