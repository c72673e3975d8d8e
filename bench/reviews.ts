// The reviews page (getReviews) over a growing number of gated tickets: one search request per 100 tickets, time per size.
import type { ReviewsView } from '../src/contract';
import { gatedTicketsJql, PAGE_SIZE } from '../src/app/search-gated-tickets';
import type { GateConfig } from '../src/gate/config';
import { coveredDigests } from '../src/gate/coverage';
import { digestOf } from '../src/gate/digest';
import { overrideProperty, SUMMARY_PROPERTY, teamProperty } from '../src/gate/records';
import type { TeamDecision } from '../src/gate/records';
import { summaryOf as derivedSummary } from '../test/support/summary-of';
import type { Cost } from './counts';
import { costOf, HOST_PROJECT_CONTEXT } from './counts';
import type { SiteClient } from '../test/support/site-client';
import { DEMO } from '../test/support/site-client';
import { inBatches } from './in-batches';
import type { Timing } from './stats';
import { sample } from './stats';

const HOUR = 3_600_000;
/** Parallel REST calls while seeding: enough to keep the site busy, few enough for a shared 2-core machine. */
const SEED_CONCURRENCY = 8;

export interface ReviewsPoint {
  readonly tickets: number;
  readonly timing: Timing;
  /** The same search pages sent straight to the site: the local site's share of the page's time. */
  readonly searchOnly: Timing;
  readonly cost: Cost;
  /** Tickets the page itself reported reading (tickets + skipped). */
  readonly read: number;
  /** The dashboard gadget showing this project (getOverview): the same searches, no directory calls. */
  readonly gadget: Cost;
}

export type ReviewsResult = { readonly available: true; readonly points: readonly ReviewsPoint[] } | { readonly available: false; readonly why: string };

type ReviewsAnswer = Pick<ReviewsView, 'tickets' | 'skipped'>;

/** How many tickets of the project carry a gate summary (what the reviews page reads). */
async function countGated(client: SiteClient): Promise<number> {
  let found = 0;
  let nextPageToken: string | undefined;
  for (let page = 0; page < 1_000; page++) {
    const body = (await client.restOk(DEMO.pm, 'POST', '/rest/api/3/search/jql', { jql: gatedTicketsJql(DEMO.projectKey), fields: ['id'], maxResults: 1_000, ...(nextPageToken === undefined ? {} : { nextPageToken }) }, 200)) as {
      issues: unknown[];
      nextPageToken?: string;
    };
    found += body.issues.length;
    if (body.nextPageToken === undefined) return found;
    nextPageToken = body.nextPageToken;
  }
  throw new Error('countGated: more than 1,000 pages');
}

/**
 * The summary the app would derive for ticket `i`: the first `i mod (teams + 1)` teams approved it, hours apart,
 * with the digests the app keeps, so the page sees a realistic mix from untouched to fully approved.
 */
function summaryOf(config: GateConfig, issue: { id: string; key: string }, i: number, now: number): unknown {
  const properties: Record<string, TeamDecision> = {};
  const digests: Record<string, string> = {};
  config.teams.slice(0, i % (config.teams.length + 1)).forEach((team, n) => {
    const decision: TeamDecision = {
      kind: 'decision',
      issueId: issue.id,
      team: team.key,
      decision: 'approved',
      by: `acc-${team.key}`,
      via: team.groups[0] ?? `golive-${team.key}`,
      at: new Date(now - (((i * 7 + n * 13) % 240) + 1) * HOUR).toISOString(),
      covers: coveredDigests(config, team.key, undefined, undefined),
    };
    properties[teamProperty(team.key)] = decision;
    digests[teamProperty(team.key)] = digestOf(decision);
  });
  return derivedSummary(config, { issue: { id: issue.id, key: issue.key, reporterAccountId: 'acc-pm' }, properties, digests }, new Date(now));
}

