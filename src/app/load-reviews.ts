import { subDays } from 'date-fns';
import { parseTickets } from '../gate/review-tickets';
import { reviewBreaches } from '../gate/review-breaches';
import { ticketsAtRisk } from '../gate/review-at-risk';
import { DEFAULT_SHADOW_GRADUATION } from '../gate/config';
import { reviewBench, teamMembers } from '../gate/review-bench';
import { currentAssignments } from '../gate/reviewer-assignment';
import { assignmentFigures } from '../gate/review-assignments';
import { potentialMembers } from '../gate/review-candidates';
import { graduationOf, shadowProgress } from '../gate/shadow-program';
import type { BenchSnapshot } from '../gate/review-bench-trend';
import { benchTrend, dayOfTime } from '../gate/review-bench-trend';
import { reviewDecisions } from '../gate/review-decisions';
import { reviewOverrides } from '../gate/review-overrides';
import { reviewQueue } from '../gate/review-queue';
import { reviewThroughput, throughputCsv } from '../gate/review-throughput';
import type { Queue } from '../gate/review-queue';
import type { ReviewsView } from '../contract';
import { ValidationError } from '../errors';
import type { ReviewsPorts } from '../ports';
import { searchGatedTickets } from './search-gated-tickets';
import { storedRules } from './stored-rules';
import { actsForTeamOn, approverFieldsOf, groupsOnSomeTicket, mayActForTeam } from '../gate/v2/acting-teams';
import { benchDepthV2 } from '../gate/v2/bench-depth';
import type { GateConfig } from '../gate/config';

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
/** How far before the period (or now) recorded stage entries are read: a wait that began earlier is estimated. */
export const ENTRY_LOOKBACK_DAYS = 366;
/** How far before the period bench snapshots are read: the first span shows the bench as it last was. */
const SNAPSHOT_LOOKBACK_DAYS = 31;
/** Before any review history. */
const SINCE_EVER = '2000-01-01T00:00:00.000Z';

/** Keeps today's bench; it only feeds the chart over time, so a failure to keep it never fails the page. */
async function keepSnapshot(ports: ReviewsPorts, snapshot: BenchSnapshot): Promise<void> {
  try {
    await ports.benchSnapshots.record(snapshot);
  } catch (error) {
    console.warn('Go-Live Gate could not keep today’s bench snapshot:', error instanceof Error ? error.message : error);
  }
}

export interface LoadReviewsInput {
  readonly projectId: string;
  readonly projectKey: string;
  readonly accountId: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

function period(input: LoadReviewsInput, now: Date): { from: Date; to: Date } {
  const to = input.to === undefined ? now : new Date(input.to);
  const from = input.from === undefined ? subDays(to, DEFAULT_PERIOD_DAYS) : new Date(input.from);
  if (from >= to) throw new ValidationError('The period must start before it ends.', [{ path: 'from', message: 'must be before the end of the period' }]);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new ValidationError(`The period is at most ${MAX_PERIOD_DAYS} days.`, [{ path: 'from', message: `must be at most ${MAX_PERIOD_DAYS} days before the end` }]);
  }
  return { from, to };
}

/**
 * Everything the reviews page shows for a project: the queue, throughput over [from, to) (default: the last
 * 30 days), bench depth (now and over the period), reviewer assignment measured, the shadow program and overrides, counted from the review history
 * (every decision; waits from stage entry) and, for what happened before the history existed, from the tickets'
 * summaries. Costs ceil(N/100) search requests for N gated tickets, one Directory call per distinct group of the
 * configuration (shadow groups, and those an approver field names, included), one KVS query per 100 history events of each kind read (decisions of the
 * period, approvals gone stale or expired and comments in the period, stage entries and reviewer assignments from up to a year before, shadow reviews and seconds of all time), one for the daily bench
 * snapshots (and one write, the first time a day), and no request per ticket.
 *
 * @example
 * const view = await loadReviews(ports, { projectId: '10000', projectKey: 'SKU', accountId: 'acc-pm' });
 * view.queue.teams[0]; // { team: 'cee', name: 'CEE', waiting: [{ key: 'SKU-3', waitingMs: 259200000, ... }] }
 */
