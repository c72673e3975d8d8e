import { commitments } from './commitments';
import { canonicalJson } from './digest';
import { readUsage } from './integrity';
import { indexedDate } from './next-change';
import type { OpenDeadline } from './open-deadlines';
import { nextDeadline, openDeadlines } from './open-deadlines';
import type { GateSnapshot } from './records';
import { serviceAssurance } from './service-assurance';
import { currentVerdict } from './stages';
import { strictestStage } from './v2/config';
import type { GateFacts } from './v2/evaluate';
import { evaluateAllV2 } from './v2/evaluate';
import type { TeamStateV2, TeamVerdictV2, VerdictV2 } from './v2/verdict';

/** Jira's limit for one issue property value. */
export const PROPERTY_VALUE_LIMIT = 32_768;

export interface SummaryTeam {
  /** v1's states, plus 'waived' and 'not-required' (gate model v2) for a team the ticket does not need. */
  readonly state: TeamStateV2;
  readonly at?: string;
  readonly by?: string;
}

/**
 * The derived, JQL-indexed `golive-gate.summary` property. Its paths match manifest.yml's jira:entityProperty values.
 * It is never read back as evidence: the gate always re-derives it from the verified records.
 */
export interface GateSummary {
  readonly schemaVersion: 1;
  /** 'not-gated' for a ticket outside the configuration's scope (gate model v2). */
  readonly status: 'blocked' | 'ready' | 'overridden' | 'not-gated';
  /** The first stage (configuration order) that is not allowed, else the last stage. */
  readonly stage: string;
  readonly approved: number;
  readonly required: number;
  /** Team keys pending, stale or expired at `stage`. */
  readonly pending: readonly string[];
  readonly declined: readonly string[];
  /**
   * Checklist items and questions `stage` needs that are not done (unanswered, unticked, invalid or untrusted; waived
   * ones are done): `goLiveGateOpenItems`, so a release team finds the tickets whose checklist is incomplete. Absent in
   * summaries written before it existed.
   */
  readonly openItems?: number;
  /** Team keys with an untrusted decision, plus 'numbers' and 'answers' when those records are untrusted. */
  readonly unverified: readonly string[];
  readonly capacity?: number;
  readonly velocity?: number;
  /** Keys of the stages that pass only through an override. */
  readonly overridden: readonly string[];
  /** The service assurance from the stages the ticket has passed (service-assurance.ts): "none", "reduced", "full"... */
  readonly assurance: string;
  /** The numbers whose measured usage is above what was agreed ("capacity", "velocity"): `goLiveGateBreached`. */
  readonly breached: readonly string[];
  /** The last usage measured, by the number it is measured against. */
  readonly usage: Readonly<Record<string, number>>;
  readonly updated: string;
  /**
   * When some stage's verdict next changes with time alone (an approval expiring), as Jira indexes dates; absent when
   * nothing does. The scheduled refresh finds the tickets to recompute with `goLiveGateNextChange <= now()`.
   */
  readonly nextChange?: string;
  /**
   * The release deadlines not met yet, by stage (issue 16: the reviews page's "at risk" list); present, maybe empty,
   * when some stage freezes for the ticket's release; absent otherwise and in summaries written before it existed.
   */
  readonly deadlines?: Readonly<Record<string, OpenDeadline>>;
  /** The earliest of `deadlines`, as Jira indexes dates: `goLiveGateNextDeadline`. */
  readonly nextDeadline?: string;
  readonly stages: Readonly<Record<string, { readonly allowed: boolean; readonly approved: number; readonly required: number }>>;
  /** Every team's state at the strictest stage. Left out (at, by first) when the summary would not fit in a property. */
  readonly teams: Readonly<Record<string, SummaryTeam>>;
  readonly numbers: Readonly<Record<string, number>>;
}

/**
 * Whether the summary fits in one issue property value.
 *
 * @example
 * summaryFitsInProperty(deriveSummary(facts, snapshot, now)) // true
 */
export function summaryFitsInProperty(summary: GateSummary): boolean {
  return canonicalJson(summary).length <= PROPERTY_VALUE_LIMIT;
}

/**
 * When some stage's verdict next changes with time alone: a freeze begins at its deadline; an approval or a waiver that
 * runs out has changed only once `now` is after its end, so that moment is rounded up to the next whole second.
 */
function nextChangeOf(verdicts: readonly VerdictV2[]): Date | undefined {
  const times = verdicts.flatMap((v) => {
    if (v.changesAt === undefined) return [];
    const at = Date.parse(v.changesAt);
    const freezeStarts = v.freeze !== undefined && !v.freeze.frozen && Date.parse(v.freeze.deadline) === at;
    return [freezeStarts ? at : Math.floor(at / 1000) * 1000 + 1000];
  });
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}

const isRequired = (t: TeamVerdictV2): boolean => t.state !== 'waived' && t.state !== 'not-required';

