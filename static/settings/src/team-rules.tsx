import type { SiteField } from '../../../src/contract';
import type { FieldError } from '../../../src/gate/config';
import { APPROVER_FIELD_KINDS } from '../../../src/gate/v2/config';
import type { Applies, ApproversFrom, Condition, ConditionTest, GateConfigV2 as GateConfig, Team } from '../../../src/gate/v2/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { replaced, withOptional } from './draft';
import { GroupPicker } from './group-picker';
import { NumberField, SelectField, TextField } from './text-field';

const WHEN_OPTIONS = [
  { value: 'always', label: 'On every gated ticket' },
  { value: 'condition', label: 'Only where a ticket field says so' },
  { value: 'if-present', label: 'Optional unless present (required where a field says so, or once it decided)' },
];
const KIND_NAMES: Readonly<Record<ApproversFrom['kind'], string>> = { 'group-picker': 'Group picker field', select: 'Select list field', component: 'Components' };
const KIND_OPTIONS = APPROVER_FIELD_KINDS.map((kind) => ({ value: kind, label: KIND_NAMES[kind] }));
const BUILT_IN_FIELDS = [
  { value: 'labels', label: 'Labels' },
  { value: 'components', label: 'Components' },
  { value: 'issuetype', label: 'Issue type' },
];

/**
 * The site's custom fields offered for a condition or an approver source (only the fields of its kind: selects for a
 * select, group pickers for a group picker), by id, with the configuration's own names.
 */
function fieldOptions(config: GateConfig, fields: readonly SiteField[], current: string): { value: string; label: string }[] {
  const custom = new Map<string, string>(Object.entries(config.fieldNames));
  for (const f of fields) custom.set(f.id, f.name);
  if (/^customfield_\d+$/.test(current) && !custom.has(current)) custom.set(current, current);
  return [...custom].map(([id, name]) => ({ value: id, label: `${name} (${id})` }));
}

/** The configuration with a custom field's display name noted, so sentences say "Owning SIG" rather than its id. */
export function namingField(config: GateConfig, fields: readonly SiteField[], id: string): GateConfig {
  const field = fields.find((f) => f.id === id);
  return field === undefined || config.fieldNames[id] === field.name ? config : { ...config, fieldNames: { ...config.fieldNames, [id]: field.name } };
}

/** One test of a condition: a field, and a value it must have or "is set". */
function ConditionTestRow({ config, fields, test, path, errors, onChange, onRemove }: {
  readonly config: GateConfig;
  readonly fields: readonly SiteField[];
  readonly test: ConditionTest;
  readonly path: string;
  readonly errors: readonly FieldError[];
  readonly onChange: (test: ConditionTest, field?: string) => void;
  readonly onRemove: () => void;
}) {
  const options = [...BUILT_IN_FIELDS, ...fieldOptions(config, fields, test.field)];
  const isSet = 'isSet' in test;
  return (
    <div className="row condition-test">
      <SelectField path={`${path}.field`} label="Field" value={test.field} options={options} errors={errors} onChange={(field) => onChange(isSet ? { field, isSet: true } : { field, is: test.is }, field)} />
      <SelectField
        path={`${path}.test`}
        label="Test"
        value={isSet ? 'isSet' : 'is'}
        options={[{ value: 'is', label: 'is' }, { value: 'isSet', label: 'is set' }]}
        errors={errors}
        onChange={(kind) => onChange(kind === 'isSet' ? { field: test.field, isSet: true } : { field: test.field, is: '' })}
      />
      {isSet ? null : <TextField path={`${path}.is`} label="Value" value={test.is} errors={errors} onChange={(is) => onChange({ field: test.field, is })} />}
      <button type="button" className="button button-subtle" onClick={onRemove}>Remove this test</button>
    </div>
  );
}

/** When the team applies: always, where a condition holds, or optional unless present. */
function Applicability({ config, fields, team, path, errors, onTeam }: TeamRulesProps) {
  const applies = team.applies;
  const condition: Condition | undefined = applies.when === 'always' ? undefined : applies.condition;
  const setApplies = (next: Applies, field?: string): void => onTeam({ ...team, applies: next }, field);
  const setCondition = (next: Condition | undefined, field?: string): void => {
    if (applies.when === 'condition') setApplies({ when: 'condition', condition: next ?? { anyOf: [] } }, field);
    else if (applies.when === 'if-present') setApplies(next === undefined || next.anyOf.length === 0 ? { when: 'if-present' } : { when: 'if-present', condition: next }, field);
  };
  const tests = condition?.anyOf ?? [];
  const conditionPath = `${path}.applies.condition`;
  return (
    <fieldset className="team-rule">
      <legend>When {team.name || 'the team'} must agree</legend>
      <SelectField
        path={`${path}.applies.when`}
        label="Applies"
        value={applies.when}
        options={WHEN_OPTIONS}
        errors={errors}
        onChange={(when) =>
          setApplies(when === 'always' ? { when } : when === 'condition' ? { when, condition: condition ?? { anyOf: [{ field: 'labels', is: '' }] } } : { when: 'if-present', ...(condition === undefined ? {} : { condition }) })
        }
      />
      {applies.when === 'always' ? null : (
        <>
          <p className="hint">{applies.when === 'condition' ? 'Required on tickets where any of these holds:' : 'Required where any of these holds (or once the team decided on the ticket):'}</p>
          {tests.map((test, i) => (
            <ConditionTestRow
              key={i}
              config={config}
              fields={fields}
              test={test}
              path={`${conditionPath}.anyOf.${i}`}
              errors={errors}
              onChange={(next, field) => setCondition({ anyOf: replaced(tests, i, next) }, field)}
              onRemove={() => setCondition({ anyOf: tests.filter((_, j) => j !== i) })}
            />
          ))}
          <FieldMessage errors={errors} path={`${conditionPath}.anyOf`} />
          <button type="button" className="button" onClick={() => setCondition({ anyOf: [...tests, { field: 'labels', is: '' }] })}>Add a test</button>
        </>
      )}
    </fieldset>
  );
}