export async function loadReviews(ports: ReviewsPorts, input: LoadReviewsInput): Promise<ReviewsView> {
  const now = ports.clock.now();
  const { from, to } = period(input, now);
  const stored = await ports.configs.get(input.projectId).then(storedRules);
  const empty: Queue = { stages: [], teams: [] };
  const base = { projectKey: input.projectKey, now: now.toISOString(), from: from.toISOString(), to: to.toISOString() };
  if (stored === undefined) {
    return {
      ...base, configured: false, myTeams: [], teamNames: {}, stageNames: {}, queue: empty, myQueue: empty,
      throughput: { from: base.from, to: base.to, teams: [], stages: [] }, bench: [], benchTrend: [], shadows: [], graduation: DEFAULT_SHADOW_GRADUATION, overrides: [], throughputCsv: '', tickets: 0, skipped: [], truncated: false,
      measurement: { decisionsFromSummary: 0, estimatedWaits: 0, stagesWithoutEntryStatus: [] },
    };
  }
  const { configV2 } = stored;
  // The metrics' rules (src/gate/review-*.ts) read the v1 view; there each team's groups are all those that act for it on
  // some ticket (gate model v2: those its approver field names too), so the bench, shadows and candidates count them.
  const config: GateConfig = {
    ...stored.config,
    teams: stored.config.teams.map((team) => {
      const own = configV2.teams.find((t) => t.key === team.key);
      return own === undefined ? team : { ...team, groups: groupsOnSomeTicket(own) };
    }),
  };
  const groups = [...new Set(config.teams.flatMap((t) => [...t.groups, ...(t.shadowGroups ?? [])]))];
  // Stage entries long before the period still start waits inside it, and the queue's waits run until now.
  const entriesFrom = subDays(from < now ? from : now, ENTRY_LOOKBACK_DAYS).toISOString();
  const entriesTo = new Date(Math.max(to.getTime(), now.getTime() + 1)).toISOString();
  const today = dayOfTime(now);
  const untilNow = new Date(now.getTime() + 1).toISOString();
  const [found, myGroups, members, decisionEvents, entryEvents, snapshots, shadowReviews, shadowSeconds, assignmentEvents, staleEvents, expiryEvents, commentEvents] = await Promise.all([
    searchGatedTickets(ports.search, input.projectKey, config.stages.map((s) => s.key), approverFieldsOf(configV2)),
    ports.directory.groupsOf(input.accountId),
    Promise.all(groups.map(async (group) => [group, await ports.directory.membersOf(group)] as const)),
    ports.history.list(input.projectId, 'decision', from.toISOString(), to.toISOString()),
    ports.history.list(input.projectId, 'stage-entered', entriesFrom, entriesTo),
    // From a while before the period, so its first span has the bench as it last was.
    ports.benchSnapshots.list(input.projectId, dayOfTime(subDays(from, SNAPSHOT_LOOKBACK_DAYS)), today > dayOfTime(to) ? today : dayOfTime(to)),
    // Graduation counts a shadow's reviews of all time, not of the period.
    ports.history.list(input.projectId, 'shadow-review', SINCE_EVER, untilNow),
    ports.history.list(input.projectId, 'shadow-seconded', SINCE_EVER, untilNow),
    ports.history.list(input.projectId, 'reviewer-assigned', entriesFrom, untilNow),
    ports.history.list(input.projectId, 'approval-stale', from.toISOString(), to.toISOString()),
    ports.history.list(input.projectId, 'approval-expired', from.toISOString(), to.toISOString()),
    ports.history.list(input.projectId, 'commented', from.toISOString(), to.toISOString()),
  ]);
  const reviewers = currentAssignments(assignmentEvents);
  const membersByGroup = Object.fromEntries(members);
  const bench: BenchSnapshot = { projectId: input.projectId, day: today, teams: teamMembers(config, membersByGroup) };
  if (!snapshots.some((s) => s.day === today)) await keepSnapshot(ports, bench);
  const { tickets, skipped } = parseTickets(config, found.tickets, entryEvents);
  // Judged by gate model v2: an approver a ticket field names (Owning SIG) acts for the team on those tickets only.
  const fieldsOf = new Map(found.tickets.map((t) => [t.key, t.fields ?? {}]));
  const actsFor = (teamKey: string, ticketKey: string): boolean => {
    const team = configV2.teams.find((t) => t.key === teamKey);
    return team !== undefined && actsForTeamOn(configV2, team, fieldsOf.get(ticketKey) ?? {}, myGroups);
  };
  const myTeams = configV2.teams.filter((team) => mayActForTeam(team, myGroups) || tickets.some((t) => actsFor(team.key, t.key))).map((t) => t.key);
  const decided = reviewDecisions(tickets, decisionEvents, { from, to });
  // Whether too few can approve for a team whose approvers come from a field depends on the field's value.
  const fromField = new Set(configV2.teams.filter((t) => t.approversFrom !== undefined).map((t) => t.key));
  const fieldTeamWarnings = new Map(benchDepthV2(configV2, membersByGroup).flatMap((b) => (fromField.has(b.team) && b.warning !== undefined ? [[b.team, b.warning] as const] : [])));
  const throughput = reviewThroughput(config, tickets, { from, to }, decided, [...staleEvents, ...expiryEvents]);
  return {
    ...base,
    configured: true,
    myTeams,
    teamNames: Object.fromEntries(config.teams.map((t) => [t.key, t.name])),
    stageNames: Object.fromEntries(config.stages.map((s) => [s.key, s.name])),
    queue: reviewQueue(config, tickets, now, undefined, reviewers),
    myQueue: reviewQueue(config, tickets, now, (team, ticket) => actsFor(team, ticket.key), reviewers),
    throughput,
    bench: reviewBench(config, decided, membersByGroup).map((bench) => {
      const byValue = fieldTeamWarnings.get(bench.team);
      return byValue === undefined ? bench : { ...bench, warning: byValue };
    }),
    benchTrend: benchTrend(config, decided, { from, to }, [...snapshots.filter((s) => s.day !== today), bench]),
    shadows: shadowProgress(config, shadowReviews, shadowSeconds, membersByGroup),
    graduation: graduationOf(config),
    overrides: reviewOverrides(tickets),
    throughputCsv: throughputCsv(throughput),
    tickets: tickets.length,
    skipped,
    truncated: found.truncated,
    breaches: reviewBreaches(config, found.tickets),
    atRisk: ticketsAtRisk(config, found.tickets, now),
    candidates: potentialMembers(config, tickets, commentEvents, membersByGroup),
    assignments: assignmentFigures(config, assignmentEvents, decisionEvents, { from, to }, new Set(tickets.flatMap((t) => (t.id === undefined ? [] : [t.id])))),
    measurement: {
      decisionsFromSummary: throughput.teams.reduce((n, t) => n + t.fromSummary, 0),
      estimatedWaits: throughput.teams.reduce((n, t) => n + t.estimatedWaits, 0),
      stagesWithoutEntryStatus: config.stages.filter((s) => s.fromStatus === undefined).map((s) => s.name),
      lapsesFromSummary: throughput.teams.reduce((n, t) => n + t.lapsesFromSummary, 0),
    },
  };
}
