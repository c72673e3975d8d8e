import fc from 'fast-check';
import type { GateConfig } from './config';
import { breachInWords, checkUsage, commitments, mayRecordUsage, usageRecord } from './commitments';
import { templateConfig } from '../../test/support/v1-templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';

describe('usage against commitments', () => {
  it('calls usage above the agreed capacity a breach, and at or below it within', () => {
    const [capacity, velocity] = commitments(config, { capacity: 100, velocity: 10 }, { capacity: 120, velocity: 10 });
    expect(capacity).toMatchObject({ number: 'capacity', agreed: 100, actual: 120, state: 'breached', signedOffBy: 'sre-p' });
    expect(velocity).toMatchObject({ number: 'velocity', agreed: 10, actual: 10, state: 'within' });
    expect(breachInWords(capacity ?? fail())).toBe('Capacity breached: 120 customers measured, 100 customers agreed');
  });

  it('tells usage without an agreed number from a number nobody measured', () => {
    expect(commitments(config, undefined, { capacity: 5 }).map((c) => c.state)).toEqual(['not-agreed', 'not-measured']);
  });

  it('is a breach exactly when the measured value is above the agreed one', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (agreed, actual) => {
        const [capacity] = commitments(config, { capacity: agreed }, { capacity: actual });
        expect(capacity?.state === 'breached').toBe(actual > agreed);
      }),
    );
  });

  it('refuses usage measured against an unknown number, negative, or fractional for a whole number', () => {
    expect(checkUsage(config, { capacity: -1, velocity: 2.5, speed: 3 })).toEqual([
      { path: 'values.capacity', message: 'must be at least 0' },
      { path: 'values.velocity', message: 'must be a whole number' },
      { path: 'values.speed', message: 'no number has the key "speed"' },
    ]);
    expect(checkUsage(config, {})).toEqual([{ path: 'values', message: 'name at least one measured value' }]);
  });

  it('merges a measurement into the last one and refuses one measured before it', () => {
    const first = usageRecord(undefined, { issueId: '10004', values: { capacity: 80, velocity: 5 }, measuredAt: T1, source: 'webtrigger', by: 'billing', at: T1 });
    expect(first?.values).toEqual({ capacity: 80, velocity: 5 });
    expect(usageRecord(first, { issueId: '10004', values: { capacity: 90 }, measuredAt: T1, source: 'panel', by: 'acc-sre-p', at: T1 })?.values).toEqual({ capacity: 90, velocity: 5 });
    expect(usageRecord(first, { issueId: '10004', values: { capacity: 1 }, measuredAt: T0, source: 'webtrigger', by: 'billing', at: T1 })).toBeUndefined();
  });

  it('lets members of a gating team record usage, nobody else', () => {
    expect(mayRecordUsage(config, ['golive-sre-p'])).toBe(true);
    expect(mayRecordUsage(config, ['jira-users', 'golive-overriders'])).toBe(false);
  });
});
