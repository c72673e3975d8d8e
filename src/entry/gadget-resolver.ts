import { loadOverview } from '../app/load-overview';
import type { GadgetPorts } from '../ports';
import { gadgetPorts } from './composition-root';
import { defineResolver } from './define-resolver';
import type { ResolverDefinitions } from './define-resolver';
import { callerInvocation } from './invocation';

/**
 * The dashboard gadget's resolver over its ports: every function of CONTRACT.gadget, for the signed-in user (a
 * dashboard names no project: the payload names the projects, and Jira's permissions decide which the user sees).
 *
 * @example
 * const definitions = gadgetResolverOver(() => ports);
 */
export function gadgetResolverOver(ports: () => GadgetPorts): ResolverDefinitions {
  return defineResolver('gadget', callerInvocation, {
    getOverview: (input) => loadOverview(ports(), input),
  });
}

/** The dashboard gadget's resolver (manifest function `gadget-resolver`). */
export const gadgetResolver = gadgetResolverOver(gadgetPorts);
