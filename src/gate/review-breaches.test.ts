import type { GateConfig } from './config';
import { reviewBreaches } from './review-breaches';
import { templateConfig } from '../../test/support/v1-templates';

const config = templateConfig('managed-addon') as GateConfig;
const ticket = (key: string, summary: unknown) => ({ key, title: `Add-on ${key}`, created: '2026-11-01T10:00:00Z', status: 'Live', done: true, summary });

describe('breaches on the reviews page', () => {
  it('lists the tickets whose usage is above what was agreed, in words', () => {
    const tickets = [
      ticket('SKU-4', { numbers: { capacity: 100, velocity: 10 }, usage: { capacity: 120, velocity: 3 }, breached: ['capacity'] }),
      ticket('SKU-5', { numbers: { capacity: 100 }, usage: { capacity: 90 }, breached: [] }),
      ticket('SKU-6', { status: 'blocked' }),
      ticket('SKU-7', 'hand-edited'),
    ];
    expect(reviewBreaches(config, tickets)).toEqual([{ key: 'SKU-4', title: 'Add-on SKU-4', breaches: ['Capacity breached: 120 customers measured, 100 customers agreed'] }]);
  });
});
