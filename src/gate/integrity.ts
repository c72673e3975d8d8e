import type { z } from 'zod/mini';
import type { GateConfig, Team } from './config';
import { digestOf } from './digest';
import type { AnswersRecord, CheckRecord, FreezeException, GateRecord, GateSnapshot, NumbersRecord, OverrideRecord, PlaybookRecord, TeamDecision, UsageRecord } from './records';
import {
  ANSWERS_PROPERTY,
  AnswersRecordSchema,
  CheckRecordSchema,
  checkProperty,
  exceptionProperty,
  FreezeExceptionSchema,
  NUMBERS_PROPERTY,
  NumbersRecordSchema,
  OverrideRecordSchema,
  TeamDecisionSchema,
  USAGE_PROPERTY,
  UsageRecordSchema,
  PLAYBOOK_PROPERTY,
  PlaybookRecordSchema,
  overrideProperty,
  teamProperty,
} from './records';
import { requiredCheckNames } from './required-checks';
import type { IntegrityProblem } from './verdict';

export type RecordWhat = 'decision' | 'numbers' | 'answers' | 'override' | 'usage' | 'playbook' | 'exception' | 'check';

/** A property the gate does not trust, and for whom: a team's decision, the numbers, the answers or a stage's override. */
export interface UnverifiedRecord {
  readonly propertyKey: string;
  readonly problem: IntegrityProblem;
  readonly team?: string;
  readonly stage?: string;
  readonly what: RecordWhat;
}

/**
 * What the app last wrote for an issue, from KVS, whatever its properties now hold: the authority for who may do what
 * (revoke, one person one team) and the base a new numbers or answers record merges into. Where KVS kept only a digest
 * (records written before schema version 2), the property counts here only when it matches that digest.
 */
export interface WrittenRecords {
  readonly decisions: Readonly<Record<string, TeamDecision>>;
  readonly numbers?: NumbersRecord;
  readonly answers?: AnswersRecord;
  readonly usage?: UsageRecord;
  /** Required checks' results by property key (issue 15): what a new head commit marks stale. */
  readonly checks?: Readonly<Record<string, CheckRecord>> | undefined;
}

/** A team's approval given on a linked ticket: the ticket, and the decision as the app wrote it there. */
export interface LinkedApproval {
  readonly issueKey: string;
  readonly decision: TeamDecision;
}

/**
 * Each team's latest approval on the linked tickets, counted only where its property matches the linked ticket's own
 * head: a property put on a linked ticket by hand, or changed there, never counts. Model v1 and v2 read them alike.
 *
 * @example
 * linkedApprovalsOf(config, snapshot)['osd-e2e']?.issueKey // 'SKU-7'
 */
export function linkedApprovalsOf(config: Pick<GateConfig, 'linkedApprovals'> & { readonly teams: readonly Pick<Team, 'key'>[] }, snapshot: Pick<GateSnapshot, 'linked'>): Record<string, LinkedApproval> {
  const approvals: Record<string, LinkedApproval> = {};
  if (config.linkedApprovals === undefined) return approvals;
  for (const linked of snapshot.linked ?? []) {
    for (const team of config.teams) {
      const result = check(linked, teamProperty(team.key), TeamDecisionSchema, (record) => record.team === team.key);
      if (result === undefined || !('record' in result) || result.record.decision !== 'approved') continue;
      const earlier = approvals[team.key];
      if (earlier === undefined || earlier.decision.at < result.record.at) approvals[team.key] = { issueKey: linked.issue.key, decision: result.record };
    }
  }
  return approvals;
}

/** The records of one issue that the gate trusts, and the ones it refused. */
export interface RecordSet {
  /** Trusted decisions by team key (approved, declined or revoked). */
  readonly decisions: Readonly<Record<string, TeamDecision>>;
  readonly numbers?: NumbersRecord;
  readonly answers?: AnswersRecord;
  /** The last usage measured after go-live, when trusted. */
  readonly usage?: UsageRecord;
  /** The last playbook generated, when trusted. */
  readonly playbook?: PlaybookRecord;
  /** Trusted overrides by stage key. */
  readonly overrides: Readonly<Record<string, OverrideRecord>>;
  /** Trusted freeze exceptions by stage key (issue 16). */
  readonly exceptions?: Readonly<Record<string, FreezeException>> | undefined;
  /** Trusted results of required checks by property key (`checkProperty(name)`, issue 15). */
  readonly checks?: Readonly<Record<string, CheckRecord>> | undefined;
  /** Per team, the latest approval the app recorded on a linked ticket (`linkedApprovals`, issue 15), verified there. */
  readonly linkedApprovals?: Readonly<Record<string, LinkedApproval>> | undefined;
  readonly unverified: readonly UnverifiedRecord[];
  readonly written: WrittenRecords;
  /**
   * For each person, the team of their earliest approval the app wrote (in the team's current generation): with one
   * person, one team, only that approval counts.
   */
  readonly firstApprovals: ReadonlyMap<string, string>;
}

