import type { GateConfig } from './config';
import type { AssignmentEvent } from './review-history';
import type { ParsedTicket } from './review-tickets';
import { reviewerOf } from './reviewer-assignment';
import { currentStageIndex } from './stages';
import { WAITING_STATES } from './verdict';
import type { TeamState } from './verdict';

export interface WaitingTicket {
  readonly key: string;
  readonly title: string;
  readonly stage: string;
  readonly state: TeamState;
  /** When the ticket entered the stage that waits on the team. */
  readonly since: string;
  readonly waitingMs: number;
  /** The team's named reviewer of the ticket, when it has one. */
  readonly reviewer?: string | undefined;
}

export interface TeamQueue {
  readonly team: string;
  readonly name: string;
  /** Oldest first. */
  readonly waiting: readonly WaitingTicket[];
}

export interface StageQueue {
  readonly stage: string;
  readonly name: string;
  readonly tickets: readonly { readonly key: string; readonly title: string; readonly status: string; readonly since: string; readonly waitingOn: readonly string[]; readonly declinedBy: readonly string[] }[];
}

export interface Queue {
  readonly stages: readonly StageQueue[];
  /** Only teams that have something waiting, the team with the oldest wait first. */
  readonly teams: readonly TeamQueue[];
}

/** The stage the ticket is waiting at: the first it has not passed (parseTickets enters each stage as the previous one passes). */
function currentStage(config: GateConfig, ticket: ParsedTicket): string | undefined {
  return config.stages[currentStageIndex(config.stages, (s) => ticket.passedAt[s.key] !== undefined)]?.key;
}

/**
 * What waits on whom: open tickets by the stage they wait at, and per team the tickets waiting on it, oldest first.
 * With `onlyTeams`, only those teams (the caller's, for "waiting on my teams"), or the teams it accepts on each ticket
 * (where approvers come from a ticket field, the caller acts for the team on some tickets only); `reviewers`
 * (currentAssignments) names each team's reviewer of a ticket.
 *
 * @example
 * const queue = reviewQueue(config, parseTickets(config, answer).tickets, new Date('2026-01-10T00:00:00Z'), ['sre-p']);
 * queue.teams[0]; // { team: 'sre-p', name: 'SRE-P', waiting: [{ key: 'SKU-3', stage: 'go-live', waitingMs: 259200000, ... }] }
 */
export function reviewQueue(
  config: GateConfig,
  tickets: readonly ParsedTicket[],
  now: Date,
  onlyTeams?: readonly string[] | ((team: string, ticket: ParsedTicket) => boolean),
  reviewers: ReadonlyMap<string, AssignmentEvent> = new Map(),
): Queue {
  const listed = Array.isArray(onlyTeams) ? new Set(onlyTeams) : undefined;
  const teamFilter = typeof onlyTeams === 'function' ? onlyTeams : listed === undefined ? undefined : (team: string): boolean => listed.has(team);
  const byStage = new Map<string, StageQueue['tickets'][number][]>();
  const byTeam = new Map<string, WaitingTicket[]>();
  for (const ticket of tickets) {
    if (ticket.done) continue;
    const stageKey = currentStage(config, ticket);
    const stage = config.stages.find((s) => s.key === stageKey);
    const entered = stageKey === undefined ? undefined : ticket.enteredAt[stageKey];
    if (stage === undefined || entered === undefined) continue;
    // A team waived or not required on the ticket (gate model v2) is not waited on.
    const stateOf = (team: string): TeamState | undefined => WAITING_STATES.find((state) => state === (ticket.summary.teams[team]?.state ?? 'pending'));
    // The teams' states are those at the strictest stage; gate model v2 approves per stage, so who the ticket waits on at
    // the stage it is at comes from the summary's lists for that stage, when it has them.
    const { summary } = ticket;
    const atStage = summary.stage === stage.key && summary.pending !== undefined && summary.declined !== undefined ? { pending: summary.pending, declined: summary.declined } : undefined;
    const waitingOn = stage.requiredTeams.filter((team) => (atStage === undefined ? stateOf(team) !== undefined : atStage.pending.includes(team) || summary.teams[team]?.state === 'unverified'));
    const declinedBy = stage.requiredTeams.filter((team) => (atStage === undefined ? summary.teams[team]?.state : atStage.declined.includes(team) ? 'declined' : undefined) === 'declined');
    const waitingState = (team: string): TeamState => stateOf(team) ?? 'pending';
    const relevant = teamFilter === undefined || [...waitingOn, ...declinedBy].some((t) => teamFilter(t, ticket));
    if (!relevant) continue;
    const since = entered.toISOString();
    byStage.set(stage.key, [...(byStage.get(stage.key) ?? []), { key: ticket.key, title: ticket.title, status: ticket.status, since, waitingOn, declinedBy }]);
    for (const team of waitingOn) {
      if (teamFilter !== undefined && !teamFilter(team, ticket)) continue;
      const entry: WaitingTicket = {
        key: ticket.key, title: ticket.title, stage: stage.key, state: waitingState(team),
        since, waitingMs: Math.max(0, now.getTime() - entered.getTime()),
        reviewer: ticket.id === undefined ? undefined : reviewerOf(reviewers, ticket.id, team)?.assignee,
      };
      byTeam.set(team, [...(byTeam.get(team) ?? []), entry]);
    }
  }
  const oldestFirst = (a: { since: string; key: string }, b: { since: string; key: string }): number => a.since.localeCompare(b.since) || a.key.localeCompare(b.key, 'en', { numeric: true });
  const stages = config.stages
    .filter((s) => byStage.has(s.key))
    .map((s) => ({ stage: s.key, name: s.name, tickets: [...(byStage.get(s.key) ?? [])].sort(oldestFirst) }));
  const teams = config.teams
    .filter((t) => byTeam.has(t.key))
    .map((t) => ({ team: t.key, name: t.name, waiting: [...(byTeam.get(t.key) ?? [])].sort(oldestFirst) }))
    .sort((a, b) => (a.waiting[0]?.since ?? '').localeCompare(b.waiting[0]?.since ?? '') || a.team.localeCompare(b.team));
  return { stages, teams };
}
