import type { GateConfig } from './config';
import type { AssignmentEvent, DecisionEvent } from './review-history';
import type { Period } from './review-period';
import { inPeriod } from './review-period';
import { quantile } from './review-throughput';

/** How the assignments of one team (or of one reviewer in it) made in the period turned out. */
export interface AssignmentFigures {
  /** Assignments made in the period (a reassignment is a new assignment). */
  readonly assigned: number;
  /** Of those, the ones the team decided before the period ended and before anyone reassigned the ticket. */
  readonly decided: number;
  /** Of the decided ones, decided by someone other than the assigned reviewer. */
  readonly decidedByOther: number;
  /** Of those, the ones replaced by another assignment before the team decided. */
  readonly reassigned: number;
  /** Neither decided nor reassigned when the period ended. */
  readonly open: number;
  /** Time from assignment to the team's decision. */
  readonly medianMs?: number | undefined;
  readonly p90Ms?: number | undefined;
}

export interface ReviewerAssignmentFigures extends AssignmentFigures {
  readonly accountId: string;
}

export interface TeamAssignmentFigures extends AssignmentFigures {
  readonly team: string;
  readonly name: string;
  /** Of `assigned`, how many the app picked round-robin (the rest a team member chose). */
  readonly roundRobin: number;
  readonly reviewers: readonly ReviewerAssignmentFigures[];
}

type Outcome = { readonly kind: 'decided'; readonly ms: number; readonly byOther: boolean } | { readonly kind: 'reassigned' } | { readonly kind: 'open' };

function figuresOf(outcomes: readonly Outcome[]): AssignmentFigures {
  const waits = outcomes.flatMap((o) => (o.kind === 'decided' ? [o.ms] : []));
  return {
    assigned: outcomes.length,
    decided: waits.length,
    decidedByOther: outcomes.filter((o) => o.kind === 'decided' && o.byOther).length,
    reassigned: outcomes.filter((o) => o.kind === 'reassigned').length,
    open: outcomes.filter((o) => o.kind === 'open').length,
    medianMs: quantile(waits, 0.5),
    p90Ms: quantile(waits, 0.9),
  };
}

/**
 * Reviewer assignment measured over [from, to): per team and per assigned reviewer, the assignments made in the period,
 * how each ended (the team's first decision on the ticket after it, unless another assignment of the ticket came
 * first: a reassignment), and the median and 90th percentile time from assignment to decision. Only tickets in
 * `visible` (the caller may browse them) count. `decisions` must hold the team decisions of the period.
 *
 * @example
 * assignmentFigures(config, assignments, decisions, period, new Set(['10001']))[0];
 * // { team: 'cee', assigned: 3, decided: 2, reassigned: 1, open: 0, medianMs: 5400000, reviewers: [{ accountId: 'acc-cee', ... }], ... }
 */
export function assignmentFigures(
  config: GateConfig,
  assignments: readonly AssignmentEvent[],
  decisions: readonly DecisionEvent[],
  period: Period,
  visible: ReadonlySet<string>,
): TeamAssignmentFigures[] {
  const ordered = [...assignments].filter((a) => visible.has(a.issueId)).sort((a, b) => a.at.localeCompare(b.at));
  const decided = [...decisions].filter((d) => d.decision !== 'revoked').sort((a, b) => a.at.localeCompare(b.at));
  const measured = ordered.flatMap((assignment, index) => {
    if (!inPeriod(new Date(assignment.at), period)) return [];
    const next = ordered.slice(index + 1).find((a) => a.issueId === assignment.issueId && a.team === assignment.team);
    const decision = decided.find((d) => d.issueId === assignment.issueId && d.team === assignment.team && d.at >= assignment.at && inPeriod(new Date(d.at), period));
    const outcome: Outcome =
      decision !== undefined && (next === undefined || decision.at <= next.at)
        ? { kind: 'decided', ms: Date.parse(decision.at) - Date.parse(assignment.at), byOther: decision.by !== assignment.assignee }
        : next !== undefined && inPeriod(new Date(next.at), period)
          ? { kind: 'reassigned' }
          : { kind: 'open' };
    return [{ assignment, outcome }];
  });
  return config.teams.flatMap((team): TeamAssignmentFigures[] => {
    const mine = measured.filter((m) => m.assignment.team === team.key);
    if (mine.length === 0) return [];
    const reviewers = [...new Set(mine.map((m) => m.assignment.assignee))].sort();
    return [{
      team: team.key,
      name: team.name,
      ...figuresOf(mine.map((m) => m.outcome)),
      roundRobin: mine.filter((m) => m.assignment.how === 'round-robin').length,
      reviewers: reviewers.map((accountId) => ({ accountId, ...figuresOf(mine.filter((m) => m.assignment.assignee === accountId).map((m) => m.outcome)) })),
    }];
  });
}
