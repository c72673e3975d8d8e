import { canonicalJson, sha256Hex } from '../gate/digest';
import { ReviewSummarySchema } from '../gate/review-tickets';
import type { ReviewSummary } from '../gate/review-tickets';
import { currentStageIndex } from '../gate/stages';
import { breachInWords, commitments } from '../gate/commitments';
import { CommitmentSummarySchema } from '../gate/commitment-summary';
import { isWaitingOn } from '../gate/verdict';
import type { GateConfigV2, Team } from '../gate/v2/config';
import type { GateFacts } from '../gate/v2/evaluate';
import { evaluateAllV2 } from '../gate/v2/evaluate';
import { approverGroupsOn } from '../gate/v2/ticket';
import { groupsActingOn } from '../gate/v2/acting-teams';
import type { NotifyPorts, TeamMessage } from '../ports';

export type NotificationReason = 'stage-entered' | 'approval-stale' | 'commitment-breached';

export interface PlannedNotification {
  /** One key per (issue, stage, team, reason, what was asked): the same thing is never notified twice. */
  readonly key: string;
  readonly team: string;
  readonly stage: string;
  readonly reason: NotificationReason;
  readonly message: TeamMessage;
}

export interface NotifiedIssue {
  readonly id: string;
  readonly key: string;
  /** The issue's Jira summary (its title). */
  readonly title: string;
}

