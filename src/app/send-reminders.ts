import { remindsAnyone } from '../gate/reminder-defaults';
import type { DueNotice, RemindedIssue, RemindersConfig, ReporterNotice } from '../gate/reminders';
import { digestLines, dueNotices, reporterNotices, waitsOf } from '../gate/reminders';
import type { GateConfigV2 } from '../gate/v2/config';
import { evaluateAllV2 } from '../gate/v2/evaluate';
import { NotFoundError, ValidationError } from '../errors';
import type { NotifyPorts, ReminderPorts, TeamMessage } from '../ports';
import { composeMessage } from './notify-teams';
import { startIndex, STOP_MARGIN_MS } from './scheduled-refresh';
import { PAGE_SIZE } from './search-gated-tickets';
import { gateFactsOfIssue } from './gate-facts';
import { readIssueStateByKey } from './verified-issue';
import { customFieldIdsOf } from '../gate/v2/ticket';
import { groupsActingOn } from '../gate/v2/acting-teams';
import { withLinkedTickets } from './linked-tickets';

/** Tickets read at once: a few, so the run is quick without bursting Jira's rate limit. */
const CONCURRENCY = 4;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

export interface RemindersOutcome {
  readonly finished: boolean;
  readonly checked: number;
  /** E-mails sent: digests to teams and escalation groups, and notes to reporters. */
  readonly reminders: number;
  readonly escalations: number;
  readonly reporterNotes: number;
  readonly failed: readonly { readonly what: string; readonly error: string }[];
}

/**
 * The JQL of one page of candidates, in key order after `afterKey`: the blocked tickets (someone may be waiting) and
 * those whose summary changed in the last week (a stage may have become ready). The summary only selects candidates:
 * what is told is planned from each ticket's verified records.
 *
 * @example
 * remindersJql('10000', 'SKU-120') // 'project = 10000 AND (goLiveGateStatus = "blocked" OR goLiveGateUpdated >= "-7d") AND key > "SKU-120" ORDER BY key ASC'
 */
