import type { Stage } from './config';
import { isStaleForHead } from './decision-source';
import { describeProblem } from './integrity-words';
import type { CheckResult, CheckState } from './provider-refs';
import type { CheckRecord } from './records';
import type { ConditionRecords } from './stage-conditions';
import { checkProperty } from './records';
import type { IntegrityProblem } from './verdict';

/**
 * A stage can require a named check (a GitLab CI job, a GitHub check run or commit status, such as "osd-e2e") to have
 * passed for the merge request's current head commit. Each provider names its states differently; these map them.
 * Only success counts as passed: a skipped or neutral run says nothing about the content.
 */

/**
 * The state of a GitHub check run (`status` and `conclusion`).
 *
 * @example
 * githubCheckRunState('completed', 'success') // 'passed'
 * githubCheckRunState('in_progress', null) // 'pending'
 */
export function githubCheckRunState(status: string, conclusion: string | null | undefined): CheckState {
  if (status !== 'completed') return 'pending';
  switch (conclusion) {
    case 'success':
      return 'passed';
    case 'neutral':
    case 'skipped':
      return 'skipped';
    default:
      // failure, cancelled, timed_out, action_required, startup_failure, stale, or anything new
      return 'failed';
  }
}

/**
 * The state of a GitHub commit status (`success`, `failure`, `error`, `pending`).
 *
 * @example
 * githubStatusState('error') // 'failed'
 */
export function githubStatusState(state: string): CheckState {
  if (state === 'success') return 'passed';
  if (state === 'pending') return 'pending';
  return 'failed';
}

const GITLAB_PENDING = new Set(['created', 'waiting_for_resource', 'preparing', 'waiting_for_callback', 'pending', 'running', 'manual', 'scheduled']);

/**
 * The state of a GitLab pipeline, job or commit status.
 *
 * @example
 * gitlabStatusState('success') // 'passed'
 * gitlabStatusState('canceled') // 'failed'
 */
export function gitlabStatusState(status: string): CheckState {
  if (status === 'success') return 'passed';
  if (status === 'skipped') return 'skipped';
  if (GITLAB_PENDING.has(status)) return 'pending';
  return 'failed';
}

/** How a required check stands for the ticket: as the provider reported it, or why it cannot count. */
export type RequiredCheckState = CheckState | 'missing' | 'stale' | 'unverified';

/** What a required check says for the head commit, with a sentence for the panel. */
export interface RequiredCheckVerdict {
  readonly name: string;
  readonly state: RequiredCheckState;
  /** The run, for the panel's link. */
  readonly url?: string | undefined;
  /** The merge or pull request and the head commit the result was for. */
  readonly change?: { readonly provider: 'gitlab' | 'github'; readonly url: string; readonly headSha: string } | undefined;
  readonly integrity?: IntegrityProblem | undefined;
  readonly reason: string;
}

const SENTENCE: Readonly<Record<CheckState | 'missing', string>> = {
  passed: 'passed',
  failed: 'failed',
  pending: 'has not finished',
  skipped: 'was skipped, which does not count as passing',
  missing: 'has not run',
};

/**
 * The verdict of the required check `name` among the results for a head commit (latest first, as the providers list
 * them: the first result of that name counts). Names match exactly, ignoring case.
 *
 * @example
 * requiredCheck('osd-e2e', [{ name: 'osd-e2e', state: 'passed', url: 'https://ci/1' }], 'a1b2c3d')
 * // { name: 'osd-e2e', state: 'passed', url: 'https://ci/1', reason: 'osd-e2e passed for a1b2c3d' }
 */
export function requiredCheck(name: string, results: readonly CheckResult[], headSha: string): RequiredCheckVerdict {
  const found = results.find((result) => result.name.toLowerCase() === name.toLowerCase());
  const state = found?.state ?? 'missing';
  return { name, state, ...(found?.url !== undefined && { url: found.url }), reason: `${name} ${SENTENCE[state]} for ${headSha.slice(0, 7)}` };
}

/**
 * Every check some stage requires, each once (the first spelling wins): the checks whose results the app records.
 *
 * @example
 * requiredCheckNames(config) // ['osd-e2e']
 */
export function requiredCheckNames(config: { readonly stages: readonly Pick<Stage, 'requiredChecks'>[] }): string[] {
  const byKey = new Map<string, string>();
  for (const name of config.stages.flatMap((stage) => stage.requiredChecks ?? [])) if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  return [...byKey.values()];
}

