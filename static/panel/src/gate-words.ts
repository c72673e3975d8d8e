import type { TeamState, Verdict, IntegrityProblem } from '../../../src/gate/verdict';

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** Beyond this many, the headline counts the teams; the card below names each one. */
const MAX_NAMED_TEAMS = 4;

/**
 * One line that says where a stage stands.
 * @example verdictInWords(goLive) // "Go live: blocked, waiting on CEE and OCM PM; capacity not recorded"
 */
export function verdictInWords(verdict: Verdict): string {
  if (verdict.overridden) return `${verdict.stageName}: overridden`;
  if (verdict.allowed) return `${verdict.stageName}: ready`;
  const declined = verdict.teams.filter((t) => t.state === 'declined').map((t) => t.name);
  const waiting = verdict.teams.filter((t) => t.state !== 'approved' && t.state !== 'declined').map((t) => t.name);
  const teamNames = new Set(verdict.teams.map((t) => t.name));
  const other = verdict.missing.filter((m) => !teamNames.has(m));
  const parts = [
    ...(declined.length > 0 ? [`declined by ${listInWords(declined)}`] : []),
    ...(waiting.length > 0 ? [`waiting on ${waiting.length > MAX_NAMED_TEAMS ? `${waiting.length} teams` : listInWords(waiting)}`] : []),
    ...other,
  ];
  return parts.length > 0 ? `${verdict.stageName}: blocked, ${parts.join('; ')}` : verdict.message;
}

export const STATE_LABELS: Readonly<Record<TeamState, string>> = {
  approved: 'Approved',
  declined: 'Declined',
  pending: 'Pending',
  stale: 'Stale',
  expired: 'Expired',
  unverified: 'Unverified',
};

export const STATE_APPEARANCE: Readonly<Record<TeamState, string>> = {
  approved: 'success',
  declined: 'danger',
  pending: 'neutral',
  stale: 'warning',
  expired: 'warning',
  unverified: 'discovery',
};

export const PROBLEM_WORDS: Readonly<Record<IntegrityProblem, string>> = {
  'no-digest': 'was not written by the app (created or copied outside it)',
  'digest-mismatch': 'was edited outside the app',
  deleted: 'was deleted outside the app',
  malformed: 'is not a record the app understands',
  'wrong-issue': 'was written for another issue',
};
