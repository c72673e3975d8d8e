import { stageAssurance } from '../service-assurance';
import type { GateConfigV2, Stage } from './config';
import type { GateFacts } from './evaluate';
import type { PassRecord, WaiverTarget } from './records';
import type { TicketFacts } from './ticket';
import { stagesNeeding, targetName } from './waiver-target';

/** A ticket's status change, as the changelog of `avi:jira:updated:issue` tells it: status ids and names. */
export interface StatusChange {
  readonly fromId: string;
  readonly fromName: string;
  readonly toId: string;
  readonly toName: string;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The statuses in which a ticket has passed the stage (its assurance's, or its template's default); [] when none are known. */
const statusesOf = (config: Pick<GateConfigV2, 'template'>, stage: Stage): readonly string[] => stageAssurance(config, stage)?.statuses ?? [];

/**
 * How far a status says the ticket has come: the index of the last stage whose statuses include it, -1 for a status
 * before every stage (or one no stage names). Status names compare without regard to case, as JQL does.
 *
 * @example
 * stageReachedIn(managedAddon, 'Live') // 1
 * stageReachedIn(managedAddon, 'In Review') // -1
 */
export function stageReachedIn(config: Pick<GateConfigV2, 'template' | 'stages'>, status: string): number {
  return config.stages.findLastIndex((stage) => statusesOf(config, stage).some((s) => same(s, status)));
}

/**
 * The stage whose gated transition a status change is: the ticket moved into one of the stage's statuses (where its
 * gated transition leads, `assurance.statuses` or the template's default) from a status before that stage. A move
 * within a stage's statuses, backwards, or into a status no stage names passes nothing.
 *
 * @example
 * stagePassedBy(managedAddon, { fromId: '10001', fromName: 'In Review', toId: '10002', toName: 'In Production' })?.key // 'promote-to-prod'
 * stagePassedBy(managedAddon, { fromId: '10003', fromName: 'Live', toId: '10001', toName: 'In Review' }) // undefined
 */
export function stagePassedBy(config: Pick<GateConfigV2, 'template' | 'stages'>, change: StatusChange): Stage | undefined {
  const reached = stageReachedIn(config, change.toName);
  if (reached < 0 || stageReachedIn(config, change.fromName) >= reached) return undefined;
  return config.stages[reached];
}

/**
 * Whether the ticket sits before a passed stage, so its pass no longer counts: back in the status the gated
 * transition left (`leftStatusId`), or (for a stage whose statuses are known) in a status that is not one of that stage's or a later
 * stage's. A ticket whose status the caller did not read is judged by the status id alone.
 *
 * @example
 * sitsBeforeStage(managedAddon, 'go-live', '10002', { statusId: '10001', status: 'In Review' }) // true
 * sitsBeforeStage(managedAddon, 'promote-to-prod', '10001', { statusId: '10003', status: 'Live' }) // false
 */
export function sitsBeforeStage(config: Pick<GateConfigV2, 'template' | 'stages'>, stageKey: string, leftStatusId: string, ticket: Pick<TicketFacts, 'statusId' | 'status'>): boolean {
  if (ticket.statusId !== undefined && ticket.statusId === leftStatusId) return true;
  const index = config.stages.findIndex((s) => s.key === stageKey);
  const stage = config.stages[index];
  if (ticket.status === undefined || stage === undefined || statusesOf(config, stage).length === 0) return false;
  return stageReachedIn(config, ticket.status) < index;
}

/**
 * The trusted pass record of a stage while it stays passed: until the app marks it reopened, and not while the ticket
 * sits before the stage (back in the status the gated transition left, or in a status of no stage from this one on).
 *
 * @example
 * currentPass(facts, 'promote-to-prod')?.by // 'acc-pm'
 */
export function currentPass(facts: Pick<GateFacts, 'config' | 'records' | 'ticket'>, stageKey: string): PassRecord | undefined {
  const pass = Object.hasOwn(facts.records.passes, stageKey) ? facts.records.passes[stageKey] : undefined;
  if (pass === undefined || pass.reopened !== undefined) return undefined;
  return sitsBeforeStage(facts.config, stageKey, pass.transition.from, facts.ticket) ? undefined : pass;
}

/**
 * Why a record scoped to passed stages is read-only, in a sentence naming the stage and when it passed.
 *
 * @example
 * passedStageReason('Promote to prod', pass) // 'Promote to prod passed on 2026-03-02 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back'
 */
export function passedStageReason(stageName: string, pass: Pick<PassRecord, 'at' | 'by'>): string {
  return `${stageName} passed on ${pass.at.slice(0, 10)} when ${pass.by} moved the ticket; its decisions are read-only until the ticket moves back`;
}

/**
 * Why a team's waiver, a number or an item can no longer change on this ticket: every stage that needs it has passed
 * (`passOf` answers a stage's current pass). Something an open stage still needs stays writable.
 *
 * @example
 * readOnlyTarget(config, (key) => passes[key], { kind: 'number', key: 'capacity' })
 * // 'Capacity is read-only: Promote to prod passed on 2026-03-02 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back'
 */
export function readOnlyTarget(config: GateConfigV2, passOf: (stageKey: string) => PassRecord | undefined, target: WaiverTarget): string | undefined {
  const stages = stagesNeeding(config, target);
  const passed = stages.flatMap((stage) => {
    const pass = passOf(stage.key);
    return pass === undefined ? [] : [{ stage, pass }];
  });
  if (passed.length === 0 || passed.length < stages.length) return undefined;
  return `${targetName(config, target)} is read-only: ${passed.map(({ stage, pass }) => passedStageReason(stage.name, pass)).join('; ')}`;
}

/**
 * Why a write that changes these targets (numbers being recorded, items being answered, a waiver) is refused because
 * every stage that needs one of them has passed; undefined when each still matters to a stage that has not.
 *
 * @example
 * readOnlyTargets(facts, [{ kind: 'number', key: 'capacity' }])
 * // 'Capacity is read-only: Promote to prod passed on 2026-03-02 when acc-pm moved the ticket; ...'
 */
export function readOnlyTargets(facts: Pick<GateFacts, 'config' | 'records' | 'ticket'>, targets: readonly WaiverTarget[]): string | undefined {
  const passOf = (stageKey: string): PassRecord | undefined => currentPass(facts, stageKey);
  for (const target of targets) {
    const reason = readOnlyTarget(facts.config, passOf, target);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
