import { loadStageChoices } from '../app/validator-config';
import type { ValidatorConfigPorts } from '../ports';
import { validatorConfigPorts } from './composition-root';
import { defineResolver } from './define-resolver';
import type { ResolverDefinitions } from './define-resolver';
import { workflowInvocation } from './invocation';

/**
 * The validator configuration screen's resolver over its ports (tests pass in-memory ones): every function of
 * CONTRACT.validatorConfig, with only what Forge gives a workflow's configuration screen.
 *
 * @example
 * const definitions = validatorConfigResolverOver(() => ports);
 */
export function validatorConfigResolverOver(ports: () => ValidatorConfigPorts): ResolverDefinitions {
  return defineResolver('validatorConfig', workflowInvocation, {
    getStageChoices: (_input, { scope }) => loadStageChoices(ports(), scope),
  });
}

/** The validator configuration screen's resolver (manifest function `validator-ui-resolver`; Forge allows function keys of at most 23 characters). */
export const validatorConfigResolver = validatorConfigResolverOver(validatorConfigPorts);
