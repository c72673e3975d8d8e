import type { Stage } from './config';
import { remindersOf } from './reminder-defaults';
import { currentStageIndex } from './stages';
import { isWaitingOn } from './verdict';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A ticket as the reminders name it. */
export interface RemindedIssue {
  readonly id: string;
  readonly key: string;
  /** The issue's Jira summary (its title). */
  readonly title: string;
  readonly created: string;
}

/** A stage as the reminders read it, in either model's configuration. */
export type RemindedStage = Pick<Stage, 'key' | 'name' | 'reminders' | 'approvalLifetimeDays'>;

/** A gate configuration as the reminders read it: gate model v2's (the stored one) or v1's. */
export interface RemindersConfig {
  readonly stages: readonly RemindedStage[];
  readonly teams: readonly { readonly key: string; readonly name: string; readonly groups: readonly string[] }[];
}

/** A stage's verdict as the reminders read it: gate model v2's (`evaluateAllV2`, the validator's) or v1's. */
export interface RemindedVerdict {
  readonly stage: string;
  readonly allowed: boolean;
  readonly overridden: boolean;
  readonly override?: { readonly at: string } | undefined;
  readonly teams: readonly {
    readonly team: string;
    readonly name: string;
    readonly state: string;
    readonly decision?: { readonly at: string; readonly comment?: string | undefined } | undefined;
  }[];
}

/** One team keeping one ticket waiting at its current stage, since when (from the verified records). */
export interface Wait {
  readonly issue: RemindedIssue;
  readonly stage: RemindedStage;
  readonly team: { readonly key: string; readonly name: string; readonly groups: readonly string[] };
  readonly since: Date;
}

/** Something to tell, keyed so that it is told once: a reminder (the n-th of one wait) or an escalation. */
export interface DueNotice {
  readonly kind: 'reminder' | 'escalation';
  /** One key per thing told: claimed in KVS before it is sent, so no run or retry tells it twice. */
  readonly key: string;
  readonly wait: Wait;
}

/** A reporter's news: a team declined, or a stage became ready. */
export interface ReporterNotice {
  readonly key: string;
  readonly subject: string;
  readonly lines: readonly string[];
}

const latest = (times: readonly (string | undefined)[]): number | undefined => {
  const parsed = times.flatMap((t) => (t === undefined ? [] : [Date.parse(t)])).filter(Number.isFinite);
  return parsed.length === 0 ? undefined : Math.max(...parsed);
};

/** When the stage was passed: its override, else its last counting approval (undefined when it passed with neither). */
function passedAt(verdict: RemindedVerdict): number | undefined {
  if (verdict.overridden && verdict.override !== undefined) return Date.parse(verdict.override.at);
  return latest(verdict.teams.filter((t) => t.state === 'approved').map((t) => t.decision?.at));
}

/**
 * Who keeps the ticket waiting at its current stage (the first that does not pass) and since when: from the moment
 * the ticket entered the stage (the previous stage passed; the ticket's creation for the first), or later when the
 * team's own decision changed since (revoked, gone stale) or its approval expired.
 *
 * @example
 * waitsOf(config, evaluateAllV2(facts, now), issue)
 * // [{ stage: { key: 'go-live', ... }, team: { key: 'cee', ... }, since: 2026-03-01T09:00:00.000Z, issue }]
 */
export function waitsOf(config: RemindersConfig, verdicts: readonly RemindedVerdict[], issue: RemindedIssue): Wait[] {
  const index = currentStageIndex(verdicts, (v) => v.allowed);
  const verdict = verdicts[index];
  const stage = config.stages[index];
  if (verdict === undefined || stage === undefined) return [];
  const previous = verdicts[index - 1];
  const entered = (previous === undefined ? undefined : passedAt(previous)) ?? Date.parse(issue.created);
  return verdict.teams.flatMap((teamVerdict): Wait[] => {
    const team = config.teams.find((t) => t.key === teamVerdict.team);
    if (team === undefined || !isWaitingOn(teamVerdict.state)) return [];
    const decidedAt = teamVerdict.decision === undefined ? undefined : Date.parse(teamVerdict.decision.at);
    const changedAt = teamVerdict.state === 'expired' && decidedAt !== undefined && stage.approvalLifetimeDays !== undefined ? decidedAt + stage.approvalLifetimeDays * DAY_MS : decidedAt;
    const since = Math.max(entered, changedAt ?? Number.NEGATIVE_INFINITY);
    return Number.isFinite(since) ? [{ issue, stage, team: { key: team.key, name: team.name, groups: team.groups }, since: new Date(since) }] : [];
  });
}

