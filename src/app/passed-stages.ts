import { ForbiddenError } from '../errors';
import type { GateConfigV2 } from '../gate/v2/config';
import { currentPass, passedStageReason, readOnlyTargets } from '../gate/v2/pass-rules';
import type { WaiverTarget } from '../gate/v2/records';
import { gateFactsOf } from './gate-facts';
import type { VerifiedIssue } from './verified-issue';

/**
 * Refuses a write to numbers, item answers or a waiver when every stage that needs one of its targets has passed:
 * those records are read-only until the ticket moves back (docs/design-v2.md, "Stages pass once"). Judged on the
 * verified records a write drafts from, so a retry after a concurrent pass judges again.
 *
 * @example
 * refuseWherePassed(config, verified, [{ kind: 'number', key: 'capacity' }]) // throws ForbiddenError('Capacity is read-only: Promote to prod passed on ...')
 */
export function refuseWherePassed(config: GateConfigV2, verified: Pick<VerifiedIssue, 'issue' | 'snapshot'>, targets: readonly WaiverTarget[]): void {
  const reason = readOnlyTargets(gateFactsOf(config, verified), targets);
  if (reason !== undefined) throw new ForbiddenError(`${reason}. Nothing was saved.`);
}

/**
 * Refuses a grant (an override, a freeze exception) for a stage that has passed: it is read-only until the ticket moves back.
 *
 * @example
 * refusePassedStage(config, verified, 'go-live') // throws ForbiddenError('Go live passed on 2026-03-02 when acc-pm moved the ticket; ...')
 */
export function refusePassedStage(config: GateConfigV2, verified: Pick<VerifiedIssue, 'issue' | 'snapshot'>, stageKey: string): void {
  const pass = currentPass(gateFactsOf(config, verified), stageKey);
  if (pass === undefined) return;
  const stage = config.stages.find((s) => s.key === stageKey);
  throw new ForbiddenError(`${passedStageReason(stage?.name ?? stageKey, pass)}. Nothing was saved.`);
}
