import type { z } from 'zod/mini';
import type { LinkedApproval } from '../integrity';
import { linkedApprovalsOf } from '../integrity';
import type { CheckRecord, FreezeException, GateSnapshot, OverrideRecord, PlaybookRecord } from '../records';
import {
  ANSWERS_PROPERTY,
  CheckRecordSchema,
  FreezeExceptionSchema,
  NUMBERS_PROPERTY,
  OverrideRecordSchema,
  PLAYBOOK_PROPERTY,
  PROPERTY_PREFIX,
  PlaybookRecordSchema,
  SUMMARY_PROPERTY,
  checkProperty,
  exceptionProperty,
  overrideProperty,
} from '../records';
import { requiredCheckNames } from '../required-checks';
import type { IntegrityProblem } from '../verdict';
import type { GateConfigV2 } from './config';
import type { AnswersView, LegacyDecision, NumbersView, PassRecord, StageDecision, WaiverRecord, WaiverTarget } from './records';
import {
  DECISION_PREFIX,
  LEGACY_TEAM_PREFIX,
  LegacyDecisionSchema,
  PASS_PREFIX,
  PassRecordSchema,
  StageDecisionSchema,
  WAIVER_PREFIX,
  WaiverRecordSchema,
  parseAnswers,
  parseNumbers,
  recordDigest,
  waiverProperty,
} from './records';

/** What the app read for one issue: the raw property values (untrusted) and the digests it recorded in KVS (trusted). */
export interface RecordSnapshot {
  readonly issueId: string;
  /** Every `golive-gate.*` property of the issue, keyed by property key, exactly as Jira returned it. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The digest of the last record the app wrote, keyed by property key. */
  readonly digests: Readonly<Record<string, string>>;
  /** Tickets linked with the configuration's link type, read the same way (issue 15's `linkedApprovals`). */
  readonly linked?: GateSnapshot['linked'];
  /** The last record the app wrote, keyed by property key, where KVS keeps it: what it wrote, whatever the property holds. */
  readonly written?: Readonly<Record<string, unknown>> | undefined;
}

export type RecordWhatV2 = 'decision' | 'legacy-decision' | 'waiver' | 'numbers' | 'answers' | 'override' | 'pass' | 'exception' | 'check' | 'playbook';

/** A property the gate does not trust, and what it would have been. */
export interface UnverifiedRecordV2 {
  readonly propertyKey: string;
  readonly problem: IntegrityProblem;
  readonly what: RecordWhatV2;
  readonly stage?: string;
  readonly team?: string;
  /** For a decision: whose decision the property's key names. */
  readonly by?: string;
  readonly target?: WaiverTarget;
}

/** The records of one issue that the gate trusts, and the ones it refused. */
export interface RecordSetV2 {
  /** Trusted per-stage decisions, one per stage, team and approver. */
  readonly decisions: readonly StageDecision[];
  /** Trusted v1 ticket-wide decisions by team key. */
  readonly legacy: Readonly<Record<string, LegacyDecision>>;
  /** Trusted waivers, one per target (the latest the app wrote, waived or withdrawn). */
  readonly waivers: readonly WaiverRecord[];
  readonly numbers?: NumbersView | undefined;
  readonly answers?: AnswersView | undefined;
  readonly overrides: Readonly<Record<string, OverrideRecord>>;
  readonly passes: Readonly<Record<string, PassRecord>>;
  /** Trusted freeze exceptions by stage key (issue 16). */
  readonly exceptions?: Readonly<Record<string, FreezeException>> | undefined;
  /** Trusted results of required checks by property key (`checkProperty(name)`, issue 15). */
  readonly checks?: Readonly<Record<string, CheckRecord>> | undefined;
  /** The last playbook generated, when trusted (issue 18). */
  readonly playbook?: PlaybookRecord | undefined;
  /** Per team, the latest approval the app recorded on a linked ticket, verified there (issue 15). */
  readonly linkedApprovals?: Readonly<Record<string, LinkedApproval>> | undefined;
  readonly unverified: readonly UnverifiedRecordV2[];
  /**
   * The decisions the app last wrote (from KVS, else the trusted property), whatever the properties now hold: the
   * authority for one person, one team, so deleting a property cannot free its approver for another team (issue 10).
   */
  readonly writtenDecisions?: readonly (StageDecision | LegacyDecision)[] | undefined;
}

export const EMPTY_RECORDS: RecordSetV2 = { decisions: [], legacy: {}, waivers: [], overrides: {}, passes: {}, unverified: [] };

type Checked<T> = { readonly record: T } | { readonly problem: IntegrityProblem } | undefined;

