import type { GateConfig } from '../gate/config';
import { canonicalJson, sha256Hex } from '../gate/digest';
import { ReviewSummarySchema } from '../gate/review-tickets';
import type { ReviewSummary } from '../gate/review-tickets';
import { currentStageIndex } from '../gate/stages';
import { breachInWords, commitments } from '../gate/commitments';
import { CommitmentSummarySchema } from '../gate/commitment-summary';
import { isWaitingOn } from '../gate/verdict';
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
const stageIndexOf = (config: GateConfig, summary: ReviewSummary): number => currentStageIndex(config.stages, (s) => summary.stages[s.key]?.allowed === true);

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

/**
 * Decides whom to notify after a write, from the summary before and after it: the teams a ticket now waits on when
 * it enters a gated stage (its first stage when the gate first sees it), and a team whose approval went stale.
 * An unreadable previous summary counts as none: the dedup keys keep that from notifying anyone twice.
 *
 * @example
 * planNotifications(config, { id: '10001', key: 'SKU-1', title: 'Add-on X' }, before, after);
 * // [{ team: 'cee', stage: 'go-live', reason: 'stage-entered', message: { subject: 'SKU-1 waits on CEE for Go live', ... } }]
 */
export function planNotifications(config: GateConfig, issue: NotifiedIssue, previous: unknown, next: unknown): PlannedNotification[] {
  const after = parseSummary(next);
  if (after === undefined) return [];
  const before = parseSummary(previous);
  const planned: PlannedNotification[] = [];
  const ticket = `${issue.key} (${issue.title})`;

  const entered = stageIndexOf(config, after);
  const stage = config.stages[entered];
  if (stage !== undefined && (before === undefined || stageIndexOf(config, before) < entered)) {
    for (const teamKey of stage.requiredTeams) {
      const team = config.teams.find((t) => t.key === teamKey);
      if (team === undefined || !isWaitingOn(after.teams[teamKey]?.state ?? 'pending')) continue;
      const subject = `${issue.key} waits on ${team.name} for ${stage.name}`;
      planned.push({
        key: dedupKey(issue.id, stage.key, team.key, 'stage-entered', { stage: stage.key }),
        team: team.key,
        stage: stage.key,
        reason: 'stage-entered',
        message: composeMessage(subject, [
          `${ticket} has reached the stage "${stage.name}", which needs ${team.name} to agree.`,
          `Please review it and approve, or decline with a reason, in the Go-Live Gate panel of ${issue.key}.`,
        ], team.groups),
      });
    }
  }

  for (const team of config.teams) {
    const now = after.teams[team.key];
    if (now?.state !== 'stale' || before?.teams[team.key]?.state !== 'approved') continue;
    const stageOfTeam = config.stages.find((s) => s.requiredTeams.includes(team.key));
    if (stageOfTeam === undefined) continue;
    const approvedAt = now.at === undefined ? '' : ` on ${now.at.slice(0, 10)}`;
    planned.push({
      // The approval that went stale identifies what was asked: a new approval that goes stale again is a new request.
      key: dedupKey(issue.id, stageOfTeam.key, team.key, 'approval-stale', { at: now.at, by: now.by }),
      team: team.key,
      stage: stageOfTeam.key,
      reason: 'approval-stale',
      message: composeMessage(`${issue.key}: ${team.name}'s approval needs renewing`, [
        `The approval ${team.name} gave${approvedAt} on ${ticket} no longer counts: the numbers, answers or target release it covered have changed.`,
        `Please review the change and approve again, or decline with a reason, in the Go-Live Gate panel of ${issue.key}.`,
      ], team.groups),
    });
  }

  planned.push(...planBreachNotifications(config, issue, previous, next));
  return planned;
}

/**
 * The team that signed off a number is told when the usage measured against it first goes above what it agreed: once
 * per breach of that agreed value (a number agreed again opens a new breach).
 */
function planBreachNotifications(config: GateConfig, issue: NotifiedIssue, previous: unknown, next: unknown): PlannedNotification[] {
  const after = CommitmentSummarySchema.safeParse(next);
  if (!after.success) return [];
  const before = CommitmentSummarySchema.safeParse(previous);
  const wasBreached = new Set(before.success ? before.data.breached : []);
  const breaches = commitments(config, after.data.numbers, after.data.usage).filter((c) => c.state === 'breached' && !wasBreached.has(c.number));
  return breaches.flatMap((breach) => {
    const team = config.teams.find((t) => t.key === breach.signedOffBy);
    if (team === undefined) return [];
    return [
      {
        key: dedupKey(issue.id, 'usage', team.key, 'commitment-breached', { number: breach.number, agreed: breach.agreed }),
        team: team.key,
        stage: 'usage',
        reason: 'commitment-breached' as const,
        message: composeMessage(`${issue.key}: ${breach.label.toLowerCase()} breached`, [
          `${breachInWords(breach)} on ${issue.key} (${issue.title}). ${team.name} signed off the ${breach.label.toLowerCase()}.`,
          `Review the usage in the Go-Live Gate panel of ${issue.key}: agree a new number, or act to bring the usage back within it.`,
        ], team.groups),
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
 * Sends what planNotifications decided, each at most once: a notification is claimed in the log (FAIL_IF_EXISTS)
 * before it is sent, and released if sending fails so the next write retries it. Never throws: a notification
 * that cannot be sent must not undo or fail the decision that caused it.
 *
 * @example
 * const outcomes = await notifyTeams(ports, config, issue, issue.properties['golive-gate.summary'], freshSummary);
 * // [{ team: 'cee', reason: 'stage-entered', result: 'sent', key: 'notified:10001:go-live:cee:stage-entered:…' }]
 */
export async function notifyTeams(ports: NotifyPorts, config: GateConfig, issue: NotifiedIssue, previous: unknown, next: unknown): Promise<NotifyOutcome[]> {
  const outcomes: NotifyOutcome[] = [];
  for (const planned of planNotifications(config, issue, previous, next)) {
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
