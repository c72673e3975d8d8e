import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig, Stage, StageTeam } from '../../../src/gate/v2/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { CheckList } from './check-list';
import { replaced, withOptional } from './draft';
import { ListEditor } from './list-editor';
import { ReleaseRequirement } from './release-requirement';
import { RemindersEditor } from './reminders-editor';
import { RequiredChecksField } from './required-checks-field';
import { NameAndKey, NumberField, TextField } from './text-field';

/**
 * Stages: name, key, how long approvals and waivers last, the status review begins in, which numbers each needs, and
 * which earlier stages' approvals also count (carry-over; none by default, so each stage is approved on its own).
 */
export function StagesEditor({ config, savedKeys, errors, onChange }: {
  readonly config: GateConfig;
  readonly savedKeys: ReadonlySet<string>;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <ListEditor list="stages" config={config} errors={errors} onChange={onChange}>
      {(stage, { index, path, update, rename }) => (
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
            <NumberField
              path={`${path}.waiverLifetimeDays`}
              label="“Not applicable” lasts (days)"
              value={stage.waiverLifetimeDays}
              errors={errors}
              hint="Empty: a waiver stands until withdrawn."
              onChange={(days) => update(withOptional(stage, 'waiverLifetimeDays', days))}
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
              path={`${path}.numbers`}
              legend={`Numbers ${stage.name || 'this stage'} needs`}
              options={config.numbers.map((number, n) => ({ value: number.key, label: number.label || number.key || `Number ${n + 1}` }))}
              checked={stage.numbers}
              errors={errors}
              onChange={(numbers) => update({ ...stage, numbers })}
            />
          )}
          {index === 0 ? null : (
            <CheckList
              path={`${path}.carryOver`}
              legend={`Earlier stages whose approvals also count for ${stage.name || 'this stage'}`}
              options={config.stages.slice(0, index).map((earlier, e) => ({ value: earlier.key, label: earlier.name || `Stage ${e + 1}` }))}
              checked={stage.carryOver}
              errors={errors}
              onChange={(carryOver) => update({ ...stage, carryOver })}
            />
          )}
          <FieldMessage errors={errors} path={`${path}.teams`} />
          <RequiredChecksField stage={stage} path={path} errors={errors} onChange={update} />
          <ReleaseRequirement stage={stage} path={path} errors={errors} onChange={update} />
          <RemindersEditor stage={stage} path={path} errors={errors} onChange={update} />
        </>
      )}
    </ListEditor>
  );
}

/** A stage's teams with one added (in the configuration's team order, as v1 named them) or removed. */
function withTeam(config: GateConfig, stage: Stage, team: string, on: boolean): StageTeam[] {
  const without = stage.teams.filter((t) => t.team !== team);
  if (!on) return without;
  const order = (key: string): number => config.teams.findIndex((t) => t.key === key);
  return [...without, { team }].sort((a, b) => order(a.team) - order(b.team));
}

/**
 * Which teams each stage requires, and how many of each team's approvers must agree there: a checkbox per team and
 * stage, and beside a checked one the minimum ("1 of 2" in the panel); empty means the team's own minimum.
 */
export function TeamStageGrid({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const dangling = config.stages.flatMap((stage, s) =>
    stage.teams.flatMap((entry, i) => (config.teams.some((t) => t.key === entry.team) ? [] : [{ path: `stages.${s}.teams.${i}.team` }])),
  );
  const setStage = (s: number, stage: Stage): void => onChange({ ...config, stages: replaced(config.stages, s, stage) });
  return (
    <section aria-labelledby="grid-heading">
      <h2 id="grid-heading">Which teams each stage requires</h2>
      <p className="subtle">Beside each checked box: how many of the team&rsquo;s approvers must approve that stage (empty: the team&rsquo;s own minimum).</p>
      <div className="grid-scroll">
        <table className="grid">
          <caption className="visually-hidden">Teams (rows) required by each stage (columns), with the approvals each stage needs from them</caption>
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
                  const position = stage.teams.findIndex((entry) => entry.team === team.key);
                  const entry = stage.teams[position];
                  const checked = team.key !== '' && entry !== undefined;
                  // A checked box carries the id of its stage entry, so an error on that entry focuses it.
                  const entryPath = `stages.${s}.teams.${position}`;
                  const id = checked ? fieldId(`${entryPath}.team`) : `grid-${s}-${t}`;
                  const invalid = checked && errors.some((e) => e.path.startsWith(entryPath));
                  const stageName = stage.name || `Stage ${s + 1}`;
                  const teamName = team.name || `team ${t + 1}`;
                  return (
                    <td key={s}>
                      <input
                        id={id}
                        type="checkbox"
                        checked={checked}
                        disabled={team.key === ''}
                        aria-invalid={invalid}
                        aria-label={`${stageName} requires ${teamName}`}
                        onChange={(e) => setStage(s, { ...stage, teams: withTeam(config, stage, team.key, e.target.checked) })}
                      />
                      {entry === undefined ? null : (
                        <input
                          id={fieldId(`${entryPath}.minApprovals`)}
                          className="grid-min"
                          type="number"
                          min={team.minApprovals}
                          max={20}
                          placeholder={String(team.minApprovals)}
                          value={entry.minApprovals ?? ''}
                          aria-label={`Approvals ${stageName} needs from ${teamName}`}
                          aria-invalid={errors.some((e) => e.path === `${entryPath}.minApprovals`)}
                          onChange={(e) => {
                            const value = e.target.value === '' ? undefined : Number(e.target.value);
                            setStage(s, { ...stage, teams: replaced(stage.teams, position, withOptional(entry, 'minApprovals', Number.isInteger(value) ? value : undefined)) });
                          }}
                        />
                      )}
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
      {config.stages.flatMap((stage, s) => stage.teams.map((_, i) => <FieldMessage key={`${s}.${i}`} errors={errors} path={`stages.${s}.teams.${i}.minApprovals`} />))}
    </section>
  );
}