export function remindersJql(projectId: string, afterKey?: string): string {
  if (!/^\d+$/.test(projectId)) throw new ValidationError(`"${projectId}" is not a Jira project id.`);
  if (afterKey !== undefined && !ISSUE_KEY.test(afterKey)) throw new ValidationError(`"${afterKey}" is not a Jira issue key.`);
  return `project = ${projectId} AND (goLiveGateStatus = "blocked" OR goLiveGateUpdated >= "-7d")${afterKey === undefined ? '' : ` AND key > "${afterKey}"`} ORDER BY key ASC`;
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Sends one message at most once: claims every key (KVS FAIL_IF_EXISTS) first and sends only what this call claimed;
 * if sending fails, the claims are released so the next run tries again. Answers what was sent.
 */
async function sendOnce<T extends { readonly key: string }>(ports: NotifyPorts, issueId: string, items: readonly T[], compose: (fresh: readonly T[]) => TeamMessage): Promise<readonly T[]> {
  const fresh: T[] = [];
  for (const item of items) if (await ports.notificationLog.claim(item.key)) fresh.push(item);
  if (fresh.length === 0) return [];
  try {
    await ports.notifier.notify(issueId, compose(fresh));
    return fresh;
  } catch (error) {
    await Promise.all(fresh.map((item) => ports.notificationLog.release(item.key).catch(() => undefined)));
    throw error;
  }
}

/**
 * One digest per recipient and day: the day's key is claimed first, so a team (or an escalation group) gets at most one
 * e-mail a day whatever the number of tickets; notices it does not carry (all told already) free the day again. Jira's
 * notify API sends about one issue: the digest goes out on the longest-waiting ticket and lists all of them.
 */
async function sendDigest(ports: NotifyPorts, dayKey: string, notices: readonly DueNotice[], compose: (fresh: readonly DueNotice[]) => TeamMessage): Promise<number> {
  if (notices.length === 0 || !(await ports.notificationLog.claim(dayKey))) return 0;
  const oldest = [...notices].sort((a, b) => a.wait.since.getTime() - b.wait.since.getTime())[0];
  try {
    const sent = oldest === undefined ? [] : await sendOnce(ports, oldest.wait.issue.id, notices, compose);
    if (sent.length === 0) await ports.notificationLog.release(dayKey);
    return sent.length === 0 ? 0 : 1;
  } catch (error) {
    await ports.notificationLog.release(dayKey).catch(() => undefined);
    throw error;
  }
}

/** A notice with the Jira groups it goes to: for a reminder, the groups that act for the team on that ticket. */
interface PlannedNotice extends DueNotice {
  readonly groups: readonly string[];
}

interface TicketPlan {
  readonly notices: readonly PlannedNotice[];
  readonly reporter: readonly ReporterNotice[];
  readonly issue: RemindedIssue;
}

async function planTicket(ports: ReminderPorts, config: GateConfigV2, key: string, title: string, created: string): Promise<TicketPlan | undefined> {
  const { issue, heads } = await readIssueStateByKey(ports, key, customFieldIdsOf(config));
  const now = ports.clock.now();
  // The validator's verdicts (gate model v2): a team is reminded exactly while the transition waits on it.
  const facts = gateFactsOfIssue(config, await withLinkedTickets(ports, config, issue), heads);
  const verdicts = evaluateAllV2(facts, now);
  const reminded: RemindedIssue = { id: issue.id, key: issue.key, title: title || issue.summary, created: created || issue.created };
  // A team's approvers on this ticket: its groups, and those its approver field names here (an owning SIG's), so the
  // reminder reaches who can act, not a team whose groups are all in a ticket field.
  const groupsOf = (teamKey: string): string[] => {
    const team = config.teams.find((t) => t.key === teamKey);
    return team === undefined ? [] : groupsActingOn(config, team, facts.ticket);
  };
  const notices = dueNotices(waitsOf(config, verdicts, reminded), now).map((n) => ({ ...n, groups: n.kind === 'reminder' ? groupsOf(n.wait.team.key) : [] }));
  return { issue: reminded, notices, reporter: reporterNotices(config, verdicts, reminded, now) };
}

/**
 * The hourly reminders: for every gated project, reads the candidate tickets (remindersJql), plans from each ticket's
 * verified verdicts who has kept it waiting too long (waitsOf, dueNotices) and what its reporter should hear
 * (reporterNotices), tells each reporter at once, then sends one digest per team per day to the team's groups and one
 * per stage per day to its escalation groups. Every notice is claimed in KVS before it is sent, so nothing is told twice
 * across runs and retries. Stops taking tickets STOP_MARGIN_MS before its deadline: what it planned is still sent, and
 * the cursor (project, last ticket planned) goes to KVS, so the next run carries on after it rather than from the start.
 *
 * @example
 * await runReminders(ports) // { finished: true, checked: 40, reminders: 2, escalations: 1, reporterNotes: 3, failed: [] }
 */
export async function runReminders(ports: ReminderPorts): Promise<RemindersOutcome> {
  const counts = { checked: 0, reminders: 0, escalations: 0, reporterNotes: 0 };
  const failed: { what: string; error: string }[] = [];
  const today = ports.clock.now().toISOString().slice(0, 10);
  const projects = [...(await ports.projects.listAll())].sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
  // Where the last run stopped: only read when some project reminds anyone, so a site with reminders off pays nothing.
  const progress = projects.some(({ stored }) => stored.config.stages.some(remindsAnyone)) ? await ports.progress.read() : {};
  for (let p = startIndex(projects.map((entry) => entry.projectId), progress.cursor?.projectId); p < projects.length; p++) {
    const entry = projects[p];
    if (entry === undefined) continue;
    const { projectId, stored } = entry;
    const { config } = stored;
    // A project whose stages all have reminders, escalation and the reporter's news turned off costs nothing.
    if (!config.stages.some(remindsAnyone)) continue;
    const notices: PlannedNotice[] = [];
    let afterKey = progress.cursor?.projectId === projectId ? progress.cursor.afterKey : undefined;
    let stopped = false;
    pages: for (;;) {
      const page = await ports.search.search({ jql: remindersJql(projectId, afterKey), fields: ['summary', 'created', 'status'], properties: [], maxResults: PAGE_SIZE });
      for (let start = 0; start < page.issues.length; start += CONCURRENCY) {
        if (ports.budget.remainingMs() < STOP_MARGIN_MS) {
          stopped = true;
          break pages;
        }
        const batch = page.issues.slice(start, start + CONCURRENCY);
        const open = batch.filter((issue) => issue.fields.status?.statusCategory?.key !== 'done');
        const plans = await Promise.all(
          open.map((ticket) =>
            planTicket(ports, config, ticket.key, ticket.fields.summary ?? '', ticket.fields.created ?? '').catch((error: unknown) => {
              if (!(error instanceof NotFoundError)) failed.push({ what: ticket.key, error: errorText(error) });
              return undefined;
            }),
          ),
        );
        for (const plan of plans) {
          if (plan === undefined) continue;
          counts.checked++;
          notices.push(...plan.notices);
          for (const note of plan.reporter) {
            try {
              const sent = await sendOnce(ports.notify, plan.issue.id, [note], () => ({ ...composeMessage(note.subject, note.lines, []), reporter: true }));
              counts.reporterNotes += sent.length;
            } catch (error) {
              failed.push({ what: `${plan.issue.key} reporter`, error: errorText(error) });
            }
          }
        }
        afterKey = batch.at(-1)?.key ?? afterKey;
      }
      if (page.nextPageToken === undefined || page.issues.length === 0) break;
    }
    await sendDigests(ports, projectId, config, notices, today, counts, failed);
    if (stopped) {
      await ports.progress.write({ cursor: { projectId, ...(afterKey !== undefined && { afterKey }) } });
      return { finished: false, ...counts, failed };
    }
  }
  // A run that finishes clears the cursor it started from (and writes nothing when there was none).
  if (progress.cursor !== undefined) await ports.progress.write({});
  return { finished: true, ...counts, failed };
}

const sameGroups = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((g) => b.includes(g));

async function sendDigests(
  ports: ReminderPorts,
  projectId: string,
  config: RemindersConfig,
  notices: readonly PlannedNotice[],
  today: string,
  counts: { reminders: number; escalations: number },
  failed: { what: string; error: string }[],
): Promise<void> {
  const now = ports.clock.now();
  for (const team of config.teams) {
    // One digest a day per team and set of approver groups: a team whose approvers come from a ticket field (an owning
    // SIG) has one set per field value, and each is told only of its own tickets. Unchanged for a team's own groups.
    const bySet = new Map<string, PlannedNotice[]>();
    for (const n of notices) {
      if (n.kind !== 'reminder' || n.wait.team.key !== team.key || n.groups.length === 0) continue;
      const set = sameGroups(n.groups, team.groups) ? '' : [...n.groups].sort().join('+');
      bySet.set(set, [...(bySet.get(set) ?? []), n]);
    }
    for (const [set, forTeam] of bySet) {
      const groups = forTeam[0]?.groups ?? team.groups;
      try {
        counts.reminders += await sendDigest(ports.notify, `digest:${projectId}:team:${team.key}:${set === '' ? '' : `${set}:`}${today}`, forTeam, (fresh) =>
          composeMessage(
            `Reminder: ${fresh.length === 1 ? `${fresh[0]?.wait.issue.key ?? ''} waits` : `${fresh.length} tickets wait`} on ${team.name}`,
            [`These tickets have been waiting on ${team.name} longer than their stage allows:`, ...digestLines(fresh, now), 'Please approve, or decline with a reason, in the Go-Live Gate panel of each.'],
            groups,
          ),
        );
      } catch (error) {
        failed.push({ what: `reminder to ${team.name}${set === '' ? '' : ` (${groups.join(', ')})`}`, error: errorText(error) });
      }
    }
  }
  for (const stage of config.stages) {
    const forStage = notices.filter((n) => n.kind === 'escalation' && n.wait.stage.key === stage.key);
    const groups = stage.reminders?.escalationGroups ?? [];
    try {
      counts.escalations += await sendDigest(ports.notify, `digest:${projectId}:escalation:${stage.key}:${today}`, forStage, (fresh) =>
        composeMessage(
          `Escalation: ${fresh.length === 1 ? `${fresh[0]?.wait.issue.key ?? ''} has` : `${fresh.length} tickets have`} waited too long at ${stage.name}`,
          [`These tickets have been waiting at "${stage.name}" past its escalation threshold; the teams were reminded:`, ...digestLines(fresh, now)],
          groups,
        ),
      );
    } catch (error) {
      failed.push({ what: `escalation of ${stage.name}`, error: errorText(error) });
    }
  }
}