/**
 * Derives the summary property from the verified records by gate model v2's rules (the validator's), for JQL such as
 * `issue.property[golive-gate.summary].status = "blocked"`. `snapshot` gives the ticket's Jira status (the assurance
 * follows it) and the usage measured after go-live, which no stage judges. Teams a ticket does not require, or has
 * waived, count in neither `approved` nor `required`. With very large configurations it drops per-team detail so the
 * value always fits in an issue property.
 *
 * @example
 * deriveSummary(gateFactsOf(stored.config, verified), verified.snapshot, now)
 * // { schemaVersion: 1, status: 'blocked', stage: 'go-live', approved: 11, required: 13, pending: ['cee', 'ocm-pm'], ... }
 */
export function deriveSummary(facts: GateFacts, snapshot: GateSnapshot, now: Date): GateSummary {
  const { config, records } = facts;
  const verdicts = evaluateAllV2(facts, now);
  const current = currentVerdict(verdicts);
  if (current === undefined) throw new Error('A gate configuration has at least one stage');
  const approvedIn = (teams: readonly TeamVerdictV2[]): number => teams.filter((t) => t.state === 'approved').length;
  const requiredIn = (teams: readonly TeamVerdictV2[]): number => teams.filter(isRequired).length;

  // Each team as the strictest stage that requires it sees it, else the latest stage that names it.
  const strictest = strictestStage(config).key;
  const ordered = [...verdicts.filter((v) => v.stage === strictest), ...[...verdicts].reverse()].flatMap((v) => v.teams);
  const teams: Record<string, SummaryTeam> = {};
  const briefTeams: Record<string, SummaryTeam> = {};
  for (const team of config.teams) {
    const verdict = ordered.find((t) => t.team === team.key);
    const state = verdict?.state ?? 'pending';
    const decision = state === 'unverified' ? undefined : verdict?.decision;
    teams[team.key] = { state, ...(decision && { at: decision.at, by: decision.by }) };
    briefTeams[team.key] = { state };
  }

  const usageRead = readUsage(snapshot);
  const numbers: Record<string, number> = { ...records.numbers?.values };
  const capacity = numbers['capacity'];
  const velocity = numbers['velocity'];
  const overridden = verdicts.filter((v) => v.overridden).map((v) => v.stage);
  const nextChange = nextChangeOf(verdicts);
  const deadlines = openDeadlines(verdicts);
  const earliestDeadline = nextDeadline(deadlines);
  const unverifiedTeams = [...new Set(records.unverified.flatMap((u) => ((u.what === 'decision' || u.what === 'legacy-decision') && u.team !== undefined ? [u.team] : [])))];
  const full: GateSummary = {
    schemaVersion: 1,
    status: !current.gated ? 'not-gated' : verdicts.some((v) => !v.allowed) ? 'blocked' : overridden.length > 0 ? 'overridden' : 'ready',
    stage: current.stage,
    approved: approvedIn(current.teams),
    required: requiredIn(current.teams),
    pending: current.teams.filter((t) => t.state === 'pending' || t.state === 'stale' || t.state === 'expired').map((t) => t.team),
    declined: current.teams.filter((t) => t.state === 'declined').map((t) => t.team),
    openItems: current.questions.filter((q) => q.state !== 'answered' && q.state !== 'waived').length,
    unverified: [
      ...unverifiedTeams,
      ...records.unverified.filter((u) => u.what === 'numbers' || u.what === 'answers').map((u) => u.what),
      ...(usageRead.unverified === undefined ? [] : ['usage']),
    ],
    ...(capacity !== undefined && { capacity }),
    ...(velocity !== undefined && { velocity }),
    overridden,
    assurance: serviceAssurance(config, snapshot.issue.status ?? '').level,
    // What the app wrote (KVS), so editing the usage property by hand cannot hide a breach.
    breached: commitments(config, records.numbers?.values, usageRead.written?.values).filter((c) => c.state === 'breached').map((c) => c.number),
    usage: { ...usageRead.written?.values },
    updated: indexedDate(now),
    ...(nextChange !== undefined && { nextChange: indexedDate(nextChange) }),
    // Present (maybe empty) once the ticket's release gives some stage a freeze, so "none open" reads apart from "not known".
    ...(verdicts.some((v) => v.freeze !== undefined) && { deadlines }),
    ...(earliestDeadline !== undefined && { nextDeadline: indexedDate(new Date(earliestDeadline)) }),
    stages: Object.fromEntries(verdicts.map((v) => [v.stage, { allowed: v.allowed, approved: approvedIn(v.teams), required: requiredIn(v.teams) }])),
    teams,
    numbers,
  };
  if (summaryFitsInProperty(full)) return full;
  const brief: GateSummary = { ...full, teams: briefTeams };
  return summaryFitsInProperty(brief) ? brief : { ...full, teams: {} };
}
