import type { TeamState } from '../../../src/gate/verdict';

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
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
