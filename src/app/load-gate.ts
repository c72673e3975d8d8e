import type { GateView } from '../contract';
import { buildGateView } from './gate-view';
import { loadIssueContext } from './issue-context';
import type { Caller, PanelPorts } from '../ports';

/**
 * `getGate`: one Jira request for the issue and its records, then the configuration, digests, the caller's groups
 * and the first audit page at once.
 *
 * @example
 * const view = await loadGate(ports, { accountId: 'acc-cee' }, 'SKU-1');
 */
export async function loadGate(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<GateView> {
  const context = await loadIssueContext(ports, caller, issueIdOrKey);
  return buildGateView(context, caller, ports.clock.now());
}
