import type { GateView, GrantExceptionPayload } from '../contract';
import { MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from '../gate/constants';
import { mayGrantException } from '../gate/permissions';
import { justificationProblem } from '../gate/policies';
import { exceptionRecord } from '../gate/record-builders';
import { exceptionProperty } from '../gate/records';
import { releaseKeyOf } from '../gate/target-release';
import { ForbiddenError, ValidationError } from '../errors';
import { loadIssueContext, requireConfigured } from './issue-context';
import type { Caller, PanelPorts } from '../ports';
import type { VerifiedIssue } from './verified-issue';
import { writeRecord } from './write-record';

/**
 * `grantException`: a member of a stage's exception groups lets the ticket through the stage's freeze, with a written
 * justification, for the release it targets now. The record is tamper-evident like every other (KVS head, audit event)
 * and stays visible on the panel and in the audit trail; moving the ticket to another release needs a new exception.
 *
 * @example
 * const view = await grantException(ports, { accountId: 'acc-admin' }, 'SKU-1', { stage: 'promote-to-prod', justification: 'Security fix agreed with the release team' });
 */
export async function grantException(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: GrantExceptionPayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, groups, stored } = context;
  const { config } = stored;
  const stage = config.stages.find((s) => s.key === payload.stage);
  if (stage === undefined) throw new ValidationError(`This gate has no stage "${payload.stage}".`, [{ path: 'stage', message: `no stage has the key "${payload.stage}"` }]);
  const justification = payload.justification.trim();
  const permission = mayGrantException({ config, stage: stage.key, justification, groups });
  if (!permission.ok) {
    const member = (stage.freeze?.exceptionGroups ?? []).some((group) => groups.includes(group));
    if (member && justificationProblem(justification) !== undefined) {
      throw new ValidationError(`${permission.reason}.`, [{ path: 'justification', message: `write at least ${MIN_JUSTIFICATION_LETTERS} letters in at least ${MIN_JUSTIFICATION_WORDS} words` }]);
    }
    throw new ForbiddenError(`${permission.reason}.`);
  }

  const now = ports.clock.now();
  const draft = ({ snapshot }: VerifiedIssue) => {
    const record = exceptionRecord({ issueId: issue.id, by: caller.accountId, at: now.toISOString() }, stage.key, permission.via, justification, releaseKeyOf(snapshot.issue.targetRelease));
    return { record, entry: { action: 'exception', stage: stage.key, detail: `${stage.name} freeze exception: ${justification}` } };
  };
  return writeRecord(ports, caller, context, exceptionProperty(stage.key), draft, now);
}