const CHANGE_NAME = { gitlab: 'merge request', github: 'pull request' } as const;

/**
 * The verdict of each check a stage requires, from the trusted check records: passed only when the latest result the
 * app recorded is a success for the merge or pull request's current head; a result for a head that has moved on is
 * stale; a record changed outside the app is unverified.
 *
 * @example
 * evaluateRequiredChecks({ ...stage, requiredChecks: ['osd-e2e'] }, records)
 * // [{ name: 'osd-e2e', state: 'passed', url: 'https://ci/4', change: {...}, reason: 'osd-e2e passed for 3f1c2a7' }]
 */
export function evaluateRequiredChecks(stage: Pick<Stage, 'requiredChecks'>, records: Pick<ConditionRecords, 'checks' | 'unverified'>): RequiredCheckVerdict[] {
  return (stage.requiredChecks ?? []).map((name): RequiredCheckVerdict => {
    const propertyKey = checkProperty(name);
    const untrusted = records.unverified.find((u) => u.what === 'check' && u.propertyKey === propertyKey);
    if (untrusted !== undefined) {
      return { name, state: 'unverified', integrity: untrusted.problem, reason: `The result of ${name} ${describeProblem(untrusted.problem)}; it counts again with the next result the provider reports` };
    }
    const record = records.checks !== undefined && Object.hasOwn(records.checks, propertyKey) ? records.checks[propertyKey] : undefined;
    if (record === undefined) return { name, state: 'missing', reason: `${name} has not reported a result for the ticket's merge or pull request` };
    const { source } = record;
    const base = { name, ...(record.url !== undefined && { url: record.url }), change: { provider: source.kind, url: source.url, headSha: source.headSha } };
    const head = source.headSha.slice(0, 7);
    if (record.headMoved !== undefined && isStaleForHead(source, record.headMoved.headSha)) {
      return { ...base, state: 'stale', reason: `${name} ${SENTENCE[record.state]} for ${head}, but the ${CHANGE_NAME[source.kind]} has new commits since (${record.headMoved.headSha.slice(0, 7)}); it must pass for the new head` };
    }
    return { ...base, state: record.state, reason: `${name} ${SENTENCE[record.state]} for ${head}` };
  });
}

const ITEM: Readonly<Record<Exclude<RequiredCheckState, 'passed'>, string>> = {
  missing: 'has not run',
  failed: 'failed',
  pending: 'has not finished',
  skipped: 'was skipped',
  stale: 'is for an old commit',
  unverified: 'unverified',
};

/**
 * The short item a required check adds to a blocked stage's message, or undefined when it passed.
 *
 * @example
 * checkItem({ name: 'osd-e2e', state: 'missing', reason }) // 'check osd-e2e has not run'
 */
export function checkItem(verdict: RequiredCheckVerdict): string | undefined {
  return verdict.state === 'passed' ? undefined : `check ${verdict.name} ${ITEM[verdict.state]}`;
}

/** What the app read from the provider for one required check of one ticket. */
export interface CheckReading {
  readonly issueId: string;
  /** The name as the stage requires it. */
  readonly name: string;
  /** The provider's latest result of that name for the head commit. */
  readonly result: CheckResult;
  readonly change: { readonly provider: 'gitlab' | 'github'; readonly url: string; readonly headSha: string };
  /** The provider's name (GitLab, GitHub): the author of the record. */
  readonly by: string;
  readonly at: string;
}

/**
 * The check record for what the provider reported, or undefined when the record written last already says the same
 * (same state, run and head), so a repeated delivery writes nothing.
 *
 * @example
 * checkRecordOf({ issueId: '10001', name: 'osd-e2e', result: { name: 'osd-e2e', state: 'passed', url }, change, by: 'GitHub', at }, undefined)
 * // { kind: 'check', issueId: '10001', name: 'osd-e2e', state: 'passed', url, source: { kind: 'github', ... }, by: 'GitHub', at }
 */
export function checkRecordOf(reading: CheckReading, written: CheckRecord | undefined): CheckRecord | undefined {
  const { issueId, name, result, change, by, at } = reading;
  const source = { kind: change.provider, url: change.url, headSha: change.headSha.toLowerCase() };
  const same = written !== undefined && written.headMoved === undefined && written.state === result.state && written.url === result.url && written.source.url === source.url && written.source.headSha === source.headSha;
  if (same) return undefined;
  return { kind: 'check', issueId, name, state: result.state, ...(result.url !== undefined && { url: result.url }), source, by, at };
}