/** Trusts a property only when it parses, belongs to this issue and key, and its digest is the one the app recorded. */
function check<T extends { readonly issueId: string }>(
  snapshot: RecordSnapshot,
  propertyKey: string,
  parse: (raw: unknown) => T | undefined,
  belongsHere: (record: T) => boolean,
): Checked<T> {
  const raw = Object.hasOwn(snapshot.properties, propertyKey) ? snapshot.properties[propertyKey] : undefined;
  const digest = Object.hasOwn(snapshot.digests, propertyKey) ? snapshot.digests[propertyKey] : undefined;
  if (raw === undefined) return digest === undefined ? undefined : { problem: 'deleted' };
  if (digest === undefined) return { problem: 'no-digest' };
  const record = parse(raw);
  if (record === undefined) return { problem: 'malformed' };
  if (record.issueId !== snapshot.issueId) return { problem: 'wrong-issue' };
  if (recordDigest(raw) !== digest) return { problem: 'digest-mismatch' };
  // A record whose digest matches but names another stage, team or person can only come from a bug: refuse it all the same.
  if (!belongsHere(record)) return { problem: 'malformed' };
  return { record };
}

const parser =
  <T>(schema: z.ZodMiniType<T>) =>
  (raw: unknown): T | undefined => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };

/** The record the app last wrote under a key, when KVS kept it and it matches the digest the app recorded. */
function writtenRecord<T extends { readonly issueId: string }>(snapshot: RecordSnapshot, propertyKey: string, parse: (raw: unknown) => T | undefined, belongsHere: (record: T) => boolean): T | undefined {
  const raw = snapshot.written !== undefined && Object.hasOwn(snapshot.written, propertyKey) ? snapshot.written[propertyKey] : undefined;
  const digest = Object.hasOwn(snapshot.digests, propertyKey) ? snapshot.digests[propertyKey] : undefined;
  if (raw === undefined || digest === undefined || recordDigest(raw) !== digest) return undefined;
  const record = parse(raw);
  return record !== undefined && record.issueId === snapshot.issueId && belongsHere(record) ? record : undefined;
}

/** Splits `golive-gate.decision.<stage>.<team>.<accountId>`; stage and team keys contain no dots, account ids may. */
function decisionKeyParts(propertyKey: string): { stage: string; team: string; by: string } | undefined {
  const match = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\.(.+)$/.exec(propertyKey.slice(DECISION_PREFIX.length));
  return match === null ? undefined : { stage: match[1] ?? '', team: match[2] ?? '', by: match[3] ?? '' };
}

/**
 * Reads the issue's `golive-gate.*` properties and keeps only those the app wrote itself, listing every other one as
 * unverified. Records of teams, stages, numbers and items the configuration does not name are ignored, and so is the
 * summary. v1 records are read as what they meant: a ticket-wide team decision, numbers and text answers.
 *
 * @example
 * const records = readRecordsV2(config, { issueId: '10001', properties, digests });
 * records.decisions.filter((d) => d.stage === 'beta' && d.team === 'prr').length // 2
 * records.unverified // [{ propertyKey: 'golive-gate.decision.beta.prr.acc-2', problem: 'digest-mismatch', what: 'decision', ... }]
 */
