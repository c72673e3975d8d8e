import type { GateConfig } from './config';
import { coveredDigests, coveredNumbers } from './coverage';
import { canonicalJson, sha256Hex } from './digest';
import { templateConfig } from '../../test/support/v1-templates';

const addon = templateConfig('managed-addon') as GateConfig;
const prr = templateConfig('kubernetes-prr') as GateConfig;

describe('coveredDigests', () => {
  it('covers only the numbers the team signs off', () => {
    expect(coveredDigests(addon, 'sre-p', { capacity: 500, velocity: 20, unrelated: 1 }, undefined)).toEqual({
      numbers: sha256Hex(canonicalJson({ capacity: 500, velocity: 20 })),
    });
  });

  it('gives a team that covers nothing no digest at all', () => {
    expect(coveredDigests(addon, 'cee', { capacity: 500, velocity: 20 }, { anything: 'x' })).toEqual({});
  });

  it('changes when a covered number is first recorded or changed, not when another one is', () => {
    const none = coveredDigests(addon, 'sre-p', undefined, undefined);
    const some = coveredDigests(addon, 'sre-p', { capacity: 500 }, undefined);
    expect(none).toEqual({ numbers: sha256Hex('{}') });
    expect(some.numbers).not.toBe(none.numbers);
    expect(coveredDigests(addon, 'sre-p', { capacity: 500, other: 3 }, undefined)).toEqual(some);
    expect(coveredDigests(addon, 'sre-p', { capacity: 501 }, undefined)).not.toEqual(some);
  });

  it('covers each number’s basis with it, and a record without bases exactly as before bases existed', () => {
    const values = { capacity: 500, velocity: 20 };
    expect(coveredDigests(addon, 'sre-p', coveredNumbers({ values }), undefined)).toEqual({ numbers: sha256Hex(canonicalJson(values)) });
    const withBasis = coveredDigests(addon, 'sre-p', coveredNumbers({ values, basis: { capacity: { costOfService: '2 clusters' } } }), undefined);
    expect(withBasis.numbers).not.toBe(sha256Hex(canonicalJson(values)));
    expect(coveredDigests(addon, 'sre-p', coveredNumbers({ values, basis: { capacity: { costOfService: '3 clusters' } } }), undefined)).not.toEqual(withBasis);
    expect(coveredDigests(addon, 'cee', coveredNumbers({ values, basis: { capacity: { notes: 'x' } } }), undefined)).toEqual({});
  });

  it('covers the answers the team reviews', () => {
    const answers = { 'enable-disable': 'feature gate', 'failure-modes': 'none known' };
    expect(coveredDigests(prr, 'prr', undefined, answers)).toEqual({ answers: sha256Hex(canonicalJson(answers)) });
    expect(coveredDigests(prr, 'owning-sig', undefined, answers)).toEqual({});
  });
});