/**
 * Adds gated tickets until the project has `target`: each is created as the PM and gets the summary property written as
 * the app (the page reads nothing else, so the per-team records are left out to keep seeding fast). The app's
 * issue-created trigger gives every new ticket a summary of its own first: the seed waits for it, then replaces it,
 * so the timed runs neither race with the trigger nor read its summaries.
 */
async function growTo(client: SiteClient, config: GateConfig, target: number): Promise<void> {
  const missing = target - (await countGated(client));
  if (missing < 0) throw new Error(`The project already has more than ${target} gated tickets`);
  const now = Date.now();
  const created: { id: string; key: string }[] = [];
  await inBatches(Array.from({ length: missing }, (_, i) => i), SEED_CONCURRENCY, async (i) => {
    created[i] = await client.createTicket(`Bench add-on ${target}-${i}`, false);
  });
  await client.site.drainEvents();
  await inBatches(created, SEED_CONCURRENCY, async (issue, i) => {
    const path = `/rest/api/3/issue/${issue.id}/properties/${SUMMARY_PROPERTY}`;
    // 200 replaces the trigger's summary; 201 if the trigger wrote none (it logs why).
    const answer = await client.rest('app', 'PUT', path, summaryOf(config, issue, i, now));
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`PUT ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  });
}

/** Every page of the search the reviews page sends (src/app/reviews.ts), as the PM, following nextPageToken. */
async function searchAllPages(client: SiteClient, config: GateConfig): Promise<void> {
  const request = {
    jql: gatedTicketsJql(DEMO.projectKey),
    fields: ['created', 'status', 'summary'],
    properties: [SUMMARY_PROPERTY, ...config.stages.slice(0, 4).map((stage) => overrideProperty(stage.key))],
    maxResults: PAGE_SIZE,
  };
  let nextPageToken: string | undefined;
  for (let page = 0; page < 1_000; page++) {
    const body = (await client.restOk(DEMO.pm, 'POST', '/rest/api/3/search/jql', { ...request, ...(nextPageToken === undefined ? {} : { nextPageToken }) }, 200)) as { nextPageToken?: string };
    if (body.nextPageToken === undefined) return;
    nextPageToken = body.nextPageToken;
  }
}

const getReviews = (client: SiteClient): Promise<ReviewsAnswer> => client.call(DEMO.pm, 'reviews', 'getReviews', {}, { projectKey: DEMO.projectKey });

/**
 * Measures getReviews as the PM at each size (ascending): one counted run, then `repetitions(size)` timed runs.
 * Answers available: false (with why) when the reviews page is not part of the app yet.
 */
export async function benchReviews(client: SiteClient, config: GateConfig, sizes: readonly number[], repetitions: (size: number) => number): Promise<ReviewsResult> {
  try {
    await getReviews(client);
  } catch (error) {
    return { available: false, why: error instanceof Error ? error.message : String(error) };
  }
  const points: ReviewsPoint[] = [];
  for (const size of sizes) {
    await growTo(client, config, size);
    let answer: ReviewsAnswer | undefined;
    const counts = await client.count(async () => {
      answer = await getReviews(client);
    });
    const cost = costOf(counts, { kinds: { [HOST_PROJECT_CONTEXT]: 1 } });
    const timing = await sample(repetitions(size), () => getReviews(client));
    const searchOnly = await sample(repetitions(size), () => searchAllPages(client, config));
    const gadgetCounts = await client.count(() => client.call(DEMO.pm, 'gadget', 'getOverview', { projectKeys: [DEMO.projectKey] }, { projectKey: DEMO.projectKey }));
    const gadget = costOf(gadgetCounts, { kinds: { [HOST_PROJECT_CONTEXT]: 1 } });
    points.push({ tickets: size, timing, searchOnly, cost, read: (answer?.tickets ?? 0) + (answer?.skipped.length ?? 0), gadget });
  }
  return { available: true, points };
}
