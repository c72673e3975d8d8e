import type { FieldError, GateConfig } from '../../../src/gate/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { CheckList } from './check-list';
import { replaced, toggled, withOptional } from './draft';
import { ListEditor } from './list-editor';
import { ReleaseRequirement } from './release-requirement';
import { RemindersEditor } from './reminders-editor';
import { RequiredChecksField } from './required-checks-field';
import { NameAndKey, NumberField, TextField } from './text-field';

/** Stages: name, key, how long approvals last, the status review begins in, and which numbers each needs. */
export function StagesEditor({ config, savedKeys, errors, onChange }: {
  readonly config: GateConfig;
  readonly savedKeys: ReadonlySet<string>;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <ListEditor list="stages" config={config} errors={errors} onChange={onChange}>
      {(stage, { path, update, rename }) => (
        <>
          <div className="row">
            <NameAndKey
              path={path}
              name={stage.name}
              itemKey={stage.key}
              saved={savedKeys.has(stage.key)}
              savedHint="Workflow validators and overrides name this key, so it cannot change."
              errors={errors}
              onName={(name) => update({ ...stage, name })}
              onKey={rename}
            />
            <NumberField
              path={`${path}.approvalLifetimeDays`}
              label="Approvals last (days)"
              value={stage.approvalLifetimeDays}
              errors={errors}
              hint="Empty: approvals never expire."
              onChange={(days) => update(withOptional(stage, 'approvalLifetimeDays', days))}
            />
            <TextField
              path={`${path}.fromStatus`}
              label="Review begins in status"
              value={stage.fromStatus ?? ''}
              errors={errors}
              hint="The Jira status this stage's transition leaves from: the reviews page measures waits from the moment a ticket moves into it."
              onChange={(status) => update(withOptional(stage, 'fromStatus', status === '' ? undefined : status))}
            />
          </div>
          {config.numbers.length === 0 ? null : (
            <CheckList
              path={`${path}.requiredNumbers`}
              legend={`Numbers ${stage.name || 'this stage'} needs`}
              options={config.numbers.map((number, n) => ({ value: number.key, label: number.label || number.key || `Number ${n + 1}` }))}
              checked={stage.requiredNumbers}
              errors={errors}
              onChange={(requiredNumbers) => update({ ...stage, requiredNumbers })}
            />
          )}
          <FieldMessage errors={errors} path={`${path}.requiredTeams`} />
          <RequiredChecksField stage={stage} path={path} errors={errors} onChange={update} />
          <ReleaseRequirement stage={stage} path={path} errors={errors} onChange={update} />
          <RemindersEditor stage={stage} path={path} errors={errors} onChange={update} />
        </>
      )}
    </ListEditor>
  );
}

/** Which teams each stage requires: one checkbox per team and stage. */
export function TeamStageGrid({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const dangling = config.stages.flatMap((stage, s) =>
    stage.requiredTeams.flatMap((team, i) => (config.teams.some((t) => t.key === team) ? [] : [{ path: `stages.${s}.requiredTeams.${i}` }])),
  );
  return (
    <section aria-labelledby="grid-heading">
      <h2 id="grid-heading">Which teams each stage requires</h2>
      <div className="grid-scroll">
        <table className="grid">
          <caption className="visually-hidden">Teams (rows) required by each stage (columns)</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              {config.stages.map((stage, s) => <th key={s} scope="col">{stage.name || `Stage ${s + 1}`}</th>)}
            </tr>
          </thead>
          <tbody>
            {config.teams.map((team, t) => (
              <tr key={t}>
                <th scope="row">{team.name || `Team ${t + 1}`}</th>
                {config.stages.map((stage, s) => {
                  const position = stage.requiredTeams.indexOf(team.key);
                  const checked = team.key !== '' && position >= 0;
                  // A checked box carries the id of its requiredTeams entry, so an error on that entry focuses it.
                  const id = checked ? fieldId(`stages.${s}.requiredTeams.${position}`) : `grid-${s}-${t}`;
                  const invalid = checked && errors.some((e) => e.path === `stages.${s}.requiredTeams.${position}`);
                  return (
                    <td key={s}>
                      <input
                        id={id}
                        type="checkbox"
                        checked={checked}
                        disabled={team.key === ''}
                        aria-invalid={invalid}
                        aria-label={`${stage.name || `Stage ${s + 1}`} requires ${team.name || `team ${t + 1}`}`}
                        onChange={(e) =>
                          onChange({ ...config, stages: replaced(config.stages, s, { ...stage, requiredTeams: toggled(stage.requiredTeams, team.key, e.target.checked) }) })
                        }
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {config.teams.some((t) => t.key === '') ? <p className="hint">Give a team a key before choosing its stages.</p> : null}
      {dangling.map(({ path }) => <FieldMessage key={path} errors={errors} path={path} />)}
    </section>
  );
}