/** Approvers resolved per ticket from a field: a group picker names the group; a select option or a component maps to groups. */
function ApproversFromField({ config, fields, team, path, errors, onTeam }: TeamRulesProps) {
  const from = team.approversFrom;
  const toggleId = `${fieldId(path)}-from-field`;
  const fromPath = `${path}.approversFrom`;
  const set = (next: ApproversFrom | undefined): void => onTeam(withOptional(team, 'approversFrom', next));
  const mapping = Object.entries(from?.groups ?? {});
  const setMapping = (rows: readonly (readonly [string, string[]])[]): void => {
    if (from === undefined) return;
    set(rows.length === 0 ? withOptional(from, 'groups', undefined) : { ...from, groups: Object.fromEntries(rows) });
  };
  return (
    <fieldset className="team-rule">
      <legend>Approvers from a ticket field</legend>
      <div className="check">
        <input id={toggleId} type="checkbox" checked={from !== undefined} onChange={(e) => set(e.target.checked ? { field: 'components', kind: 'component', groups: {} } : undefined)} />
        <label htmlFor={toggleId} className="label-inline">Each ticket names who approves for {team.name || 'the team'} (an owning SIG, say), besides its groups above</label>
      </div>
      {from === undefined ? null : (
        <>
          <div className="row">
            <SelectField
              path={`${fromPath}.kind`}
              label="Kind of field"
              value={from.kind}
              options={KIND_OPTIONS}
              errors={errors}
              onChange={(kind) =>
                set(kind === 'component' ? { ...from, kind: 'component', field: 'components' } : { ...from, kind: kind as ApproversFrom['kind'], field: from.field === 'components' ? '' : from.field })
              }
            />
            {from.kind === 'component' ? null : (
              <SelectField
                path={`${fromPath}.field`}
                label="Field"
                value={from.field}
                options={[{ value: '', label: 'Choose a field' }, ...fieldOptions(config, fields.filter((f) => f.kind === from.kind), from.field)]}
                errors={errors}
                onChange={(field) => onTeam({ ...team, approversFrom: { ...from, field } }, field)}
              />
            )}
          </div>
          <p className="hint">
            {from.kind === 'group-picker'
              ? 'The group the field names approves. To allow only some groups, map each allowed value to itself below.'
              : 'Which groups approve for each value of the field:'}
          </p>
          {mapping.map(([value, groups], i) => {
            const rowPath = `${fromPath}.groups.${value}`;
            const groupErrors = errorProps(errors, rowPath);
            return (
              <div key={i} className="row field-value">
                <TextField path={`${fromPath}.values.${i}`} label="Value" value={value} errors={errors} onChange={(next) => setMapping(replaced(mapping, i, [next, groups] as const))} />
                <div className="field">
                  <GroupPicker
                    id={fieldId(rowPath)}
                    label={`Groups for ${value || 'this value'}`}
                    groups={groups}
                    invalid={groupErrors['aria-invalid']}
                    describedBy={groupErrors['aria-describedby']}
                    onChange={(next) => setMapping(replaced(mapping, i, [value, next] as const))}
                  />
                  <FieldMessage errors={errors} path={rowPath} />
                </div>
                <button type="button" className="button button-subtle" onClick={() => setMapping(mapping.filter((_, j) => j !== i))}>Remove {value || 'this value'}</button>
              </div>
            );
          })}
          <FieldMessage errors={errors} path={`${fromPath}.groups`} />
          <button type="button" className="button" onClick={() => setMapping([...mapping, ['', []]])}>Add a value</button>
        </>
      )}
    </fieldset>
  );
}

interface TeamRulesProps {
  readonly config: GateConfig;
  /** The site's custom fields (getFields); empty when Jira could not list them. */
  readonly fields: readonly SiteField[];
  readonly team: Team;
  readonly path: string;
  readonly errors: readonly FieldError[];
  /** The edited team; `field` names a custom field it now uses, whose display name the configuration then notes. */
  readonly onTeam: (team: Team, field?: string) => void;
}

/** A team's rules of model v2: how many approvers must agree, when it applies, and approvers from a ticket field. */
export function TeamRules(props: TeamRulesProps) {
  const { team, path, errors, onTeam } = props;
  return (
    <>
      <NumberField
        path={`${path}.minApprovals`}
        label="Approvers who must agree"
        value={team.minApprovals}
        errors={errors}
        hint="Distinct people of the team, at every stage that requires it; a stage may ask for more."
        onChange={(n) => onTeam({ ...team, minApprovals: n ?? 1 })}
      />
      <Applicability {...props} />
      <ApproversFromField {...props} />
    </>
  );
}
