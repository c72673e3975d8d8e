import { canonicalJson, sha256Hex } from '../gate/digest';
import { remindersOf } from '../gate/reminder-defaults';
import { SUMMARY_PROPERTY } from '../gate/records';
import { ReviewSummarySchema } from '../gate/review-tickets';
import { releaseNames } from '../gate/target-release';
import type { GateConfigV2 } from '../gate/v2/config';
import type { IssueEventPorts } from '../ports';
import type { NotifyOutcome } from './notify-teams';
import { composeMessage, notifyTeams } from './notify-teams';
import { gateFactsOf } from './gate-facts';
import { storedRules } from './stored-rules';
import { refreshSummary } from './summary-refresh';
import { verifyIssue, withLegacyDigests } from './verified-issue';

/** A ticket of a project without a gate: left alone. */
interface Untracked {
  readonly tracked: false;
  readonly reason: string;
}

/** The gate evaluated again: the summary as it now stands, and the teams told. */
interface Reevaluated {
  readonly tracked: true;
  readonly summary: unknown;
  /** The teams told (now waited on, or approval-stale), as notifyTeams answers. */
  readonly notifications: readonly NotifyOutcome[];
}

export type TicketChangeOutcome = Untracked | Reevaluated;

export type ReleaseChangeOutcome =
  | Untracked
  | (Reevaluated & {
      /** Teams whose approval counted before the change and no longer does. */
      readonly stale: readonly string[];
      readonly reporter: 'sent' | 'already-sent' | 'not-told' | 'failed';
    });

/**
 * Team keys whose approval the new release no longer covers: approved in the summary before and stale after (the state
 * at the strictest stage), and those told now that an approval at a stage not passed went stale (gate model v2 approves
 * per stage; one told before went stale before). In configuration order.
 */
function wentStale(config: GateConfigV2, previous: unknown, next: unknown, notifications: readonly NotifyOutcome[]): string[] {
  const before = ReviewSummarySchema.safeParse(previous);
  const after = ReviewSummarySchema.safeParse(next);
  const fromSummary = !before.success || !after.success ? [] : Object.entries(after.data.teams).filter(([team, state]) => state.state === 'stale' && before.data.teams[team]?.state === 'approved').map(([team]) => team);
  const told = notifications.filter((n) => n.reason === 'approval-stale' && n.result !== 'already-sent').map((n) => n.team);
  return config.teams.map((t) => t.key).filter((team) => fromSummary.includes(team) || told.includes(team));
}

/** Whether the reporter hears of it: a stage that requires one of the teams tells its reporter (its reminders settings). */
const tellsReporter = (config: GateConfigV2, teams: readonly string[]): boolean =>
  config.stages.some((stage) => remindersOf(stage).tellReporter && stage.teams.some((entry) => teams.includes(entry.team)));

/** The gate evaluated again from the verified records: the summary rewritten when it changed, the teams told. */
async function reevaluate(ports: IssueEventPorts, issueIdOrKey: string) {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, heads] = await Promise.all([ports.configs.get(issue.projectId).then(storedRules), ports.records.heads(issue.id).then((found) => withLegacyDigests(ports, issue, found))]);
  if (stored === undefined) return { tracked: false as const, reason: `project ${issue.projectKey} has no Go-Live Gate configuration` };
  const config = stored.configV2;
  const previous = issue.properties[SUMMARY_PROPERTY];
  const now = ports.clock.now();
  const fresh = await refreshSummary(ports, stored, verifyIssue(stored.config, issue, heads), now);
  const summary = fresh.issue.properties[SUMMARY_PROPERTY];
  const named = { id: issue.id, key: issue.key, title: issue.summary };
  const notifications = ports.notify ? await notifyTeams(ports.notify, gateFactsOf(config, fresh), now, named, previous, summary) : [];
  return { tracked: true as const, issue, config, previous, fresh, summary, notifications };
}

/**
 * After an edit to what the gate judges a ticket by (its labels, components or issue type, or a custom field: an
 * approver field such as Owning SIG, or a team's condition): evaluated again without anyone opening it, so the summary
 * follows (a team a condition now requires, a ticket now in or out of scope) and the approvers the ticket now names, or
 * whose approvals went stale, are told (once each, as after any write).
 *
 * @example
 * await reevaluateAfterTicketChange(ports, 'KEP-7') // Owning SIG set to sig-apps: SIG Apps' approvers are told Alpha waits on them
 * // { tracked: true, notifications: [{ team: 'owning-sig', reason: 'stage-entered', result: 'sent', ... }], ... }
 */
export async function reevaluateAfterTicketChange(ports: IssueEventPorts, issueIdOrKey: string): Promise<TicketChangeOutcome> {
  const evaluated = await reevaluate(ports, issueIdOrKey);
  return evaluated.tracked ? { tracked: true, summary: evaluated.summary, notifications: evaluated.notifications } : evaluated;
}

/**
 * After a ticket's fix versions changed (`avi:jira:updated:issue` with a `fixVersions` changelog item): its gate is
 * evaluated again from the verified records without anyone opening it, so approvals that covered the previous release
 * turn stale, the summary (JQL status, reviews page, deadlines) follows, the teams whose approvals went stale are told
 * (once each, as after any write), and the reporter hears once per release which teams must approve again, when a
 * stage that needs them tells its reporter (`reminders.tellReporter`). One issue read, one KVS query for the heads, the
 * configuration, then only what changed is written.
 *
 * @example
 * await reevaluateAfterReleaseChange(ports, '10042')
 * // { tracked: true, stale: ['sre-p'], notifications: [{ team: 'sre-p', reason: 'approval-stale', result: 'sent', ... }], reporter: 'sent', ... }
 */
export async function reevaluateAfterReleaseChange(ports: IssueEventPorts, issueIdOrKey: string): Promise<ReleaseChangeOutcome> {
  const evaluated = await reevaluate(ports, issueIdOrKey);
  if (!evaluated.tracked) return evaluated;
  const { issue, config, previous, fresh, summary, notifications } = evaluated;
  const stale = wentStale(config, previous, summary, notifications);
  if (stale.length === 0 || ports.notify === undefined || !tellsReporter(config, stale)) return { tracked: true, summary, stale, notifications, reporter: 'not-told' };

  const release = releaseNames(fresh.snapshot.issue.targetRelease) || 'no release';
  const teamNames = config.teams.filter((t) => stale.includes(t.key)).map((t) => t.name).join(', ');
  const key = `reporter:${issue.id}:release-moved:${sha256Hex(canonicalJson({ release: fresh.snapshot.issue.targetRelease?.map((v) => v.id) ?? [], stale }))}`;
  let claimed = false;
  try {
    claimed = await ports.notify.notificationLog.claim(key);
    if (!claimed) return { tracked: true, summary, stale, notifications, reporter: 'already-sent' };
    await ports.notify.notifier.notify(issue.id, {
      ...composeMessage(`${issue.key} now targets ${release}: approvals needed again`, [
        `${issue.key} (${issue.summary}) now targets ${release}. The approvals that covered its previous release no longer count: ${teamNames} must approve again.`,
        `The teams were told; follow their decisions in the Go-Live Gate panel of ${issue.key}.`,
      ], []),
      reporter: true,
    });
    return { tracked: true, summary, stale, notifications, reporter: 'sent' };
  } catch (error) {
    if (claimed) await ports.notify.notificationLog.release(key).catch(() => undefined);
    console.warn(`Go-Live Gate could not tell the reporter of ${issue.key} that its release changed (told on the next change):`, error instanceof Error ? error.message : error);
    return { tracked: true, summary, stale, notifications, reporter: 'failed' };
  }
}