/**
 * Whether an approval was given before its team was (re-)added to the configuration, and so does not count (unless the
 * policies let re-added teams keep their approvals).
 *
 * @example
 * predatesTeam(config, { ...team, since: 7 }, { ...approval, configVersion: 5 }) // true
 */
export function predatesTeam(
  config: { readonly policies: Pick<GateConfig['policies'], 'reAddedTeamsKeepApprovals'> },
  team: Pick<Team, 'since'>,
  decision: { readonly configVersion?: number | undefined },
): boolean {
  return !config.policies.reAddedTeamsKeepApprovals && (decision.configVersion ?? 0) < (team.since ?? 0);
}

function firstApprovalTeams(config: GateConfig, decisions: Readonly<Record<string, TeamDecision>>): ReadonlyMap<string, string> {
  const first = new Map<string, { team: string; at: number }>();
  for (const team of config.teams) {
    const decision = decisions[team.key];
    if (decision?.decision !== 'approved' || predatesTeam(config, team, decision)) continue;
    const at = new Date(decision.at).getTime();
    const earlier = first.get(decision.by);
    if (earlier === undefined || at < earlier.at) first.set(decision.by, { team: team.key, at });
  }
  return new Map([...first].map(([by, { team }]) => [by, team]));
}

type Checked<T> = { readonly record: T } | { readonly problem: IntegrityProblem } | undefined;

/** The record the app last wrote under a key, when KVS kept it; it must match its own digest, so a bug cannot slip one in. */
function writtenRecord<T extends GateRecord>(snapshot: GateSnapshot, propertyKey: string, schema: z.ZodMiniType<T>, belongsHere: (record: T) => boolean): T | undefined {
  const written = snapshot.written !== undefined && Object.hasOwn(snapshot.written, propertyKey) ? snapshot.written[propertyKey] : undefined;
  if (written === undefined) return undefined;
  const parsed = schema.safeParse(written);
  if (!parsed.success || parsed.data.issueId !== snapshot.issue.id || !belongsHere(parsed.data)) return undefined;
  return digestOf(parsed.data) === snapshot.digests[propertyKey] ? parsed.data : undefined;
}

/** Trusts a property only when it parses, belongs to this issue and key, and its digest is the one the app recorded. */
function check<T extends GateRecord>(snapshot: Pick<GateSnapshot, 'issue' | 'properties' | 'digests'>, propertyKey: string, schema: z.ZodMiniType<T>, belongsHere: (record: T) => boolean): Checked<T> {
  const raw = Object.hasOwn(snapshot.properties, propertyKey) ? snapshot.properties[propertyKey] : undefined;
  const digest = Object.hasOwn(snapshot.digests, propertyKey) ? snapshot.digests[propertyKey] : undefined;
  if (raw === undefined) return digest === undefined ? undefined : { problem: 'deleted' };
  if (digest === undefined) return { problem: 'no-digest' };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { problem: 'malformed' };
  if (parsed.data.issueId !== snapshot.issue.id) return { problem: 'wrong-issue' };
  if (digestOf(parsed.data) !== digest) return { problem: 'digest-mismatch' };
  // A record whose digest matches but names another team or stage can only come from a bug: refuse it all the same.
  if (!belongsHere(parsed.data)) return { problem: 'malformed' };
  return { record: parsed.data };
}

/** The usage record of an issue: the trusted property, what the app last wrote, and why the property is refused. */
export interface UsageReading {
  readonly usage?: UsageRecord | undefined;
  readonly written?: UsageRecord | undefined;
  readonly unverified?: UnverifiedRecord | undefined;
}

/**
 * Reads the usage measured after go-live (issue 18), which no stage judges: the summary reports it and its breaches
 * from what the app wrote, so editing the property by hand cannot hide a breach.
 *
 * @example
 * readUsage(snapshot).written?.values // { capacity: 120 }
 */
