import type { GateView, GrantExceptionPayload } from '../contract';
import { mayGrantException } from '../gate/permissions';
import { exceptionRecord } from '../gate/record-builders';
import { exceptionProperty } from '../gate/records';
import { releaseKeyOf } from '../gate/target-release';
import type { Caller, PanelPorts } from '../ports';
import type { JustifiedGrant } from './justified-grant';
import { grantJustified } from './justified-grant';

/** A freeze exception: the stage's exception groups grant it, for the release the ticket targets when it is written. */
const FREEZE_EXCEPTION: JustifiedGrant = {
  permission: mayGrantException,
  grantsIt: (_config, stage, groups) => (stage.freeze?.exceptionGroups ?? []).some((group) => groups.includes(group)),
  property: exceptionProperty,
  draft: ({ author, stage, via, justification, verified }) => ({
    record: exceptionRecord(author, stage.key, via, justification, releaseKeyOf(verified.snapshot.issue.targetRelease)),
    entry: { action: 'exception', stage: stage.key, detail: `${stage.name} freeze exception: ${justification}` },
  }),
};

/**
 * `grantException`: a member of a stage's exception groups lets the ticket through the stage's freeze, with a written
 * justification, for the release it targets now. The record is tamper-evident like every other (KVS head, audit event)
 * and stays visible on the panel and in the audit trail; moving the ticket to another release needs a new exception.
 *
 * @example
 * const view = await grantException(ports, { accountId: 'acc-admin' }, 'SKU-1', { stage: 'promote-to-prod', justification: 'Security fix agreed with the release team' });
 */
export function grantException(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: GrantExceptionPayload): Promise<GateView> {
  return grantJustified(ports, caller, issueIdOrKey, payload, FREEZE_EXCEPTION);
}
