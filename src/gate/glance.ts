import type { Verdict } from './verdict';

export type StageStatus = 'ready' | 'blocked' | 'overridden';

/**
 * A stage's verdict in one word: the panel's matrix and the glance say it the same way.
 *
 * @example
 * stageStatus({ ...verdict, allowed: false, overridden: false }) // 'blocked'
 */
export function stageStatus(verdict: Pick<Verdict, 'allowed' | 'overridden'>): StageStatus {
  if (verdict.overridden) return 'overridden';
  return verdict.allowed ? 'ready' : 'blocked';
}

/**
 * The gate at a glance, for the sidebar ("Go-Live Gate · Promote to prod: 2 of 4 · blocked"): a stage and how
 * many of its teams approved, then its status; the stage's name and the status are the words the validator's message
 * starts with ("Promote to prod blocked: ..."). A stage no team gates is its name alone.
 *
 * @example
 * stageProgress(promoteToProdVerdict) // 'Promote to prod: 2 of 4'
 */
export function stageProgress(verdict: Pick<Verdict, 'stageName'> & { readonly teams: readonly { readonly state: string }[] }): string {
  // Model v2: a team the ticket does not need is not counted; one waived on the ticket counts as done.
  const required = verdict.teams.filter((t) => t.state !== 'not-required');
  const done = required.filter((t) => t.state === 'approved' || t.state === 'waived').length;
  return required.length === 0 ? verdict.stageName : `${verdict.stageName}: ${done} of ${required.length}`;
}
