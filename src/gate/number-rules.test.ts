import type { NumberSpec } from './config';
import { describeLimits, numberProblem, readTypedNumber, withUnit } from './number-rules';

const capacity: NumberSpec = { key: 'capacity', label: 'Capacity', unit: 'customers', integer: true, min: 1, max: 10_000, signedOffBy: 'sre-p' };

describe('number rules', () => {
  it('says what is wrong with a value, or nothing when it is valid', () => {
    expect([numberProblem(capacity, 0), numberProblem(capacity, 20_000), numberProblem(capacity, 2.5), numberProblem(capacity, Number.NaN)]).toEqual([
      'must be at least 1',
      'must be at most 10000',
      'must be a whole number',
      'must be a number',
    ]);
    expect(numberProblem(capacity, 500)).toBeUndefined();
  });

  it('reads typed text with the same words, as a sentence', () => {
    expect(readTypedNumber(capacity, '0')).toEqual({ ok: false, message: 'Must be at least 1' });
    expect(readTypedNumber(capacity, '1e3')).toEqual({ ok: true, value: 1000 });
    expect(readTypedNumber(capacity, 'many')).toEqual({ ok: false, message: 'Enter Capacity as a number in customers' });
  });

  it('writes values and limits with their unit', () => {
    expect(withUnit(500, 'customers')).toBe('500 customers');
    expect(withUnit(500, '')).toBe('500');
    expect(describeLimits(capacity)).toBe('Whole number from 1 to 10000 customers');
    expect(describeLimits({ key: 'capacity', label: 'Capacity', unit: 'customers', integer: true, min: 1, signedOffBy: 'sre-p' })).toBe('Whole number, at least 1 customers');
  });
});
