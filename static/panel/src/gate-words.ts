import type { TeamStateV2 } from '../../../src/gate/v2/verdict';

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export const STATE_LABELS: Readonly<Record<TeamStateV2, string>> = {
  approved: 'Approved',
  declined: 'Declined',
  pending: 'Pending',
  stale: 'Stale',
  expired: 'Expired',
  unverified: 'Unverified',
  waived: 'Not applicable',
  'not-required': 'Not required',
};

export const STATE_APPEARANCE: Readonly<Record<TeamStateV2, string>> = {
  approved: 'success',
  declined: 'danger',
  pending: 'neutral',
  stale: 'warning',
  expired: 'warning',
  unverified: 'discovery',
  waived: 'info',
  'not-required': 'neutral',
};
