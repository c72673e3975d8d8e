import Resolver from '@forge/resolver';
import { getBenchDepth } from '../app/bench-depth';
import { applyTemplate, exportConfig, getConfig, importConfig, saveConfig } from '../app/project-config';
import type { RESOLVER_FUNCTIONS } from '../contract';
import { ApplyTemplatePayloadSchema, ImportConfigPayloadSchema, SaveConfigPayloadSchema } from '../contract';
import { projectInvocation } from './invocation';
import { answer, EmptyPayloadSchema } from './resolver-result';
import { userPorts } from './composition-root';

type SettingsFunction = (typeof RESOLVER_FUNCTIONS.settings)[number];

const resolver = new Resolver();
const define = (name: SettingsFunction, handler: Parameters<Resolver['define']>[1]): void => {
  resolver.define(name, handler);
};

define('getConfig', ({ payload, context }) =>
  answer(EmptyPayloadSchema, payload, () => {
    const { caller, project } = projectInvocation(context);
    return getConfig(userPorts(), caller, project);
  }),
);
define('saveConfig', ({ payload, context }) =>
  answer(SaveConfigPayloadSchema, payload, (input) => {
    const { caller, project } = projectInvocation(context);
    return saveConfig(userPorts(), caller, project, input.config);
  }),
);
define('applyTemplate', ({ payload, context }) =>
  answer(ApplyTemplatePayloadSchema, payload, (input) => {
    const { caller, project } = projectInvocation(context);
    return applyTemplate(userPorts(), caller, project, input.template);
  }),
);
define('exportConfig', ({ payload, context }) =>
  answer(EmptyPayloadSchema, payload, () => {
    const { caller, project } = projectInvocation(context);
    return exportConfig(userPorts(), caller, project);
  }),
);
define('importConfig', ({ payload, context }) =>
  answer(ImportConfigPayloadSchema, payload, (input) => {
    const { caller, project } = projectInvocation(context);
    return importConfig(userPorts(), caller, project, input.json);
  }),
);
define('getBenchDepth', ({ payload, context }) =>
  answer(EmptyPayloadSchema, payload, () => {
    const { caller, project } = projectInvocation(context);
    return getBenchDepth(userPorts(), caller, project);
  }),
);

/** The project settings page's resolver (manifest function `settings-resolver`). */
export const settingsResolver = resolver.getDefinitions();