export function readRecordsV2(config: GateConfigV2, snapshot: RecordSnapshot): RecordSetV2 {
  const teams = new Set(config.teams.map((t) => t.key));
  const stages = new Set(config.stages.map((s) => s.key));
  const decisions: StageDecision[] = [];
  const legacy: Record<string, LegacyDecision> = {};
  const waivers: WaiverRecord[] = [];
  const overrides: Record<string, OverrideRecord> = {};
  const passes: Record<string, PassRecord> = {};
  const unverified: UnverifiedRecordV2[] = [];
  const writtenDecisions: (StageDecision | LegacyDecision)[] = [];
  const exceptions: Record<string, FreezeException> = {};
  const checks: Record<string, CheckRecord> = {};
  let numbers: NumbersView | undefined;
  let answers: AnswersView | undefined;
  let playbook: PlaybookRecord | undefined;
  const checkKeys = new Set(requiredCheckNames(config).map(checkProperty));

  /** Keeps a trusted record, or lists why the property is not trusted. */
  const read = <T extends { readonly issueId: string }>(
    propertyKey: string,
    parse: (raw: unknown) => T | undefined,
    belongsHere: (record: T) => boolean,
    what: Omit<UnverifiedRecordV2, 'propertyKey' | 'problem'>,
    keep: (record: T) => void,
  ): void => {
    const result = check(snapshot, propertyKey, parse, belongsHere);
    if (result === undefined) return;
    if ('record' in result) keep(result.record);
    else unverified.push({ propertyKey, problem: result.problem, ...what });
  };

  const keys = new Set([...Object.keys(snapshot.properties), ...Object.keys(snapshot.digests)].filter((k) => k.startsWith(PROPERTY_PREFIX)));
  for (const propertyKey of [...keys].sort()) {
    if (propertyKey === SUMMARY_PROPERTY) continue;
    if (propertyKey.startsWith(DECISION_PREFIX)) {
      const parts = decisionKeyParts(propertyKey);
      if (parts === undefined || !stages.has(parts.stage) || !teams.has(parts.team)) continue;
      const belongs = (d: StageDecision): boolean => d.stage === parts.stage && d.team === parts.team && d.by === parts.by;
      const written = writtenRecord(snapshot, propertyKey, parser(StageDecisionSchema), belongs);
      if (written !== undefined) writtenDecisions.push(written);
      read(propertyKey, parser(StageDecisionSchema), belongs, { what: 'decision', ...parts }, (d) => {
        decisions.push(d);
        if (written === undefined) writtenDecisions.push(d);
      });
    } else if (propertyKey.startsWith(LEGACY_TEAM_PREFIX)) {
      const team = propertyKey.slice(LEGACY_TEAM_PREFIX.length);
      if (teams.has(team)) {
        const written = writtenRecord(snapshot, propertyKey, parser(LegacyDecisionSchema), (d) => d.team === team);
        if (written !== undefined) writtenDecisions.push(written);
        read(propertyKey, parser(LegacyDecisionSchema), (d) => d.team === team, { what: 'legacy-decision', team }, (d) => {
          legacy[team] = d;
          if (written === undefined) writtenDecisions.push(d);
        });
      }
    } else if (propertyKey.startsWith(WAIVER_PREFIX)) {
      const target = waiverTargetOf(config, propertyKey);
      if (target !== undefined) read(propertyKey, parser(WaiverRecordSchema), (w) => waiverProperty(w.target) === propertyKey, { what: 'waiver', target }, (w) => waivers.push(w));
    } else if (propertyKey.startsWith(PASS_PREFIX)) {
      const stage = propertyKey.slice(PASS_PREFIX.length);
      if (stages.has(stage)) read(propertyKey, parser(PassRecordSchema), (p) => p.stage === stage, { what: 'pass', stage }, (p) => (passes[stage] = p));
    } else if (propertyKey === NUMBERS_PROPERTY) {
      read(propertyKey, parseNumbers, () => true, { what: 'numbers' }, (n) => (numbers = n));
    } else if (propertyKey === ANSWERS_PROPERTY) {
      read(propertyKey, parseAnswers, () => true, { what: 'answers' }, (a) => (answers = a));
    } else if (propertyKey === PLAYBOOK_PROPERTY) {
      read(propertyKey, parser(PlaybookRecordSchema), () => true, { what: 'playbook' }, (p) => (playbook = p));
    } else if (checkKeys.has(propertyKey)) {
      read(propertyKey, parser(CheckRecordSchema), (c) => checkProperty(c.name) === propertyKey, { what: 'check' }, (c) => (checks[propertyKey] = c));
    } else {
      const overridden = config.stages.find((s) => overrideProperty(s.key) === propertyKey)?.key;
      const excepted = config.stages.find((s) => exceptionProperty(s.key) === propertyKey)?.key;
      if (overridden !== undefined) read(propertyKey, parser(OverrideRecordSchema), (o) => o.stage === overridden, { what: 'override', stage: overridden }, (o) => (overrides[overridden] = o));
      if (excepted !== undefined) read(propertyKey, parser(FreezeExceptionSchema), (e) => e.stage === excepted, { what: 'exception', stage: excepted }, (e) => (exceptions[excepted] = e));
    }
  }
  const linkedApprovals = linkedApprovalsOf(config, snapshot);
  return {
    decisions,
    legacy,
    waivers,
    ...(numbers && { numbers }),
    ...(answers && { answers }),
    overrides,
    passes,
    ...(Object.keys(exceptions).length > 0 && { exceptions }),
    ...(Object.keys(checks).length > 0 && { checks }),
    ...(playbook && { playbook }),
    ...(Object.keys(linkedApprovals).length > 0 && { linkedApprovals }),
    unverified,
    writtenDecisions,
  };
}

/** The configured team, number or item a waiver property names, or undefined for anything else. */
function waiverTargetOf(config: GateConfigV2, propertyKey: string): WaiverTarget | undefined {
  const [kind, key] = propertyKey.slice(WAIVER_PREFIX.length).split('.', 2);
  const known =
    (kind === 'team' && config.teams.some((t) => t.key === key)) ||
    (kind === 'number' && config.numbers.some((n) => n.key === key)) ||
    (kind === 'item' && config.items.some((i) => i.key === key));
  if (!known || key === undefined || (kind !== 'team' && kind !== 'number' && kind !== 'item')) return undefined;
  const target: WaiverTarget = { kind, key };
  return waiverProperty(target) === propertyKey ? target : undefined;
}
