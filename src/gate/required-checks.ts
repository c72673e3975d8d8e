import type { CheckResult, CheckState } from './provider-refs';

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

/** What a required check says for the head commit, with a sentence for the panel. */
export interface RequiredCheckVerdict {
  readonly name: string;
  readonly state: CheckState | 'missing';
  readonly url?: string | undefined;
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
