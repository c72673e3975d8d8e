import type { ConfigChangePreview, EmptyGroup, OrphanedValidator } from '../contract';
import { describeConfigChange, errorsInWords, groupsOf } from '../gate/config-change';
import { enforcedStageKey } from '../gate/stages';
import type { FieldError } from '../gate/config';
import type { GateConfigV2 } from '../gate/v2/config';
import { parseConfigInput } from '../gate/v2/migrate';
import { TEMPLATES_V2, templateConfigV2, withSiteFields } from '../gate/v2/templates';
import { fieldName } from '../gate/v2/ticket';
import { v1RulesConfig } from '../gate/v2/v1-rules';
import { ValidationError } from '../errors';
import type { Caller, ProjectRef, SettingsPorts } from '../ports';
import { requireAdmin } from './require-admin';
import { siteFieldsFor } from './template-fields';

/** A configuration a template or a file proposes, or why it cannot be saved (each problem in words, with its path when it has one). */
type Candidate = { readonly source: string; readonly config: GateConfigV2 } | { readonly source: string; readonly problems: string[]; readonly fieldErrors?: readonly FieldError[] };

/** What `candidateOf` proposes: a template (with the site fields the admin chose for the ones it reads) or a file. */
export interface CandidateInput {
  readonly template?: string | undefined;
  readonly json?: string | undefined;
  readonly fields?: Readonly<Record<string, string>> | undefined;
}

/**
 * The configuration a template (gate model v2, reading the site's own fields) or an imported file proposes; an unknown
 * template is refused, a template field the site lacks, a file that is not JSON or not a valid configuration answers
 * its problems in words.
 *
 * @example
 * await candidateOf(ports, { template: 'kubernetes-prr' }) // { source: 'the template “Kubernetes production readiness review”', config }
 */
export async function candidateOf(ports: Pick<SettingsPorts, 'fields'>, input: CandidateInput): Promise<Candidate> {
  if (input.template !== undefined) {
    const config = templateConfigV2(input.template);
    const info = TEMPLATES_V2.find((t) => t.key === input.template);
    if (config === undefined || info === undefined) {
      const known = TEMPLATES_V2.map((t) => `"${t.key}"`).join(', ');
      throw new ValidationError(`There is no template "${input.template}"; choose one of ${known}.`, [{ path: 'template', message: `no template has the key "${input.template}"` }]);
    }
    const source = `the template “${info.name}”`;
    const fields = await siteFieldsFor(ports, info, input.fields);
    if ('problems' in fields) return { source, problems: fields.problems.map((p) => p.message), fieldErrors: fields.problems };
    return { source, config: withSiteFields(config, fields.mapping) };
  }
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(input.json ?? '') as unknown;
  } catch (error) {
    return { source: 'the file', problems: [`The file is not JSON: ${(error as Error).message}`] };
  }
  const parsed = parseConfigInput(parsedJson);
  return parsed.ok ? { source: 'the file', config: parsed.value } : { source: 'the file', problems: errorsInWords(parsedJson, parsed.errors) };
}

/**
 * The validators that enforce a stage `next` lacks: they name it (or, with no stage named, enforce the strictest stage,
 * which is always there). A stage key already mapped by `next`'s stage aliases is not orphaned.
 */
function orphaned(validators: readonly { workflow: string; transition: string; stage?: string | undefined }[], current: GateConfigV2 | undefined, next: GateConfigV2): OrphanedValidator[] {
  return validators.flatMap((v) => {
    // Only stages this project's gate knew: on a workflow shared with another project, a validator may name that project's.
    if (v.stage === undefined || current === undefined || enforcedStageKey(next, v.stage) !== undefined) return [];
    const known = enforcedStageKey(current, v.stage);
    if (known === undefined) return [];
    const stageName = current.stages.find((s) => s.key === known)?.name;
    return [{ workflow: v.workflow, transition: v.transition, stage: v.stage, ...(stageName === undefined ? {} : { stageName }) }];
  });
}

/**
 * `previewChange`: what a template or an imported file would change in the project's gate, before anything is saved:
 * teams, stages, groups and policies added or removed; the app's workflow validators that name a stage the new
 * configuration lacks (to map each to a stage); the groups nobody is in. Saves nothing.
 *
 * @example
 * (await previewChange(ports, caller, project, { template: 'kubernetes-prr' })).orphanedValidators[0]?.stage // 'promote-to-prod'
 */
