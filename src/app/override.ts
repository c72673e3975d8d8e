import type { GateView, OverridePayload } from '../contract';
import { mayOverride } from '../gate/permissions';
import { overrideGroupOf } from '../gate/policies';
import { overrideRecord } from '../gate/record-builders';
import { overrideProperty } from '../gate/records';
import type { Caller, PanelPorts } from '../ports';
import type { JustifiedGrant } from './justified-grant';
import { grantJustified } from './justified-grant';

/** An override: the project's override groups grant it, on any stage. */
const OVERRIDE: JustifiedGrant = {
  permission: mayOverride,
  grantsIt: (config, _stage, groups) => overrideGroupOf(config.policies, groups) !== undefined,
  property: overrideProperty,
  draft: ({ author, stage, via, justification }) => ({
    record: overrideRecord(author, stage.key, via, justification),
    entry: { action: 'override', stage: stage.key, detail: `${stage.name} overridden: ${justification}` },
  }),
};

/**
 * `override`: a member of an override group forces a stage open with a written justification, which stays visible
 * on the ticket, in the audit trail and in JQL.
 *
 * @example
 * const view = await override(ports, { accountId: 'acc-admin' }, 'SKU-1', { stage: 'go-live', justification: 'Customer launch agreed by the VP on 3 March' });
 */
export function override(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: OverridePayload): Promise<GateView> {
  return grantJustified(ports, caller, issueIdOrKey, payload, OVERRIDE);
}