export function readUsage(snapshot: GateSnapshot): UsageReading {
  const result = check(snapshot, USAGE_PROPERTY, UsageRecordSchema, () => true);
  const usage = result !== undefined && 'record' in result ? result.record : undefined;
  const unverified = result !== undefined && 'problem' in result ? { propertyKey: USAGE_PROPERTY, problem: result.problem, what: 'usage' as const } : undefined;
  return { usage, written: writtenRecord(snapshot, USAGE_PROPERTY, UsageRecordSchema, () => true) ?? usage, unverified };
}

/**
 * Reads the issue's `golive-gate.*` properties and keeps only those the app wrote itself, listing every other one
 * as unverified. Properties of teams and stages the configuration does not name are ignored, and so is the summary.
 *
 * @example
 * const records = readRecords(config, { issue, properties, digests });
 * records.decisions['sre-p']?.decision // 'approved'
 * records.unverified // [{ propertyKey: 'golive-gate.team.cee', problem: 'digest-mismatch', team: 'cee', what: 'decision' }]
 */
export function readRecords(config: GateConfig, snapshot: GateSnapshot): RecordSet {
  const decisions: Record<string, TeamDecision> = {};
  const writtenDecisions: Record<string, TeamDecision> = {};
  const overrides: Record<string, OverrideRecord> = {};
  const unverified: UnverifiedRecord[] = [];

  for (const team of config.teams) {
    const propertyKey = teamProperty(team.key);
    const ofTeam = (record: TeamDecision): boolean => record.team === team.key;
    const result = check(snapshot, propertyKey, TeamDecisionSchema, ofTeam);
    const written = writtenRecord(snapshot, propertyKey, TeamDecisionSchema, ofTeam) ?? (result && 'record' in result ? result.record : undefined);
    if (written !== undefined) writtenDecisions[team.key] = written;
    if (result === undefined) continue;
    if ('record' in result) decisions[team.key] = result.record;
    else unverified.push({ propertyKey, problem: result.problem, team: team.key, what: 'decision' });
  }

  const anyIssueRecord = (): boolean => true;
  let numbers: NumbersRecord | undefined;
  const numbersResult = check(snapshot, NUMBERS_PROPERTY, NumbersRecordSchema, anyIssueRecord);
  if (numbersResult !== undefined) {
    if ('record' in numbersResult) numbers = numbersResult.record;
    else unverified.push({ propertyKey: NUMBERS_PROPERTY, problem: numbersResult.problem, what: 'numbers' });
  }
  const writtenNumbers = writtenRecord(snapshot, NUMBERS_PROPERTY, NumbersRecordSchema, anyIssueRecord) ?? numbers;

  let answers: AnswersRecord | undefined;
  const answersResult = check(snapshot, ANSWERS_PROPERTY, AnswersRecordSchema, anyIssueRecord);
  if (answersResult !== undefined) {
    if ('record' in answersResult) answers = answersResult.record;
    else unverified.push({ propertyKey: ANSWERS_PROPERTY, problem: answersResult.problem, what: 'answers' });
  }
  const writtenAnswers = writtenRecord(snapshot, ANSWERS_PROPERTY, AnswersRecordSchema, anyIssueRecord) ?? answers;

  const { usage, written: writtenUsage, unverified: usageUnverified } = readUsage(snapshot);
  if (usageUnverified !== undefined) unverified.push(usageUnverified);

  let playbook: PlaybookRecord | undefined;
  const playbookResult = check(snapshot, PLAYBOOK_PROPERTY, PlaybookRecordSchema, anyIssueRecord);
  if (playbookResult !== undefined) {
    if ('record' in playbookResult) playbook = playbookResult.record;
    else unverified.push({ propertyKey: PLAYBOOK_PROPERTY, problem: playbookResult.problem, what: 'playbook' });
  }

  for (const stage of config.stages) {
    const propertyKey = overrideProperty(stage.key);
    const result = check(snapshot, propertyKey, OverrideRecordSchema, (record) => record.stage === stage.key);
    if (result === undefined) continue;
    if ('record' in result) overrides[stage.key] = result.record;
    else unverified.push({ propertyKey, problem: result.problem, stage: stage.key, what: 'override' });
  }

  const exceptions: Record<string, FreezeException> = {};
  for (const stage of config.stages) {
    const propertyKey = exceptionProperty(stage.key);
    const result = check(snapshot, propertyKey, FreezeExceptionSchema, (record) => record.stage === stage.key);
    if (result === undefined) continue;
    if ('record' in result) exceptions[stage.key] = result.record;
    else unverified.push({ propertyKey, problem: result.problem, stage: stage.key, what: 'exception' });
  }

  const checks: Record<string, CheckRecord> = {};
  const writtenChecks: Record<string, CheckRecord> = {};
  for (const name of requiredCheckNames(config)) {
    const propertyKey = checkProperty(name);
    const ofCheck = (record: CheckRecord): boolean => checkProperty(record.name) === propertyKey;
    const result = check(snapshot, propertyKey, CheckRecordSchema, ofCheck);
    const written = writtenRecord(snapshot, propertyKey, CheckRecordSchema, ofCheck) ?? (result && 'record' in result ? result.record : undefined);
    if (written !== undefined) writtenChecks[propertyKey] = written;
    if (result === undefined) continue;
    if ('record' in result) checks[propertyKey] = result.record;
    else unverified.push({ propertyKey, problem: result.problem, what: 'check' });
  }

  const linkedApprovals = linkedApprovalsOf(config, snapshot);

  const written: WrittenRecords = {
    decisions: writtenDecisions,
    ...(writtenNumbers && { numbers: writtenNumbers }),
    ...(writtenAnswers && { answers: writtenAnswers }),
    ...(writtenUsage && { usage: writtenUsage }),
    ...(Object.keys(writtenChecks).length > 0 && { checks: writtenChecks }),
  };
  return {
    decisions,
    ...(numbers && { numbers }),
    ...(answers && { answers }),
    ...(usage && { usage }),
    ...(playbook && { playbook }),
    overrides,
    ...(Object.keys(exceptions).length > 0 && { exceptions }),
    ...(Object.keys(checks).length > 0 && { checks }),
    ...(Object.keys(linkedApprovals).length > 0 && { linkedApprovals }),
    unverified,
    written,
    firstApprovals: firstApprovalTeams(config, writtenDecisions),
  };
}

