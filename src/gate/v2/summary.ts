import { canonicalJson } from '../digest';
import { PROPERTY_VALUE_LIMIT } from '../summary';
import { strictestStage } from './config';
import type { GateFacts } from './evaluate';
import { evaluateAllV2 } from './evaluate';
import type { TeamStateV2, TeamVerdictV2, VerdictV2 } from './verdict';

export interface SummaryTeamV2 {
  readonly state: TeamStateV2;
  readonly have: number;
  readonly needed: number;
  readonly at?: string;
  readonly by?: string;
}

export interface SummaryStageV2 {
  readonly allowed: boolean;
  readonly approved: number;
  readonly required: number;
  /** Approvals that count of those needed, over the teams the ticket requires: "3 of 4". */
  readonly approvals: string;
  readonly passed: boolean;
}

/**
 * The derived, JQL-indexed `golive-gate.summary` property, v2. v1's paths keep their meaning (see SUMMARY_INDEX_V2 for
 * the indexed ones); it is never read back as evidence: the gate always re-derives it from the verified records.
 */
export interface GateSummaryV2 {
  readonly schemaVersion: 2;
  readonly status: 'blocked' | 'ready' | 'overridden' | 'not-gated';
  /** The first stage (configuration order) that is not allowed, else the last stage. */
  readonly stage: string;
  /** Teams approved at `stage`, of those the ticket requires there (waived and not-required teams are left out). */
  readonly approved: number;
  readonly required: number;
  /** Approvals that count at `stage`, of those needed: "2 of 4". */
  readonly approvals: string;
  /** Team keys pending, stale or expired at `stage`. */
  readonly pending: readonly string[];
  readonly declined: readonly string[];
  /** Team keys with an untrusted decision, plus 'numbers' and 'answers' when those records are untrusted. */
  readonly unverified: readonly string[];
  /** At `stage`: team keys waived on this ticket, and `number:<key>` / `item:<key>` for waived numbers and items. */
  readonly waived: readonly string[];
  /** Team keys at `stage` that count only through an approval given before approvals were per stage. */
  readonly legacy: readonly string[];
  /** Keys of the stages that passed and stay passed. */
  readonly passed: readonly string[];
  readonly capacity?: number;
  readonly velocity?: number;
  /** Keys of the stages that pass only through an override. */
  readonly overridden: readonly string[];
  readonly updated: string;
  /** The next time a verdict changes by itself (an approval or a waiver runs out), for a scheduled refresh and JQL. */
  readonly nextChange?: string;
  readonly stages: Readonly<Record<string, SummaryStageV2>>;
  /** Every team's state at the strictest stage that requires it. Left out (at, by first) when the summary would not fit. */
  readonly teams: Readonly<Record<string, SummaryTeamV2>>;
  readonly numbers: Readonly<Record<string, number>>;
}

/**
 * The summary paths manifest.yml indexes for JQL: v1's thirteen plus five for v2. Jira indexes at most 30 values
 * across all of an app's entity properties.
 */
export const SUMMARY_INDEX_V2 = [
  { path: 'status', type: 'string', searchAlias: 'goLiveGateStatus' },
  { path: 'stage', type: 'string', searchAlias: 'goLiveGateStage' },
  { path: 'approved', type: 'number', searchAlias: 'goLiveGateApproved' },
  { path: 'required', type: 'number', searchAlias: 'goLiveGateRequired' },
  { path: 'pending', type: 'string', searchAlias: 'goLiveGatePending' },
  { path: 'declined', type: 'string', searchAlias: 'goLiveGateDeclined' },
  { path: 'unverified', type: 'string', searchAlias: 'goLiveGateUnverified' },
  { path: 'capacity', type: 'number', searchAlias: 'goLiveGateCapacity' },
  { path: 'velocity', type: 'number', searchAlias: 'goLiveGateVelocity' },
  { path: 'overridden', type: 'string', searchAlias: 'goLiveGateOverridden' },
  { path: 'updated', type: 'date', searchAlias: 'goLiveGateUpdated' },
  { path: 'approvals', type: 'string', searchAlias: 'goLiveGateApprovals' },
  { path: 'waived', type: 'string', searchAlias: 'goLiveGateWaived' },
  { path: 'legacy', type: 'string', searchAlias: 'goLiveGateLegacy' },
  { path: 'passed', type: 'string', searchAlias: 'goLiveGatePassed' },
  { path: 'nextChange', type: 'date', searchAlias: 'goLiveGateNextChange' },
] as const;

/** Jira indexes dates without fractional seconds. */
const indexedDate = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

const isRequired = (t: TeamVerdictV2): boolean => t.state !== 'waived' && t.state !== 'not-required';