function parseSummary(value: unknown): ReviewSummary | undefined {
  const parsed = ReviewSummarySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Index of the stage the summary says the ticket is at; the number of stages when it passed them all. */
const stageIndexOf = (config: GateConfigV2, summary: ReviewSummary): number => currentStageIndex(config.stages, (s) => summary.stages[s.key]?.allowed === true);

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * An e-mail to some groups: the paragraphs as text and as escaped HTML.
 *
 * @example
 * composeMessage('SKU-1 waits on CEE', ['SKU-1 has reached Go live.'], ['golive-cee']).htmlBody // '<p>SKU-1 has reached Go live.</p>'
 */
export function composeMessage(subject: string, paragraphs: readonly string[], groups: readonly string[]): TeamMessage {
  return {
    subject,
    textBody: paragraphs.join('\n\n'),
    htmlBody: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
    groups,
  };
}

function dedupKey(issueId: string, stage: string, team: string, reason: NotificationReason, subject: unknown): string {
  return `notified:${issueId}:${stage}:${team}:${reason}:${sha256Hex(canonicalJson(subject))}`;
}

/** Team states (gate model v2) in which the ticket does not need the team. */
const NOT_NEEDED: ReadonlySet<string> = new Set(['waived', 'not-required']);

/** The groups told about a team on this ticket: the groups that act for it here, those its approver field names included. */
/**
 * Decides whom to notify after a write, by gate model v2's rules on the facts the new summary was derived from (`next`,
 * at `now`), with the summary before the write: when the ticket enters a gated stage (its first stage when the gate
 * first sees it), every team that stage waits on, through the groups that act for the team on this ticket (those a
 * ticket field names included; the reporter is told instead when the ticket names none), and later a team the stage
 * waits on that the ticket did not need before (a waiver withdrawn, a condition that now holds), and the approvers a
 * ticket field names once it names them (set or changed after the stage was entered); a team whose approval no longer
 * counts at a stage not yet passed because what it covered changed; a team whose signed-off number is breached. Teams
 * the ticket does not need (a condition that does not hold) or has waived are never asked. An unreadable previous
 * summary counts as none: the dedup keys keep that from notifying anyone twice.
 *
 * @example
 * planNotifications(facts, now, { id: '10001', key: 'SKU-1', title: 'Add-on X' }, before, after);
 * // [{ team: 'cee', stage: 'go-live', reason: 'stage-entered', message: { subject: 'SKU-1 waits on CEE for Go live', ... } }]
 */
export function planNotifications(facts: GateFacts, now: Date, issue: NotifiedIssue, previous: unknown, next: unknown): PlannedNotification[] {
  const after = parseSummary(next);
  if (after === undefined) return [];
  const before = parseSummary(previous);
  const { config, ticket } = facts;
  const verdicts = evaluateAllV2(facts, now);
  const teamOf = (key: string): Team | undefined => config.teams.find((t) => t.key === key);
  const planned: PlannedNotification[] = [];
  const named = `${issue.key} (${issue.title})`;

  const entered = stageIndexOf(config, after);
  const stage = config.stages[entered];
  const verdict = verdicts[entered];
  const enteredNow = before === undefined || stageIndexOf(config, before) < entered;
  // At the same stage, a team the ticket did not need before (waived, or its condition did not hold) is asked once it does.
  const newlyNeeded = (team: string): boolean => !enteredNow && before !== undefined && stageIndexOf(config, before) === entered && NOT_NEEDED.has(before.teams[team]?.state ?? '');
  if (stage !== undefined && verdict !== undefined) {
    for (const entry of stage.teams) {
      const team = teamOf(entry.team);
      const judged = verdict.teams.find((t) => t.team === entry.team);
      // Approvers a ticket field names are asked on any write until those named now were (the field set or changed later).
      const fromField = team?.approversFrom !== undefined;
      if (team === undefined || judged === undefined || !isWaitingOn(judged.state) || !(enteredNow || newlyNeeded(team.key) || fromField)) continue;
      const approvers = approverGroupsOn(config, team, ticket);
      const groups = approvers.groups.map((g) => g.group);
      const needs = judged.needed > 1 ? `${judged.needed} approvers of ${team.name} to agree (${judged.have} so far)` : `${team.name} to agree`;
      const asked = `${named} has reached the stage "${stage.name}", which needs ${needs}.`;
      const base = { team: team.key, stage: stage.key, reason: 'stage-entered' as const };
      if (groups.length > 0) {
        planned.push({
          ...base,
          key: dedupKey(issue.id, stage.key, team.key, 'stage-entered', fromField ? { stage: stage.key, groups } : { stage: stage.key }),
          message: composeMessage(`${issue.key} waits on ${team.name} for ${stage.name}`, [
            asked,
            `Please review it and approve, or decline with a reason, in the Go-Live Gate panel of ${issue.key}.`,
          ], groups),
        });
      } else {
        // Nobody acts for the team on this ticket yet (its approver field is not set, or names no group): its reporter can fix that.
        const why = approvers.problem ?? `no group acts for ${team.name}`;
        planned.push({
          ...base,
          key: dedupKey(issue.id, stage.key, team.key, 'stage-entered', { stage: stage.key, approvers: 'none' }),
          message: {
            ...composeMessage(`${issue.key} waits on ${team.name} for ${stage.name}, but names no approver for it`, [
              `${asked} ${why}, so nobody can approve for ${team.name} yet.`,
              `Set it in ${issue.key}: the approvers it names are told on the next change to the ticket's gate.`,
            ], []),
            reporter: true,
          },
        });
      }
    }
  }

  // An approval that no longer counts because what it covered changed, once per approval (a legacy ticket-wide approval
  // counts at every stage: it is asked for again once). A passed stage stays passed, so its approvals are not asked again.
  const told = new Set<string>();
  for (const stageVerdict of verdicts) {
    if (stageVerdict.passed !== undefined) continue;
    for (const judged of stageVerdict.teams) {
      const team = teamOf(judged.team);
      const lapsed = judged.approvals.filter((a) => a.state === 'stale').at(-1);
      if (team === undefined || judged.state !== 'stale' || lapsed === undefined) continue;
      const which = `${team.key}:${lapsed.legacy ? 'ticket-wide' : lapsed.stage}:${lapsed.by}:${lapsed.at}`;
      const groups = groupsActingOn(config, team, ticket);
      if (told.has(which) || groups.length === 0) continue;
      told.add(which);
      planned.push({
        // The approval that went stale identifies what was asked: a new approval that goes stale again is a new request.
        key: dedupKey(issue.id, stageVerdict.stage, team.key, 'approval-stale', { at: lapsed.at, by: lapsed.by }),
        team: team.key,
        stage: stageVerdict.stage,
        reason: 'approval-stale',
        message: composeMessage(`${issue.key}: ${team.name}'s approval needs renewing`, [
          `The approval ${team.name} gave on ${lapsed.at.slice(0, 10)} on ${named} no longer counts for ${stageVerdict.stageName}: the numbers, answers or target release it covered have changed.`,
          `Please review the change and approve again, or decline with a reason, in the Go-Live Gate panel of ${issue.key}.`,
        ], groups),
      });
    }
  }

  planned.push(...planBreachNotifications(facts, issue, previous, next));
  return planned;
}

/**
 * The team that signed off a number is told when the usage measured against it first goes above what it agreed: once
 * per breach of that agreed value (a number agreed again opens a new breach).
 */
function planBreachNotifications(facts: GateFacts, issue: NotifiedIssue, previous: unknown, next: unknown): PlannedNotification[] {
  const { config, ticket } = facts;
  const after = CommitmentSummarySchema.safeParse(next);
  if (!after.success) return [];
  const before = CommitmentSummarySchema.safeParse(previous);
  const wasBreached = new Set(before.success ? before.data.breached : []);
  const breaches = commitments(config, after.data.numbers, after.data.usage).filter((c) => c.state === 'breached' && !wasBreached.has(c.number));
  return breaches.flatMap((breach) => {
    const team = config.teams.find((t) => t.key === breach.signedOffBy);
    const groups = team === undefined ? [] : groupsActingOn(config, team, ticket);
    if (team === undefined || groups.length === 0) return [];
    return [
      {
        key: dedupKey(issue.id, 'usage', team.key, 'commitment-breached', { number: breach.number, agreed: breach.agreed }),
        team: team.key,
        stage: 'usage',
        reason: 'commitment-breached' as const,
        message: composeMessage(`${issue.key}: ${breach.label.toLowerCase()} breached`, [
          `${breachInWords(breach)} on ${issue.key} (${issue.title}). ${team.name} signed off the ${breach.label.toLowerCase()}.`,
          `Review the usage in the Go-Live Gate panel of ${issue.key}: agree a new number, or act to bring the usage back within it.`,
        ], groups),
      },
    ];
  });
}

export interface NotifyOutcome {
  readonly key: string;
  readonly team: string;
  readonly reason: NotificationReason;
  readonly result: 'sent' | 'already-sent' | 'failed';
  /** Why it failed, for the log. */
  readonly error?: string | undefined;
}

/**
 * Sends what planNotifications decided from the facts the new summary was derived from, each at most once: a notification is claimed in the log (FAIL_IF_EXISTS)
 * before it is sent, and released if sending fails so the next write retries it. Never throws: a notification
 * that cannot be sent must not undo or fail the decision that caused it.
 *
 * @example
 * const outcomes = await notifyTeams(ports, gateFactsOf(stored.configV2, fresh), now, issue, issue.properties['golive-gate.summary'], freshSummary);
 * // [{ team: 'cee', reason: 'stage-entered', result: 'sent', key: 'notified:10001:go-live:cee:stage-entered:…' }]
 */
export async function notifyTeams(ports: NotifyPorts, facts: GateFacts, now: Date, issue: NotifiedIssue, previous: unknown, next: unknown): Promise<NotifyOutcome[]> {
  const outcomes: NotifyOutcome[] = [];
  for (const planned of planNotifications(facts, now, issue, previous, next)) {
    const outcome = { key: planned.key, team: planned.team, reason: planned.reason };
    let claimed = false;
    try {
      claimed = await ports.notificationLog.claim(planned.key);
      if (!claimed) {
        outcomes.push({ ...outcome, result: 'already-sent' });
        continue;
      }
      await ports.notifier.notify(issue.id, planned.message);
      outcomes.push({ ...outcome, result: 'sent' });
    } catch (error) {
      if (claimed) await ports.notificationLog.release(planned.key).catch(() => undefined);
      outcomes.push({ ...outcome, result: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
