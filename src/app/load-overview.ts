import { subDays } from 'date-fns';
import type { GadgetOverview, ProjectOverview } from '../contract';
import { NotFoundError } from '../errors';
import type { GateConfig } from '../gate/config';
import { decisionWait, reviewDecisions } from '../gate/review-decisions';
import { reviewQueue } from '../gate/review-queue';
import { quantile, reviewThroughput } from '../gate/review-throughput';
import { parseTickets } from '../gate/review-tickets';
import { v1RulesConfig } from '../gate/v2/v1-rules';
import type { GadgetPorts } from '../ports';
import { ENTRY_LOOKBACK_DAYS } from './load-reviews';
import { searchGatedTickets } from './search-gated-tickets';

/** Projects one gadget shows: each costs its own searches and KVS queries. */
export const MAX_GADGET_PROJECTS = 10;
/** Teams listed per project, the longest wait first. */
const TEAMS_SHOWN = 5;

export interface LoadOverviewInput {
  readonly projectKeys: readonly string[];
  readonly days: number;
}

/** One project's queue and throughput over [from, to), from the reviews page's own parts (search, history, queue, throughput). */
async function overviewOf(ports: GadgetPorts, project: { readonly id: string; readonly key: string; readonly name: string }, config: GateConfig, from: Date, to: Date): Promise<ProjectOverview> {
  const period = { from, to };
  const [found, decisionEvents, entryEvents, staleEvents, expiryEvents] = await Promise.all([
    searchGatedTickets(ports.search, project.key, config.stages.map((s) => s.key)),
    ports.history.list(project.id, 'decision', from.toISOString(), to.toISOString()),
    ports.history.list(project.id, 'stage-entered', subDays(from, ENTRY_LOOKBACK_DAYS).toISOString(), new Date(to.getTime() + 1).toISOString()),
    ports.history.list(project.id, 'approval-stale', from.toISOString(), to.toISOString()),
    ports.history.list(project.id, 'approval-expired', from.toISOString(), to.toISOString()),
  ]);
  const { tickets } = parseTickets(config, found.tickets, entryEvents);
  const queue = reviewQueue(config, tickets, to);
  const decided = reviewDecisions(tickets, decisionEvents, period);
  const throughput = reviewThroughput(config, tickets, period, decided, [...staleEvents, ...expiryEvents]);
  const waits = decided.flatMap((d) => {
    const wait = d.decision === 'revoked' ? undefined : decisionWait(config, d);
    return wait === undefined ? [] : [wait.ms];
  });
  const sum = (pick: (t: (typeof throughput.teams)[number]) => number): number => throughput.teams.reduce((n, t) => n + pick(t), 0);
  return {
    key: project.key,
    name: project.name,
    tickets: tickets.length,
    truncated: found.truncated,
    stages: queue.stages.map((s) => ({ stage: s.stage, name: s.name, waiting: s.tickets.length })),
    teams: queue.teams.slice(0, TEAMS_SHOWN).map((t) => ({ team: t.team, name: t.name, waiting: t.waiting.length, oldestKey: t.waiting[0]?.key, oldestMs: t.waiting[0]?.waitingMs })),
    throughput: {
      decisions: sum((t) => t.decisions), declines: sum((t) => t.declines), stale: sum((t) => t.stale), expired: sum((t) => t.expired),
      medianMs: quantile(waits, 0.5), p90Ms: quantile(waits, 0.9),
      passed: throughput.stages.map((s) => ({ stage: s.stage, name: s.name, passed: s.passed })),
    },
  };
}

/**
 * The dashboard gadget: for each project the user picked (at most MAX_GADGET_PROJECTS, each gated and visible to them),
 * what waits at each stage and on which teams, and the review throughput of the last `days` days, computed by the
 * reviews page's own parts; plus every gated project they can see, to pick from. Costs one KVS query for the
 * configurations, one project look-up per gated project, and per picked project ceil(N/100) searches for N gated
 * tickets and one KVS query per 100 history events of each of four kinds: no request per ticket.
 *
 * @example
 * await loadOverview(ports, { projectKeys: ['SKU', 'KEP'], days: 30 });
 * // { available: [{ key: 'KEP', ... }, { key: 'SKU', ... }], projects: [{ key: 'SKU', tickets: 4, stages: [...], throughput: { decisions: 12, ... } }, ...] }
 */
export async function loadOverview(ports: GadgetPorts, input: LoadOverviewInput): Promise<GadgetOverview> {
  const now = ports.clock.now();
  const from = subDays(now, input.days);
  const configured = await ports.configs.listAll();
  const visible = await Promise.all(
    configured.map(async ({ projectId, stored }) => {
      try {
        return { project: await ports.projects.projectOf(projectId), config: v1RulesConfig(stored.config) };
      } catch (error) {
        if (error instanceof NotFoundError) return [];
        throw error;
      }
    }),
  );
  const available = visible.flat().sort((a, b) => a.project.key.localeCompare(b.project.key));
  const picked = [...new Set(input.projectKeys)].slice(0, MAX_GADGET_PROJECTS).flatMap((key) => available.filter((a) => a.project.key === key));
  const projects = await Promise.all(picked.map(({ project, config }) => overviewOf(ports, project, config, from, now)));
  const unknown = input.projectKeys.filter((key) => !available.some((a) => a.project.key === key));
  return { now: now.toISOString(), from: from.toISOString(), days: input.days, available: available.map(({ project }) => project), projects, unknown };
}
