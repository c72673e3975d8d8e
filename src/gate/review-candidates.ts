import type { GateConfig } from './config';
import type { CommentEvent } from './review-history';
import { stagesEnteredIn } from './review-history';
import type { ParsedTicket } from './review-tickets';

/** Tickets listed per candidate: enough to see what they took part in. */
export const MAX_CANDIDATE_TICKETS = 5;
/** Candidates listed per team, most active first. */
export const MAX_CANDIDATES = 5;

export interface Candidate {
  readonly accountId: string;
  readonly comments: number;
  /** Distinct tickets commented on. */
  readonly ticketCount: number;
  /** Their keys, most recent comment first, at most MAX_CANDIDATE_TICKETS. */
  readonly tickets: readonly string[];
}

export interface TeamCandidates {
  readonly team: string;
  readonly name: string;
  readonly groups: readonly string[];
  readonly candidates: readonly Candidate[];
}

/** The teams whose review a comment took part in: those of the stages reviewed in the ticket's status then. */
function teamsReviewing(config: GateConfig, ticket: ParsedTicket, status: string): string[] {
  const stages = stagesEnteredIn(config, status);
  // A configuration that names no review status: the stage the ticket waits at now stands in.
  const waitsAt = (config.stages.find((s) => ticket.summary.stages[s.key]?.allowed !== true) ?? config.stages.at(-1))?.key;
  const keys = stages.length > 0 ? stages : config.stages.every((s) => s.fromStatus === undefined) && waitsAt !== undefined ? [waitsAt] : [];
  return config.stages.filter((s) => keys.includes(s.key)).flatMap((s) => s.requiredTeams);
}

/**
 * People to invite into each team: those who commented on gated tickets while the team reviewed them (the ticket was
 * in the status where a stage needing the team is reviewed) without being in the team's groups or its shadow groups,
 * with how many comments, on how many tickets, and which. Only tickets in `tickets` (the caller may browse them)
 * count; teams without a candidate are left out.
 *
 * @example
 * potentialMembers(config, tickets, comments, { 'golive-cee': ['acc-cee'] })[0];
 * // { team: 'cee', name: 'CEE', candidates: [{ accountId: 'acc-ola', comments: 4, ticketCount: 2, tickets: ['SKU-7', 'SKU-3'] }], ... }
 */
export function potentialMembers(
  config: GateConfig,
  tickets: readonly ParsedTicket[],
  comments: readonly CommentEvent[],
  membersByGroup: Readonly<Record<string, readonly string[]>>,
): TeamCandidates[] {
  const byId = new Map(tickets.flatMap((t) => (t.id === undefined ? [] : [[t.id, t] as const])));
  const seen = new Map<string, Map<string, { comments: number; tickets: string[] }>>();
  for (const comment of [...comments].sort((a, b) => b.at.localeCompare(a.at))) {
    const ticket = byId.get(comment.issueId);
    if (ticket === undefined) continue;
    for (const team of new Set(teamsReviewing(config, ticket, comment.status))) {
      const people = seen.get(team) ?? new Map<string, { comments: number; tickets: string[] }>();
      seen.set(team, people);
      const person = people.get(comment.by) ?? { comments: 0, tickets: [] };
      people.set(comment.by, person);
      person.comments += 1;
      if (!person.tickets.includes(ticket.key)) person.tickets.push(ticket.key);
    }
  }
  return config.teams.flatMap((team): TeamCandidates[] => {
    const insiders = new Set([...team.groups, ...(team.shadowGroups ?? [])].flatMap((g) => membersByGroup[g] ?? []));
    const candidates = [...(seen.get(team.key) ?? new Map<string, { comments: number; tickets: string[] }>())]
      .filter(([accountId]) => !insiders.has(accountId))
      .map(([accountId, p]): Candidate => ({ accountId, comments: p.comments, ticketCount: p.tickets.length, tickets: p.tickets.slice(0, MAX_CANDIDATE_TICKETS) }))
      .sort((a, b) => b.ticketCount - a.ticketCount || b.comments - a.comments || a.accountId.localeCompare(b.accountId))
      .slice(0, MAX_CANDIDATES);
    return candidates.length === 0 ? [] : [{ team: team.key, name: team.name, groups: team.groups, candidates }];
  });
}
