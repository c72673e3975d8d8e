import type { BenchDepth, SiteField } from '../../../src/contract';
import { AREA_NAMES, AREAS } from '../../../src/gate/config';
import type { Area, FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig, Team } from '../../../src/gate/v2/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { GroupPicker } from './group-picker';
import { ListEditor } from './list-editor';
import { replaceItem } from './draft';
import { namingField, TeamRules } from './team-rules';
import { NameAndKey, SelectField, TextField } from './text-field';

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

/**
 * Teams: name, key, area, the Jira groups that act for each (or the groups a ticket field names), how many of its
 * approvers must agree, when it applies, and how many people can approve.
 */
export function TeamsEditor({ config, savedKeys, errors, bench, benchLoading, fields, onChange }: {
  readonly config: GateConfig;
  readonly savedKeys: ReadonlySet<string>;
  readonly errors: readonly FieldError[];
  readonly bench: readonly BenchDepth[] | undefined;
  readonly benchLoading: boolean;
  readonly fields: readonly SiteField[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const depthOf = (team: Team): BenchDepth | undefined => bench?.find((b) => b.team === team.key);
  return (
    <ListEditor
      list="teams"
      config={config}
      errors={errors}
      onChange={onChange}
      // Saved teams start folded so a long list stays scannable; new teams and teams with errors open.
      fold={(team, index, hasErrors) => {
        const depth = depthOf(team);
        const thin = depth !== undefined && (depth.approvers.length < 2 || depth.warning !== undefined);
        return {
          open: !savedKeys.has(team.key) || hasErrors,
          summary: (
            <>
              <span className="team-name">{team.name || `Team ${index + 1}`}</span>{' '}
              <span className="subtle">
                {AREA_NAMES[team.area]} · {team.groups.length === 0 && team.approversFrom === undefined ? 'no groups yet' : [...team.groups, ...(team.approversFrom === undefined ? [] : [`from ${config.fieldNames[team.approversFrom.field] ?? team.approversFrom.field}`])].join(', ')}
                {team.minApprovals > 1 ? ` · ${team.minApprovals} must agree` : ''}
                {team.applies.when === 'always' ? '' : team.applies.when === 'condition' ? ' · conditional' : ' · optional unless present'}
              </span>
              {thin ? <span className="lozenge lozenge-warning">{depth.approvers.length === 1 ? '1 approver' : `${depth.approvers.length} approvers`}</span> : null}
              {hasErrors ? <span className="lozenge lozenge-danger">Needs fixing</span> : null}
            </>
          ),
        };
      }}
    >
      {(team, { index, path, update: replace, rename }) => {
        const update = (patch: Partial<Team>): void => replace({ ...team, ...patch });
        const groupsPath = `${path}.groups`;
        const groupErrors = errorProps(errors, groupsPath);
        return (
          <>
            <div className="row">
              <NameAndKey
                path={path}
                name={team.name}
                itemKey={team.key}
                saved={savedKeys.has(team.key)}
                savedHint="Saved decisions are stored under this key, so it cannot change."
                errors={errors}
                onName={(name) => update({ name })}
                onKey={rename}
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
            <Bench bench={depthOf(team)} loading={benchLoading} />
            <TeamRules
              config={config}
              fields={fields}
              team={team}
              path={path}
              errors={errors}
              onTeam={(next, field) => onChange(replaceItem(field === undefined ? config : namingField(config, fields, field), 'teams', index, next))}
            />
            <TextField path={`${path}.description`} label="Description" value={team.description} errors={errors} multiline onChange={(description) => update({ description })} />
          </>
        );
      }}
    </ListEditor>
  );
}