/**
 * The reminders and escalations due for these waits at `now`, per the stage's settings: a reminder once the team has
 * kept the ticket waiting `remindAfterHours`, then one more every `repeatEveryDays`; an escalation to the stage's
 * escalation groups once after `escalateAfterHours`. Each notice's key names the wait (ticket, stage, team, since) and
 * the reminder's number, so a notice already told is never told again, whatever runs or retries.
 *
 * @example
 * dueNotices(waits, new Date('2026-03-04T10:00:00Z')).map((n) => n.kind) // ['reminder'] after 3 days of a 2-day threshold
 */
export function dueNotices(waits: readonly Wait[], now: Date): DueNotice[] {
  const notices: DueNotice[] = [];
  for (const wait of waits) {
    const settings = remindersOf(wait.stage);
    const waitedMs = now.getTime() - wait.since.getTime();
    const id = `${wait.issue.id}:${wait.stage.key}:${wait.team.key}:${wait.since.toISOString()}`;
    if (settings.remindAfterHours > 0 && waitedMs >= settings.remindAfterHours * HOUR_MS) {
      const nth = Math.floor((waitedMs - settings.remindAfterHours * HOUR_MS) / (settings.repeatEveryDays * DAY_MS));
      notices.push({ kind: 'reminder', key: `reminder:${id}:${nth}`, wait });
    }
    if (settings.escalateAfterHours > 0 && settings.escalationGroups.length > 0 && waitedMs >= settings.escalateAfterHours * HOUR_MS) {
      notices.push({ kind: 'escalation', key: `escalation:${id}`, wait });
    }
  }
  return notices;
}

/** News older than this is not told: the first run after an upgrade must not tell every reporter about old declines. */
export const REPORTER_NEWS_WINDOW_MS = 7 * DAY_MS;

/**
 * What the reporter should hear about, from the verified verdicts: each decline at a stage that tells its reporter, and
 * each such stage that is ready (passed by approvals), when it happened within REPORTER_NEWS_WINDOW_MS; a decline is
 * told once, at the first stage that needs the team. Keys name the
 * decision or the moment the stage passed, so each is told once.
 *
 * @example
 * reporterNotices(config, verdicts, issue, now)[0]?.subject // 'SKU-2: CEE declined Go live'
 */
export function reporterNotices(config: RemindersConfig, verdicts: readonly RemindedVerdict[], issue: RemindedIssue, now: Date): ReporterNotice[] {
  const notices: ReporterNotice[] = [];
  const recent = (at: number | undefined): at is number => at !== undefined && now.getTime() - at <= REPORTER_NEWS_WINDOW_MS;
  const toldDeclines = new Set<string>();
  for (const verdict of verdicts) {
    const stage = config.stages.find((s) => s.key === verdict.stage);
    if (stage === undefined || !remindersOf(stage).tellReporter) continue;
    for (const team of verdict.teams) {
      if (team.state !== 'declined' || team.decision === undefined || !recent(Date.parse(team.decision.at))) continue;
      // A team required at several stages declines once: told about at the first of them.
      if (toldDeclines.has(team.team)) continue;
      toldDeclines.add(team.team);
      const because = team.decision.comment?.trim();
      notices.push({
        key: `reporter:${issue.id}:declined:${team.team}:${team.decision.at}`,
        subject: `${issue.key}: ${team.name} declined ${stage.name}`,
        lines: [`${team.name} declined ${issue.key} (${issue.title}) at the stage "${stage.name}"${because ? `: ${because}` : '.'}`, `Address it and ask ${team.name} to review again in the Go-Live Gate panel of ${issue.key}.`],
      });
    }
    const passed = passedAt(verdict);
    if (verdict.allowed && !verdict.overridden && recent(passed)) {
      notices.push({
        key: `reporter:${issue.id}:ready:${stage.key}:${new Date(passed).toISOString()}`,
        subject: `${issue.key}: ${stage.name} is ready`,
        lines: [`Every requirement of "${stage.name}" is met for ${issue.key} (${issue.title}).`, `The transition it guards can go ahead.`],
      });
    }
  }
  return notices;
}

const hoursOrDays = (ms: number): string => (ms >= 2 * DAY_MS ? `${Math.floor(ms / DAY_MS)} days` : `${Math.max(1, Math.floor(ms / HOUR_MS))} hours`);

/**
 * The lines of one digest: one line per ticket, the longest wait first.
 *
 * @example
 * digestLines(notices, now) // ['SKU-2 (Add-on X), Go live: waiting on CEE for 3 days', ...]
 */
export function digestLines(notices: readonly DueNotice[], now: Date): string[] {
  return [...notices]
    .sort((a, b) => a.wait.since.getTime() - b.wait.since.getTime())
    .map(({ wait }) => `${wait.issue.key} (${wait.issue.title}), ${wait.stage.name}: waiting on ${wait.team.name} for ${hoursOrDays(now.getTime() - wait.since.getTime())}`);
}
