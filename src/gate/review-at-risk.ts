import { z } from 'zod/mini';
import type { GateConfig } from './config';
import { AT_RISK_HORIZON_DAYS } from './deadline-words';
import { freezeOf } from './freeze';
import type { ReviewTicket } from './review-tickets';
import { TEAM_STATES } from './verdict';
import { lazySchema } from './lazy-schema';

const DAY_MS = 86_400_000;

/** A ticket that may miss a stage's release deadline (issue 16), for the reviews page. */
export interface AtRiskEntry {
  readonly key: string;
  readonly title: string;
  readonly stage: string;
  readonly stageName: string;
  /** When the stage freezes for the ticket's release (ISO), from the configuration and the ticket's fix versions. */
  readonly deadline: string;
  readonly release: string;
  /** Whether the freeze has begun: the transition is refused until an exception is granted. */
  readonly frozen: boolean;
  /** What the stage still misses, in the verdict's own words (the panel's and the validator's). */
  readonly missing: readonly string[];
  /** True when the summary was derived for another deadline (the release moved since): `missing` may be out of date. */
  readonly outdated: boolean;
}

const isoTime = lazySchema(() => z.iso.datetime({ offset: true }));
/**
 * The parts of a stored summary (untrusted, as any property) this list reads. `deadlines` is absent from summaries
 * written before it existed: then the stage's verdict and the teams' states stand in for it.
 */
const DeadlineSummarySchema = lazySchema(() => z.object({
  schemaVersion: z.literal(1),
  stages: z.record(z.string(), z.object({ allowed: z.boolean() })),
  teams: z.catch(z.record(z.string(), z.object({ state: z.enum(TEAM_STATES) })), {}),
  deadlines: z.optional(z.record(z.string(), z.object({ at: isoTime, missing: z.array(z.string()) }))),
}));
type DeadlineSummary = z.infer<typeof DeadlineSummarySchema>;

/** What the stage misses by the summary; undefined when it met its deadline (passed, overridden, or an exception). */
function stillMissing(config: GateConfig, stageKey: string, summary: DeadlineSummary): { missing: readonly string[]; at?: string } | undefined {
  if (summary.deadlines !== undefined) return summary.deadlines[stageKey];
  if (summary.stages[stageKey]?.allowed !== false) return undefined;
  // A summary written before `deadlines`: the stage's required teams that have not approved (their states are those at
  // the strictest stage, the closest the older summary has).
  const stage = config.stages.find((s) => s.key === stageKey);
  const teams = config.teams.filter((t) => stage?.requiredTeams.includes(t.key) === true && summary.teams[t.key]?.state !== 'approved');
  return { missing: teams.map((t) => t.name) };
}

/**
 * Open tickets that may miss a release deadline: each stage with a freeze whose deadline (from the configuration and the
 * ticket's fix versions, as Jira answers them, never from the editable summary) is within `horizonDays` or has passed,
 * and that the app's last verdict (the summary's `deadlines`, derived from the verified records) found not met. Most
 * urgent first (earliest deadline). Reads only the search answer: no request per ticket.
 *
 * @example
 * ticketsAtRisk(config, found.tickets, new Date('2026-03-25T00:00:00Z'))
 * // [{ key: 'SKU-7', stage: 'promote-to-prod', deadline: '2026-04-01T00:00:00.000Z', release: '2.0', frozen: false, missing: ['SRE-P'], ... }]
 */
export function ticketsAtRisk(config: GateConfig, tickets: readonly ReviewTicket[], now: Date, horizonDays = AT_RISK_HORIZON_DAYS): AtRiskEntry[] {
  const horizon = now.getTime() + horizonDays * DAY_MS;
  const entries: AtRiskEntry[] = [];
  for (const ticket of tickets) {
    if (ticket.done) continue;
    const summary = DeadlineSummarySchema.safeParse(ticket.summary);
    if (!summary.success) continue;
    for (const stage of config.stages) {
      const freeze = freezeOf(stage, ticket.fixVersions);
      if (freeze === undefined || freeze.deadline.getTime() > horizon) continue;
      const open = stillMissing(config, stage.key, summary.data);
      if (open === undefined) continue;
      const deadline = freeze.deadline.toISOString();
      entries.push({
        key: ticket.key, title: ticket.title, stage: stage.key, stageName: stage.name, deadline, release: freeze.release,
        frozen: freeze.deadline.getTime() <= now.getTime(), missing: open.missing, outdated: open.at !== undefined && open.at !== deadline,
      });
    }
  }
  return entries.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.key.localeCompare(b.key, 'en', { numeric: true }) || a.stage.localeCompare(b.stage));
}
