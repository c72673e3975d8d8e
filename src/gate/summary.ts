import type { GateConfig } from './config';
import { commitments } from './commitments';
import { canonicalJson } from './digest';
import { evaluateAll, evaluateTeam, strictestStage } from './evaluate';
import type { RecordSet } from './integrity';
import { readRecords } from './integrity';
import { indexedDate, nextVerdictChange } from './next-change';
import type { OpenDeadline } from './open-deadlines';
import { nextDeadline, openDeadlines } from './open-deadlines';
import { currentVerdict } from './stages';
import { releaseKeyOf } from './target-release';
import type { GateSnapshot } from './records';
import { serviceAssurance } from './service-assurance';
import type { TeamState } from './verdict';

/** Jira's limit for one issue property value. */
export const PROPERTY_VALUE_LIMIT = 32_768;

export interface SummaryTeam {
  readonly state: TeamState;
  readonly at?: string;
  readonly by?: string;
}

/**
 * The derived, JQL-indexed `golive-gate.summary` property. Its paths match manifest.yml's jira:entityProperty values.
 * It is never read back as evidence: the gate always re-derives it from the verified records.
 */
export interface GateSummary {
  readonly schemaVersion: 1;
  readonly status: 'blocked' | 'ready' | 'overridden';
  /** The first stage (configuration order) that is not allowed, else the last stage. */
  readonly stage: string;
  readonly approved: number;
  readonly required: number;
  /** Team keys pending, stale or expired at `stage`. */
  readonly pending: readonly string[];
  readonly declined: readonly string[];
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
 * summaryFitsInProperty(deriveSummary(config, snapshot, now)) // true
 */
export function summaryFitsInProperty(summary: GateSummary): boolean {
  return canonicalJson(summary).length <= PROPERTY_VALUE_LIMIT;
}

/**
 * Derives the summary property from the verified records (pass `records` when the request already verified them), for JQL such as
 * `issue.property[golive-gate.summary].status = "blocked"`. With very large configurations it drops per-team
 * detail so the value always fits in an issue property.
 *
 * @example
 * deriveSummary(config, snapshot, now)
 * // { schemaVersion: 1, status: 'blocked', stage: 'go-live', approved: 11, required: 13, pending: ['cee', 'ocm-pm'], ... }
 */
export function deriveSummary(config: GateConfig, snapshot: GateSnapshot, now: Date, records: RecordSet = readRecords(config, snapshot)): GateSummary {
  const verdicts = evaluateAll(config, snapshot, now, { records });
  const current = currentVerdict(verdicts);
  if (current === undefined) throw new Error('A gate configuration has at least one stage');
  const approvedIn = (teams: readonly { state: TeamState }[]): number => teams.filter((t) => t.state === 'approved').length;

  const strictest = strictestStage(config);
  const teams: Record<string, SummaryTeam> = {};
  const briefTeams: Record<string, SummaryTeam> = {};
  for (const team of config.teams) {
    const { state } = evaluateTeam({ config, stage: strictest, team, records, reporterAccountId: snapshot.issue.reporterAccountId, now, targetRelease: releaseKeyOf(snapshot.issue.targetRelease) });
    const decision = state === 'unverified' ? undefined : records.decisions[team.key];
    teams[team.key] = { state, ...(decision && { at: decision.at, by: decision.by }) };
    briefTeams[team.key] = { state };
  }

  const numbers: Record<string, number> = { ...records.numbers?.values };
  const capacity = numbers['capacity'];
  const velocity = numbers['velocity'];
  const overridden = verdicts.filter((v) => v.overridden).map((v) => v.stage);
  const nextChange = nextVerdictChange(config, verdicts, now);
  const deadlines = openDeadlines(verdicts);
  const earliestDeadline = nextDeadline(deadlines);
  const full: GateSummary = {
    schemaVersion: 1,
    status: verdicts.some((v) => !v.allowed) ? 'blocked' : overridden.length > 0 ? 'overridden' : 'ready',
    stage: current.stage,
    approved: approvedIn(current.teams),
    required: current.teams.length,
    pending: current.teams.filter((t) => t.state === 'pending' || t.state === 'stale' || t.state === 'expired').map((t) => t.team),
    declined: current.teams.filter((t) => t.state === 'declined').map((t) => t.team),
    unverified: [
      ...records.unverified.flatMap((u) => (u.what === 'decision' && u.team !== undefined ? [u.team] : [])),
      ...records.unverified.filter((u) => u.what === 'numbers' || u.what === 'answers' || u.what === 'usage').map((u) => u.what),
    ],
    ...(capacity !== undefined && { capacity }),
    ...(velocity !== undefined && { velocity }),
    overridden,
    assurance: serviceAssurance(config, snapshot.issue.status ?? '').level,
    // What the app wrote (KVS), so editing the usage property by hand cannot hide a breach.
    breached: commitments(config, records.numbers?.values, records.written.usage?.values).filter((c) => c.state === 'breached').map((c) => c.number),
    usage: { ...records.written.usage?.values },
    updated: indexedDate(now),
    ...(nextChange !== undefined && { nextChange: indexedDate(nextChange) }),
    // Present (maybe empty) once the ticket's release gives some stage a freeze, so "none open" reads apart from "not known".
    ...(verdicts.some((v) => v.freeze !== undefined) && { deadlines }),
    ...(earliestDeadline !== undefined && { nextDeadline: indexedDate(new Date(earliestDeadline)) }),
    stages: Object.fromEntries(verdicts.map((v) => [v.stage, { allowed: v.allowed, approved: approvedIn(v.teams), required: v.teams.length }])),
    teams,
    numbers,
  };
  if (summaryFitsInProperty(full)) return full;
  const brief: GateSummary = { ...full, teams: briefTeams };
  return summaryFitsInProperty(brief) ? brief : { ...full, teams: {} };
}