/**
 * How to repair an untrusted record: the app writes a fresh record with a fresh digest.
 *
 * @example
 * integrityFix(config, { propertyKey: 'golive-gate.team.sre-p', problem: 'deleted', team: 'sre-p', what: 'decision' })
 * // 'An approver for SRE-P can re-affirm the decision.'
 */
export function integrityFix(config: Pick<GateConfig, 'policies'> & { readonly teams: readonly Pick<GateConfig['teams'][number], 'key' | 'name'>[]; readonly stages: readonly Pick<GateConfig['stages'][number], 'key' | 'freeze'>[] }, record: Pick<UnverifiedRecord, 'propertyKey' | 'problem' | 'team' | 'stage'> & { readonly what: RecordWhat | 'legacy-decision' | 'waiver' | 'pass'; readonly by?: string | undefined }): string {
  switch (record.what) {
    case 'waiver':
      return 'Its team or a member of an override group can mark it not applicable again.';
    case 'pass':
      return 'The stage is judged afresh until its next transition records the pass again.';
    case 'legacy-decision':
    case 'decision': {
      // One approver's decision (model v2) has a key of its own, which only that approver writes; a forged one hides
      // nothing, and any approver's decision stands in for it.
      if (record.what === 'decision' && record.by !== undefined && record.problem !== 'no-digest') return 'The approver who gave it can re-affirm the decision; no other approver\'s decision replaces it.';
      const name = config.teams.find((t) => t.key === record.team)?.name ?? record.team ?? 'the team';
      return `An approver for ${name} can re-affirm the decision.`;
    }
    case 'numbers':
      return 'Record the numbers again.';
    case 'answers':
      return 'Answer the questions again.';
    case 'usage':
      return 'Record the usage again (a team member in the panel, or the next delivery of the billing system).';
    case 'playbook':
      return 'Generate the playbook again.';
    case 'override': {
      const groups = config.policies.overrideGroups;
      return groups.length > 0 ? `A member of ${groups.join(' or ')} can override the stage again.` : 'Nobody can override: the project names no override group.';
    }
    case 'check':
      return 'The next result GitLab or GitHub reports for the check records it again (re-run the job, or push a commit).';
    case 'exception': {
      const groups = config.stages.find((s) => s.key === record.stage)?.freeze?.exceptionGroups ?? [];
      return groups.length > 0 ? `A member of ${groups.join(' or ')} can grant the exception again.` : 'Nobody can grant an exception: the stage names no exception group.';
    }
  }
}
