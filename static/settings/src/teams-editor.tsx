import type { BenchDepth } from '../../../src/contract';
import { AREA_NAMES, AREAS } from '../../../src/gate/config';
import type { Area, FieldError, GateConfig } from '../../../src/gate/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { emptyTeam, keyFromName, removeTeam, renameTeam, replaced } from './draft';
import { GroupPicker } from './group-picker';
import { SelectField, TextField } from './text-field';

const AREA_OPTIONS = AREAS.map((area) => ({ value: area, label: AREA_NAMES[area] }));

/** How many people can approve for a team, with a warning when one absence would stall the gate. */
function Bench({ bench, loading }: { readonly bench: BenchDepth | undefined; readonly loading: boolean }) {
  if (bench === undefined) return <p className="hint">{loading ? 'Counting approvers…' : 'Approver count appears once the team is saved.'}</p>;
  const count = bench.approvers.length;
  const words = `${count === 1 ? 'One person can' : `${count} people can`} approve for this team.`;
  if (count >= 2 && bench.warning === undefined) return <p className="hint bench">{words}</p>;
  return (
    <p className="bench bench-warning" role="note">
      {words} {bench.warning ?? 'With fewer than two approvers, one absence stalls every go-live: add someone to its groups.'}
    </p>
  );
}

export function TeamsEditor({ config, savedKeys, errors, bench, benchLoading, onChange }: {
  readonly config: GateConfig;
  readonly savedKeys: ReadonlySet<string>;
  readonly errors: readonly FieldError[];
  readonly bench: readonly BenchDepth[] | undefined;
  readonly benchLoading: boolean;
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">Teams</h2>
      <p className="subtle">Each team acts through members of its Jira groups. A stage lists the teams it needs in the grid below.</p>
      <FieldMessage errors={errors} path="teams" />
      {config.teams.map((team, index) => {
        const path = `teams.${index}`;
        const saved = savedKeys.has(team.key);
        const update = (patch: Partial<typeof team>): void => onChange({ ...config, teams: replaced(config.teams, index, { ...team, ...patch }) });
        const groupsPath = `${path}.groups`;
        const groupErrors = errorProps(errors, groupsPath);
        const depth = bench?.find((b) => b.team === team.key);
        const thin = depth !== undefined && (depth.approvers.length < 2 || depth.warning !== undefined);
        const hasErrors = errors.some((e) => e.path === path || e.path.startsWith(`${path}.`));
        return (
          // Saved teams start folded so a long list stays scannable; new teams and teams with errors open.
          <details key={index} className="item-details" open={!saved || hasErrors}>
            <summary>
              <span className="team-name">{team.name || `Team ${index + 1}`}</span>{' '}
              <span className="subtle">
                {AREA_NAMES[team.area]} · {team.groups.length === 0 ? 'no groups yet' : team.groups.join(', ')}
              </span>
              {thin ? <span className="lozenge lozenge-warning">{depth.approvers.length === 1 ? '1 approver' : `${depth.approvers.length} approvers`}</span> : null}
              {hasErrors ? <span className="lozenge lozenge-danger">Needs fixing</span> : null}
            </summary>
            <fieldset id={fieldId(path)} tabIndex={-1} className="item">
              <legend>{team.name || `Team ${index + 1}`}</legend>
              <div className="row">
                <TextField
                  path={`${path}.name`}
                  label="Name"
                  value={team.name}
                  errors={errors}
                  onChange={(name) => update({ name })}
                  onBlur={() => {
                    if (team.key === '' && team.name.trim() !== '') onChange(renameTeam(config, index, keyFromName(team.name)));
                  }}
                />
                <TextField
                  path={`${path}.key`}
                  label="Key"
                  value={team.key}
                  errors={errors}
                  readOnly={saved}
                  hint={saved ? 'Saved decisions are stored under this key, so it cannot change.' : 'Lowercase letters, digits and dashes.'}
                  onChange={(key) => onChange(renameTeam(config, index, key))}
                />
                <SelectField path={`${path}.area`} label="Area" value={team.area} options={AREA_OPTIONS} errors={errors} onChange={(area) => update({ area: area as Area })} />
              </div>
              <GroupPicker
                id={fieldId(groupsPath)}
                label={`Groups that act for ${team.name || `team ${index + 1}`}`}
                groups={team.groups}
                invalid={groupErrors['aria-invalid']}
                describedBy={groupErrors['aria-describedby']}
                onChange={(groups) => update({ groups })}
              />
              <FieldMessage errors={errors} path={groupsPath} />
              <Bench bench={depth} loading={benchLoading} />
              <TextField path={`${path}.description`} label="Description" value={team.description} errors={errors} multiline onChange={(description) => update({ description })} />
              <div className="buttons">
                <button type="button" className="button button-subtle" onClick={() => onChange(removeTeam(config, index))}>
                  Remove team {team.name || index + 1}
                </button>
              </div>
            </fieldset>
          </details>
        );
      })}
      <button type="button" className="button" onClick={() => onChange({ ...config, teams: [...config.teams, emptyTeam()] })}>Add a team</button>
    </section>
  );
}
