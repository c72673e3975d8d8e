import type { FieldError, GateConfig } from '../../../src/gate/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { emptyStage, keyFromName, removeStage, renameStage, replaced, toggled, withOptional } from './draft';
import { NumberField, TextField } from './text-field';

/** Stages: name, key, how long approvals last, and which numbers each needs. */
export function StagesEditor({ config, savedKeys, errors, onChange }: {
  readonly config: GateConfig;
  readonly savedKeys: ReadonlySet<string>;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <section aria-labelledby="stages-heading">
      <h2 id="stages-heading">Stages</h2>
      <p className="subtle">A stage is a gated transition. Its workflow validator names the stage key.</p>
      <FieldMessage errors={errors} path="stages" />
      {config.stages.map((stage, index) => {
        const path = `stages.${index}`;
        const saved = savedKeys.has(stage.key);
        const update = (patch: Partial<typeof stage>): void => onChange({ ...config, stages: replaced(config.stages, index, { ...stage, ...patch }) });
        return (
          <fieldset key={index} id={fieldId(path)} tabIndex={-1} className="item">
            <legend>{stage.name || `Stage ${index + 1}`}</legend>
            <div className="row">
              <TextField
                path={`${path}.name`}
                label="Name"
                value={stage.name}
                errors={errors}
                onChange={(name) => update({ name })}
                onBlur={() => {
                  if (stage.key === '' && stage.name.trim() !== '') onChange(renameStage(config, index, keyFromName(stage.name)));
                }}
              />
              <TextField
                path={`${path}.key`}
                label="Key"
                value={stage.key}
                errors={errors}
                readOnly={saved}
                hint={saved ? 'Workflow validators and overrides name this key, so it cannot change.' : 'Lowercase letters, digits and dashes.'}
                onChange={(key) => onChange(renameStage(config, index, key))}
              />
              <NumberField
                path={`${path}.approvalLifetimeDays`}
                label="Approvals last (days)"
                value={stage.approvalLifetimeDays}
                errors={errors}
                hint="Empty: approvals never expire."
                onChange={(days) => onChange({ ...config, stages: replaced(config.stages, index, withOptional(stage, 'approvalLifetimeDays', days)) })}
              />
            </div>
            {config.numbers.length === 0 ? null : (
              <fieldset id={fieldId(`${path}.requiredNumbers`)} tabIndex={-1}>
                <legend>Numbers {stage.name || 'this stage'} needs</legend>
                {config.numbers.map((number, n) => {
                  const id = `${fieldId(path)}-number-${n}`;
                  return (
                    <div key={n} className="check">
                      <input
                        id={id}
                        type="checkbox"
                        checked={stage.requiredNumbers.includes(number.key)}
                        onChange={(e) => update({ requiredNumbers: toggled(stage.requiredNumbers, number.key, e.target.checked) })}
                      />
                      <label htmlFor={id} className="label-inline">{number.label || number.key || `Number ${n + 1}`}</label>
                    </div>
                  );
                })}
                {stage.requiredNumbers.map((_, i) => <FieldMessage key={i} errors={errors} path={`${path}.requiredNumbers.${i}`} />)}
              </fieldset>
            )}
            <FieldMessage errors={errors} path={`${path}.requiredTeams`} />
            <div className="buttons">
              <button type="button" className="button button-subtle" onClick={() => onChange(removeStage(config, index))}>
                Remove stage {stage.name || index + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => onChange({ ...config, stages: [...config.stages, emptyStage()] })}>Add a stage</button>
    </section>
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
