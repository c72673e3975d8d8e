import type { GateConfig } from './config';
import { checkAnswers, checkNumbers } from './input-checks';
import { templateConfig } from '../../test/support/v1-templates';

const addon = templateConfig('managed-addon') as GateConfig;
const prr = templateConfig('kubernetes-prr') as GateConfig;

describe('checkNumbers', () => {
  it('accepts valid numbers', () => {
    expect(checkNumbers(addon, { capacity: 500, velocity: 0 })).toEqual([]);
  });

  it('names every field that is unknown, not whole, below the minimum or above the maximum', () => {
    const bounded = { ...addon, numbers: addon.numbers.map((n) => (n.key === 'velocity' ? { ...n, max: 100 } : n)) };
    expect(checkNumbers(bounded, { capacity: 0, velocity: 101, speed: 3 })).toEqual([
      { path: 'values.capacity', message: 'must be at least 1' },
      { path: 'values.velocity', message: 'must be at most 100' },
      { path: 'values.speed', message: 'no number has the key "speed"' },
    ]);
    expect(checkNumbers(addon, { capacity: 2.5, velocity: Number.POSITIVE_INFINITY })).toEqual([
      { path: 'values.capacity', message: 'must be a whole number' },
      { path: 'values.velocity', message: 'must be a number' },
    ]);
  });

  it('accepts a fraction for a number that need not be whole', () => {
    const fractional = { ...addon, numbers: addon.numbers.map((n) => ({ ...n, integer: false })) };
    expect(checkNumbers(fractional, { capacity: 2.5 })).toEqual([]);
  });
});

describe('checkAnswers', () => {
  it('names answers to questions that do not exist and answers that are too long', () => {
    expect(checkAnswers(prr, { 'enable-disable': 'feature gate', typo: 'x', slos: 'y'.repeat(4001) })).toEqual([
      { path: 'answers.typo', message: 'no question has the key "typo"' },
      { path: 'answers.slos', message: 'is at most 4000 characters' },
    ]);
    expect(checkAnswers(prr, { 'enable-disable': '' })).toEqual([]);
  });
});
