import type { GateView, OverridePayload } from '../contract';
import { mayOverride } from '../gate/permissions';
import { MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from '../gate/constants';
import { justificationProblem, overrideGroupOf } from '../gate/policies';
import { overrideRecord } from '../gate/record-builders';
import { overrideProperty } from '../gate/records';
import { ForbiddenError, ValidationError } from '../errors';
import { loadIssueContext, requireConfigured } from './issue-context';
import type { Caller, PanelPorts } from '../ports';
import { writeRecord } from './write-record';

/**
 * `override`: a member of an override group forces a stage open with a written justification, which stays visible
 * on the ticket, in the audit trail and in JQL.
 *
 * @example
 * const view = await override(ports, { accountId: 'acc-admin' }, 'SKU-1', { stage: 'go-live', justification: 'Customer launch agreed by the VP on 3 March' });
 */
export async function override(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: OverridePayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, groups, stored } = context;
  const { config } = stored;
  const stage = config.stages.find((s) => s.key === payload.stage);
  if (stage === undefined) throw new ValidationError(`This gate has no stage "${payload.stage}".`, [{ path: 'stage', message: `no stage has the key "${payload.stage}"` }]);
  const justification = payload.justification.trim();
  const permission = mayOverride({ config, stage: stage.key, justification, groups });
  if (!permission.ok) {
    if (overrideGroupOf(config.policies, groups) !== undefined && justificationProblem(justification) !== undefined) {
      throw new ValidationError(`${permission.reason}.`, [{ path: 'justification', message: `write at least ${MIN_JUSTIFICATION_LETTERS} letters in at least ${MIN_JUSTIFICATION_WORDS} words` }]);
    }
    throw new ForbiddenError(`${permission.reason}.`);
  }

  const now = ports.clock.now();
  const record = overrideRecord({ issueId: issue.id, by: caller.accountId, at: now.toISOString() }, stage.key, permission.via, justification);
  const entry = { action: 'override', stage: stage.key, detail: `${stage.name} overridden: ${justification}` };
  return writeRecord(ports, caller, context, overrideProperty(stage.key), () => ({ record, entry }), now);
}
