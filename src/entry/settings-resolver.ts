import { getBenchDepth } from '../app/bench-depth';
import { getFields } from '../app/get-fields';
import { previewChange } from '../app/preview-change';
import { applyTemplate, exportConfig, getConfig, importConfig, saveConfig } from '../app/project-config';
import { getUsageIntake, rotateUsageSecret } from '../app/usage-intake';
import { getConnections, saveConnection } from '../app/provider-connections';
import type { Caller, ConnectionSettingsPorts, SettingsPorts, UsageIntakePorts } from '../ports';
import { connectionSettingsPorts, usageIntakePorts, userPorts } from './composition-root';
import { defineResolver } from './define-resolver';
import type { ResolverDefinitions } from './define-resolver';
import { projectInvocation } from './invocation';

/**
 * The settings page's resolver over the ports of each caller (tests pass in-memory ones): every function of
 * CONTRACT.settings, in the project the Forge context names.
 *
 * @example
 * const definitions = settingsResolverOver((caller) => world.portsFor(caller.accountId));
 */
export function settingsResolverOver(
  portsFor: (caller: Caller) => SettingsPorts,
  intakePorts: () => UsageIntakePorts = usageIntakePorts,
  connectionPortsFor: (caller: Caller) => ConnectionSettingsPorts = connectionSettingsPorts,
): ResolverDefinitions {
  return defineResolver('settings', projectInvocation, {
    getConfig: (_input, { caller, project }) => getConfig(portsFor(caller), caller, project),
    saveConfig: (input, { caller, project }) => saveConfig(portsFor(caller), caller, project, input.config),
    applyTemplate: (input, { caller, project }) => applyTemplate(portsFor(caller), caller, project, input.template, input.stageMapping, input.fields),
    exportConfig: (_input, { caller, project }) => exportConfig(portsFor(caller), caller, project),
    importConfig: (input, { caller, project }) => importConfig(portsFor(caller), caller, project, input.json, input.stageMapping),
    previewChange: (input, { caller, project }) => previewChange(portsFor(caller), caller, project, input),
    getBenchDepth: (_input, { caller, project }) => getBenchDepth(portsFor(caller), caller, project),
    getUsageIntake: (_input, { project }) => getUsageIntake(intakePorts(), project),
    rotateUsageSecret: (_input, { project }) => rotateUsageSecret(intakePorts(), project),
    getConnections: (_input, { caller, project }) => getConnections(connectionPortsFor(caller), caller, project),
    saveConnection: (input, { caller, project }) => saveConnection(connectionPortsFor(caller), caller, project, input),
    getFields: (_input, { caller, project }) => getFields(portsFor(caller), project),
  });
}

/** The project settings page's resolver (manifest function `settings-resolver`); the validator's configuration uses it too. */
export const settingsResolver = settingsResolverOver(userPorts);
