import type { GateView } from '../contract';
import { MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from '../gate/constants';
import type { GateConfig, Stage } from '../gate/config';
import type { OverrideRequest, Permission } from '../gate/permissions';
import { justificationProblem } from '../gate/policies';
import type { Authorship } from '../gate/record-builders';
import { ForbiddenError, ValidationError } from '../errors';
import type { Draft } from './write-record';
import { loadIssueContext, requireConfigured } from './issue-context';
import { refusePassedStage } from './passed-stages';
import type { Caller, PanelPorts } from '../ports';
import type { VerifiedIssue } from './verified-issue';
import { writeRecord } from './write-record';

/** A stage and why: what a caller sends to pass a stage on their own authority (an override, a freeze exception). */
export interface JustifiedRequest {
  readonly stage: string;
  readonly justification: string;
}

/** What differs between the grants that let a ticket past a stage with a written justification. */
export interface JustifiedGrant {
  /** Who may grant it on this stage, and through which group (`via`). */
  readonly permission: (request: OverrideRequest) => Permission;
  /** Whether the caller is in a group that grants it: then a too-short justification is theirs to fix, not a refusal. */
  readonly grantsIt: (config: GateConfig, stage: Stage, groups: readonly string[]) => boolean;
  /** The issue property the record lives in. */
  readonly property: (stage: string) => string;
  /** The record and its audit entry, from the verified state of the ticket. */
  readonly draft: (grant: { readonly author: Authorship; readonly stage: Stage; readonly via: string; readonly justification: string; readonly verified: VerifiedIssue }) => Draft;
}

/**
 * The one flow of every justified grant: the stage must exist; the caller must be in a granting group and write a
 * justification of visible words (a member with a weak one gets a field error, anyone else a refusal); the record is
 * written tamper-evidently (KVS head, audit event, property; see writeRecord) and stays visible on the panel, in the
 * audit trail and in JQL.
 *
 * @example
 * return grantJustified(ports, caller, 'SKU-1', { stage: 'go-live', justification: 'Customer launch agreed by the VP on 3 March' }, OVERRIDE);
 */
export async function grantJustified(ports: PanelPorts, caller: Caller, issueIdOrKey: string, request: JustifiedRequest, grant: JustifiedGrant): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, groups, stored } = context;
  const { config } = stored;
  const stage = config.stages.find((s) => s.key === request.stage);
  if (stage === undefined) throw new ValidationError(`This gate has no stage "${request.stage}".`, [{ path: 'stage', message: `no stage has the key "${request.stage}"` }]);
  const justification = request.justification.trim();
  const permission = grant.permission({ config, stage: stage.key, justification, groups });
  if (!permission.ok) {
    if (grant.grantsIt(config, stage, groups) && justificationProblem(justification) !== undefined) {
      throw new ValidationError(`${permission.reason}.`, [{ path: 'justification', message: `write at least ${MIN_JUSTIFICATION_LETTERS} letters in at least ${MIN_JUSTIFICATION_WORDS} words` }]);
    }
    throw new ForbiddenError(`${permission.reason}.`);
  }

  const now = ports.clock.now();
  const author: Authorship = { issueId: issue.id, by: caller.accountId, at: now.toISOString() };
  const draft = (verified: VerifiedIssue): Draft => {
    refusePassedStage(stored.configV2, verified, stage.key);
    return grant.draft({ author, stage, via: permission.via, justification, verified });
  };
  return writeRecord(ports, caller, context, grant.property(stage.key), draft, now);
}
