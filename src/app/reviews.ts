import { subDays } from 'date-fns';
import { overrideProperty, SUMMARY_PROPERTY } from '../gate/records';
import {
  parseTickets, reviewBench, reviewOverrides, reviewQueue, reviewThroughput, throughputCsv,
} from '../gate/review-metrics';
import type { Queue, ReviewTicket } from '../gate/review-metrics';
import type { ReviewsView } from '../contract';
import { ValidationError } from '../errors';
import type { IssueSearch, ReviewsPorts } from '../ports';

export const PAGE_SIZE = 100;
/** 10,000 tickets: enough for any project's gate, and well inside the 25 seconds of one invocation. */
export const MAX_PAGES = 100;
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
/** Jira returns at most 5 properties per issue in a search: the summary and the overrides of the first 4 stages. */
const MAX_OVERRIDE_PROPERTIES = 4;

export interface LoadReviewsInput {
  readonly projectId: string;
  readonly projectKey: string;
  readonly accountId: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/**
 * JQL for the gated tickets of a project: those with a summary property.
 *
 * @example
 * gatedTicketsJql('SKU'); // 'project = "SKU" AND issue.property[golive-gate.summary].status IS NOT EMPTY'
 */
export function gatedTicketsJql(projectKey: string): string {
  if (!/^[A-Z][A-Z0-9_]{0,254}$/.test(projectKey)) throw new ValidationError(`"${projectKey}" is not a Jira project key.`);
  return `project = "${projectKey}" AND issue.property[${SUMMARY_PROPERTY}].status IS NOT EMPTY`;
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

/** Every gated ticket of the project, one search request per 100 tickets, following nextPageToken. */
async function searchGatedTickets(search: IssueSearch, projectKey: string, stageKeys: readonly string[]): Promise<{ tickets: ReviewTicket[]; truncated: boolean }> {
  const overrideKeys = stageKeys.slice(0, MAX_OVERRIDE_PROPERTIES).map((stage) => [stage, overrideProperty(stage)] as const);
  const request = {
    jql: gatedTicketsJql(projectKey),
    fields: ['created', 'status', 'summary'],
    properties: [SUMMARY_PROPERTY, ...overrideKeys.map(([, key]) => key)],
    maxResults: PAGE_SIZE,
  };
  const tickets: ReviewTicket[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await search.search({ ...request, nextPageToken });
    for (const issue of answer.issues) {
      const properties = issue.properties ?? {};
      tickets.push({
        key: issue.key,
        title: issue.fields.summary ?? '',
        created: issue.fields.created ?? '',
        status: issue.fields.status?.name ?? '',
        done: issue.fields.status?.statusCategory?.key === 'done',
        summary: properties[SUMMARY_PROPERTY],
        overrides: Object.fromEntries(overrideKeys.map(([stage, key]) => [stage, properties[key]])),
      });
    }
    // A token that does not move on would loop forever: treat it as the end.
    if (answer.nextPageToken === undefined || answer.nextPageToken === nextPageToken) return { tickets, truncated: false };
    nextPageToken = answer.nextPageToken;
  }
  return { tickets, truncated: true };
}

/**
 * Everything the reviews page shows for a project: the queue, throughput over [from, to) (default: the last
 * 30 days), bench depth and overrides. Costs ceil(N/100) search requests for N gated tickets, one Directory
 * call per distinct group of the configuration, and no request per ticket.
 *
 * @example
 * const view = await loadReviews(ports, { projectId: '10000', projectKey: 'SKU', accountId: 'acc-pm' });
 * view.queue.teams[0]; // { team: 'cee', name: 'CEE', waiting: [{ key: 'SKU-3', waitingMs: 259200000, ... }] }
 */
export async function loadReviews(ports: ReviewsPorts, input: LoadReviewsInput): Promise<ReviewsView> {
  const now = ports.clock.now();
  const { from, to } = period(input, now);
  const stored = await ports.configs.get(input.projectId);
  const empty: Queue = { stages: [], teams: [] };
  const base = { projectKey: input.projectKey, now: now.toISOString(), from: from.toISOString(), to: to.toISOString() };
  if (stored === undefined) {
    return {
      ...base, configured: false, myTeams: [], teamNames: {}, stageNames: {}, queue: empty, myQueue: empty,
      throughput: { from: base.from, to: base.to, teams: [], stages: [] }, bench: [], overrides: [], throughputCsv: '', tickets: 0, skipped: [], truncated: false,
    };
  }
  const { config } = stored;
  const groups = [...new Set(config.teams.flatMap((t) => t.groups))];
  const [found, myGroups, members] = await Promise.all([
    searchGatedTickets(ports.search, input.projectKey, config.stages.map((s) => s.key)),
    ports.directory.groupsOf(input.accountId),
    Promise.all(groups.map(async (group) => [group, await ports.directory.membersOf(group)] as const)),
  ]);
  const { tickets, skipped } = parseTickets(config, found.tickets);
  const myTeams = config.teams.filter((t) => t.groups.some((g) => myGroups.includes(g))).map((t) => t.key);
  const throughput = reviewThroughput(config, tickets, { from, to });
  return {
    ...base,
    configured: true,
    myTeams,
    teamNames: Object.fromEntries(config.teams.map((t) => [t.key, t.name])),
    stageNames: Object.fromEntries(config.stages.map((s) => [s.key, s.name])),
    queue: reviewQueue(config, tickets, now),
    myQueue: reviewQueue(config, tickets, now, myTeams),
    throughput,
    bench: reviewBench(config, tickets, { from, to }, Object.fromEntries(members)),
    overrides: reviewOverrides(tickets),
    throughputCsv: throughputCsv(throughput),
    tickets: tickets.length,
    skipped,
    truncated: found.truncated,
  };
}
