import type { ConfigView } from '../contract';
import type { FieldError } from '../gate/config';
import { stampTeamGenerations } from '../gate/config-migration';
import type { GateConfigV2 } from '../gate/v2/config';
import { parseConfigInput } from '../gate/v2/migrate';
import { v1RulesConfig } from '../gate/v2/v1-rules';
import { TEMPLATES_V2 } from '../gate/v2/templates';
import type { Caller, ProjectRef, SettingsPorts, StoredConfig } from '../ports';
import { NotConfiguredError, ValidationError } from '../errors';
import { candidateOf, withStageMapping } from './preview-change';
import { requireAdmin } from './require-admin';

/** Audit events about a project's configuration live beside the issues' events, under a key no issue id can take. */
const projectAuditId = (project: ProjectRef): string => `project-${project.id}`;

function configView(project: ProjectRef, stored: StoredConfig | undefined): ConfigView {
  return {
    projectId: project.id,
    projectKey: project.key,
    // The v1 settings page edits this view; it is exact, since only configurations v1's rules apply are saved for now.
    config: stored === undefined ? undefined : v1RulesConfig(stored.config),
    savedBy: stored?.savedBy,
    savedAt: stored?.savedAt,
    templates: TEMPLATES_V2.map(({ key, name, description, fields }) => ({ key, name, description, fields })),
    configV2: stored?.config,
    ...(stored?.migratedFrom !== undefined && { migratedFrom: stored.migratedFrom }),
    warnings: stored?.warnings ?? [],
  };
}

/**
 * Saves as the version after `expectedVersion`, with its audit event in the same step. Each team's `since` is kept by the app
 * against the configuration in force (`current`): a team added or added back counts approvals from this version on.
 */
async function store(
  ports: SettingsPorts,
  caller: Caller,
  project: ProjectRef,
  current: StoredConfig | undefined,
  config: GateConfigV2,
  expectedVersion: number,
  how: string,
): Promise<ConfigView> {
  const savedAt = ports.clock.now().toISOString();
  const stamped = stampTeamGenerations(current?.config, config, expectedVersion + 1);
  const event = { issueId: projectAuditId(project), at: savedAt, actor: caller.accountId, action: 'config-saved', detail: `${how}: version ${expectedVersion + 1}` };
  const stored = await ports.configs.save(project.id, stamped, expectedVersion, caller.accountId, savedAt, event, project.key);
  return configView(project, stored);
}

/** A configuration written for either model (a v1 one is migrated), or every problem at once. */
function parseOrThrow(input: unknown, what: string): GateConfigV2 {
  const parsed = parseConfigInput(input);
  if (!parsed.ok) throw new ValidationError(`${what} has ${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}; nothing was saved.`, parsed.errors);
  return parsed.value;
}

/**
 * `getConfig`: the project's configuration (if any) and the templates to start from.
 *
 * @example
 * (await getConfig(ports, caller, { id: '10000', key: 'SKU' })).config?.version // 3
 */
export async function getConfig(ports: SettingsPorts, _caller: Caller, project: ProjectRef): Promise<ConfigView> {
  await requireAdmin(ports, project);
  return configView(project, await ports.configs.get(project.id));
}

/**
 * `saveConfig`: validates and stores an edited configuration. `config.version` must be the version the admin edited;
 * if someone saved in between, the save is refused with a conflict. Invalid input stores nothing and lists every problem.
 *
 * @example
 * await saveConfig(ports, caller, project, { ...view.config, stages: [...] });
 */
export async function saveConfig(ports: SettingsPorts, caller: Caller, project: ProjectRef, input: unknown): Promise<ConfigView> {
  await requireAdmin(ports, project);
  const config = parseOrThrow(input, 'The configuration');
  return store(ports, caller, project, await ports.configs.get(project.id), config, config.version, 'Saved');
}

/**
 * `applyTemplate`: replaces the project's configuration with a template (the previous version stays in history).
 *
 * @example
 * (await applyTemplate(ports, caller, project, 'managed-addon')).config?.template // 'managed-addon'
 */
export async function applyTemplate(
  ports: SettingsPorts,
  caller: Caller,
  project: ProjectRef,
  templateKey: string,
  stageMapping?: Readonly<Record<string, string>>,
  fields?: Readonly<Record<string, string>>,
): Promise<ConfigView> {
  await requireAdmin(ports, project);
  const candidate = await candidateOf(ports, { template: templateKey, fields });
  if ('problems' in candidate) throw new ValidationError(`The template cannot be applied: ${candidate.problems.join('; ')}.`, candidate.fieldErrors);
  const current = await ports.configs.get(project.id);
  return store(ports, caller, project, current, withStageMapping(candidate.config, stageMapping, current?.config), current?.config.version ?? 0, `Applied the template ${templateKey}`);
}

/**
 * `exportConfig`: the configuration as pretty JSON, ready to save as a file and import elsewhere.
 *
 * @example
 * (await exportConfig(ports, caller, project)).fileName // 'go-live-gate-SKU-v3.json'
 */
export async function exportConfig(ports: SettingsPorts, _caller: Caller, project: ProjectRef): Promise<{ readonly json: string; readonly fileName: string }> {
  await requireAdmin(ports, project);
  const stored = await ports.configs.get(project.id);
  if (stored === undefined) throw new NotConfiguredError(`Project ${project.key} has no Go-Live Gate configuration to export yet.`);
  return { json: `${JSON.stringify(stored.config, null, 2)}\n`, fileName: `go-live-gate-${project.key}-v${stored.config.version}.json` };
}

/**
 * `importConfig`: replaces the configuration with an exported one. Every problem is listed and nothing changes on error.
 * The file's own version is ignored: the import becomes the next version of this project.
 *
 * @example
 * await importConfig(ports, caller, project, fileText);
 */
export async function importConfig(ports: SettingsPorts, caller: Caller, project: ProjectRef, json: string, stageMapping?: Readonly<Record<string, string>>): Promise<ConfigView> {
  await requireAdmin(ports, project);
  let input: unknown;
  try {
    input = JSON.parse(json) as unknown;
  } catch (error) {
    const problem: FieldError = { path: '(root)', message: `is not JSON: ${(error as Error).message}` };
    throw new ValidationError('The file is not JSON; nothing was imported.', [problem]);
  }
  const config = parseOrThrow(input, 'The imported configuration');
  const current = await ports.configs.get(project.id);
  const expectedVersion = current?.config.version ?? 0;
  return store(ports, caller, project, current, { ...withStageMapping(config, stageMapping, current?.config), version: expectedVersion }, expectedVersion, 'Imported');
}