export async function previewChange(ports: SettingsPorts, _caller: Caller, project: ProjectRef, input: CandidateInput): Promise<ConfigChangePreview> {
  await requireAdmin(ports, project);
  const candidate = await candidateOf(ports, input);
  if ('problems' in candidate) return { source: candidate.source, problems: candidate.problems, orphanedValidators: [], stages: [], emptyGroups: [] };
  const current = (await ports.configs.get(project.id))?.config;
  const config = withStageMapping(candidate.config, undefined, current);

  // Static groups and overriders, then the groups a ticket field can name (the owning SIG's), each once.
  const fromFields = config.teams.flatMap((team) => Object.values(team.approversFrom?.groups ?? {}).flat());
  const groups = [...new Set([...groupsOf(v1RulesConfig(config)), ...fromFields])];
  const [validators, members] = await Promise.all([
    ports.workflowRules === undefined
      ? Promise.resolve({ unknown: 'This site does not let the app list its workflow validators.' })
      : ports.workflowRules.appValidators(project.id).then(
          (found) => ({ found }),
          (error: unknown) => ({ unknown: `Jira did not list the app’s workflow validators (${error instanceof Error ? error.message : String(error)}).` }),
        ),
    Promise.all(groups.map(async (group) => [group, await ports.directory.groupMembers(group)] as const)),
  ]);
  const emptyGroups: EmptyGroup[] = members
    .filter(([, found]) => found === undefined || found.length === 0)
    .map(([group, found]) => ({
      group,
      exists: found !== undefined,
      usedBy: [
        ...config.teams.filter((t) => t.groups.includes(group)).map((t) => t.name),
        ...config.teams.flatMap((t) => Object.entries(t.approversFrom?.groups ?? {}).filter(([, named]) => named.includes(group)).map(([value]) => `${t.name} when ${fieldName(config, t.approversFrom?.field ?? '')} is ${value}`)),
        ...(config.policies.overrideGroups.includes(group) ? ['Override'] : []),
      ],
    }));
  return {
    source: candidate.source,
    problems: [],
    change: describeConfigChange(current === undefined ? undefined : v1RulesConfig(current), v1RulesConfig(config)),
    orphanedValidators: 'found' in validators ? orphaned(validators.found, current, config) : [],
    ...('unknown' in validators ? { validatorsUnknown: validators.unknown } : {}),
    stages: config.stages.map(({ key, name }) => ({ key, name })),
    emptyGroups,
  };
}

/**
 * The configuration to save with its stage aliases: those of the configuration in force that still lead to a stage of
 * the new one (a template applied again keeps its mapping), then the admin's mapping, each checked. A mapping may not
 * name a stage the configuration has (that stage is enforced as it is) nor lead to a stage it lacks.
 *
 * @example
 * withStageMapping(kepConfig, { 'promote-to-prod': 'alpha' }, skuConfig).stageAliases // { 'promote-to-prod': 'alpha' }
 */
export function withStageMapping(config: GateConfigV2, mapping: Readonly<Record<string, string>> | undefined, current: GateConfigV2 | undefined): GateConfigV2 {
  const has = (key: string): boolean => config.stages.some((s) => s.key === key);
  const carried = Object.entries({ ...current?.stageAliases, ...config.stageAliases }).filter(([from, to]) => !has(from) && has(to));
  if (carried.length === 0 && (mapping === undefined || Object.keys(mapping).length === 0)) return config;
  const problems = Object.entries(mapping ?? {}).flatMap(([from, to]) => {
    if (has(from)) return [{ path: `stageMapping.${from}`, message: `"${from}" is a stage of the new configuration: it needs no mapping` }];
    if (!has(to)) return [{ path: `stageMapping.${from}`, message: `the new configuration has no stage "${to}"` }];
    return [];
  });
  if (problems.length > 0) throw new ValidationError(`The stage mapping has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was saved.`, problems);
  return { ...config, stageAliases: { ...Object.fromEntries(carried), ...mapping } };
}