function stageFigures(verdict: VerdictV2): SummaryStageV2 {
  const required = verdict.teams.filter(isRequired);
  const have = required.reduce((sum, t) => sum + Math.min(t.have, t.needed), 0);
  const needed = required.reduce((sum, t) => sum + t.needed, 0);
  return {
    allowed: verdict.allowed,
    approved: required.filter((t) => t.state === 'approved').length,
    required: required.length,
    approvals: `${have} of ${needed}`,
    passed: verdict.passed !== undefined,
  };
}

/**
 * Whether the summary fits in one issue property value.
 *
 * @example
 * summaryV2Fits(deriveSummaryV2(facts, now)) // true
 */
export function summaryV2Fits(summary: GateSummaryV2): boolean {
  return canonicalJson(summary).length <= PROPERTY_VALUE_LIMIT;
}

/**
 * Derives the summary property from the verified records, for JQL such as
 * `issue.property[golive-gate.summary].approvals = "1 of 2"` or `… .waived = "layered-sre"`. With very large
 * configurations it drops per-team detail so the value always fits in an issue property.
 *
 * @example
 * deriveSummaryV2(facts, now)
 * // { schemaVersion: 2, status: 'blocked', stage: 'go-live', approved: 11, required: 12, approvals: '11 of 12', waived: ['layered-sre'], ... }
 */
export function deriveSummaryV2(facts: GateFacts, now: Date): GateSummaryV2 {
  const { config, records } = facts;
  const verdicts = evaluateAllV2(facts, now);
  const current = verdicts.find((v) => !v.allowed) ?? verdicts[verdicts.length - 1];
  if (current === undefined) throw new Error('A gate configuration has at least one stage');
  const figures = stageFigures(current);
  const gated = current.gated;

  // Each team as the strictest stage that requires it sees it.
  const strictest = strictestStage(config).key;
  const ordered = [...verdicts.filter((v) => v.stage === strictest), ...[...verdicts].reverse()];
  const teams: Record<string, SummaryTeamV2> = {};
  const briefTeams: Record<string, SummaryTeamV2> = {};
  for (const team of config.teams) {
    const verdict = ordered.flatMap((v) => v.teams).find((t) => t.team === team.key);
    if (verdict === undefined) continue;
    const decision = verdict.state === 'unverified' ? undefined : verdict.decision;
    const brief: SummaryTeamV2 = { state: verdict.state, have: verdict.have, needed: verdict.needed };
    briefTeams[team.key] = brief;
    teams[team.key] = { ...brief, ...(decision && { at: decision.at, by: decision.by }) };
  }

  const numbers: Record<string, number> = { ...records.numbers?.values };
  const capacity = numbers['capacity'];
  const velocity = numbers['velocity'];
  const overridden = verdicts.filter((v) => v.overridden).map((v) => v.stage);
  const changes = verdicts.flatMap((v) => (v.changesAt === undefined ? [] : [v.changesAt])).sort();
  const unverifiedTeams = [...new Set(records.unverified.flatMap((u) => ((u.what === 'decision' || u.what === 'legacy-decision') && u.team !== undefined ? [u.team] : [])))];
  const full: GateSummaryV2 = {
    schemaVersion: 2,
    status: !gated ? 'not-gated' : verdicts.some((v) => !v.allowed) ? 'blocked' : overridden.length > 0 ? 'overridden' : 'ready',
    stage: current.stage,
    approved: figures.approved,
    required: figures.required,
    approvals: figures.approvals,
    pending: current.teams.filter((t) => t.state === 'pending' || t.state === 'stale' || t.state === 'expired').map((t) => t.team),
    declined: current.teams.filter((t) => t.state === 'declined').map((t) => t.team),
    unverified: [...unverifiedTeams, ...records.unverified.filter((u) => u.what === 'numbers' || u.what === 'answers').map((u) => u.what)],
    waived: [
      ...current.teams.filter((t) => t.state === 'waived').map((t) => t.team),
      ...current.numbers.filter((n) => n.state === 'waived').map((n) => `number:${n.key}`),
      ...current.questions.filter((i) => i.state === 'waived').map((i) => `item:${i.key}`),
    ],
    legacy: current.teams.filter((t) => t.legacy).map((t) => t.team),
    passed: verdicts.filter((v) => v.passed !== undefined).map((v) => v.stage),
    ...(capacity !== undefined && { capacity }),
    ...(velocity !== undefined && { velocity }),
    overridden,
    updated: indexedDate(now.toISOString()),
    ...(changes[0] !== undefined && { nextChange: indexedDate(changes[0]) }),
    stages: Object.fromEntries(verdicts.map((v) => [v.stage, stageFigures(v)])),
    teams,
    numbers,
  };
  if (summaryV2Fits(full)) return full;
  const brief: GateSummaryV2 = { ...full, teams: briefTeams };
  return summaryV2Fits(brief) ? brief : { ...full, teams: {} };
}
