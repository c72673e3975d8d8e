import type { GateConfig, NumberSpec } from '../../src/gate/config';
import { describeLimits, numberProblem, readTypedNumber } from '../../src/gate/number-rules';
import { listInWords } from '../../static/panel/src/gate-words';
import { keyFromName, removeItem, renameKey, scratchConfig, withOptional } from '../../static/settings/src/draft';
import { describePath } from '../../static/settings/src/error-paths';
import { stageFromConfig } from '../../static/validator-config/src/stage-choice';

// The UI's pure rules: how typed numbers are checked, how configuration edits keep references.

describe('listInWords', () => {
  test('joins lists the way people write them', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['CEE'])).toBe('CEE');
    expect(listInWords(['CEE', 'OCM PM', 'SRE-P'])).toBe('CEE, OCM PM and SRE-P');
  });
});

describe('readTypedNumber', () => {
  const capacity = { key: 'capacity', label: 'Capacity', unit: 'req/s', integer: true, min: 0, max: 100_000, signedOffBy: 'sre-p' };

  test('refuses values out of range with the words the gate uses', () => {
    expect(readTypedNumber(capacity, '-5')).toEqual({ ok: false, message: 'Must be at least 0' });
    expect(readTypedNumber(capacity, '100001')).toEqual({ ok: false, message: 'Must be at most 100000' });
    expect(numberProblem(capacity, -5)).toBe('must be at least 0');
  });

  test('refuses fractions for whole numbers and text that is not a number', () => {
    expect(readTypedNumber(capacity, '2.5')).toEqual({ ok: false, message: 'Must be a whole number' });
    expect(readTypedNumber(capacity, 'lots')).toEqual({ ok: false, message: 'Enter Capacity as a number in req/s' });
  });

  test('accepts values in range and treats empty as not recorded', () => {
    expect(readTypedNumber(capacity, ' 250 ')).toEqual({ ok: true, value: 250 });
    expect(readTypedNumber(capacity, '')).toEqual({ ok: true, value: undefined });
    expect(readTypedNumber({ ...capacity, integer: false }, '2.5')).toEqual({ ok: true, value: 2.5 });
  });

  test('describes the limits before anyone types', () => {
    expect(describeLimits(capacity)).toBe('Whole number from 0 to 100000 req/s');
    expect(describeLimits({ key: 'velocity', label: 'Velocity', unit: '', integer: false, signedOffBy: 'sre-p' })).toBe('Number');
  });
});

describe('configuration edits', () => {
  const config: GateConfig = {
    ...scratchConfig(4),
    teams: [
      { key: 'sre-p', name: 'SRE-P', area: 'engineering', groups: ['golive-sre-p'], description: '' },
      { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'], description: '' },
    ],
    stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['sre-p', 'cee'], requiredNumbers: [] }],
    numbers: [{ key: 'capacity', label: 'Capacity', unit: '', integer: true, signedOffBy: 'cee' }],
    questions: [{ key: 'runbook', section: 'Ops', text: 'Runbook?', requiredFor: ['go-live'], reviewedBy: 'cee' }],
  };

  test('renaming a team key renames every reference to it', () => {
    const renamed = renameKey(config, 'teams', 1, 'cee-team');
    expect(renamed.stages[0]?.requiredTeams).toEqual(['sre-p', 'cee-team']);
    expect(renamed.numbers[0]?.signedOffBy).toBe('cee-team');
    expect(renamed.questions[0]?.reviewedBy).toBe('cee-team');
  });

  test('removing a team removes it from stages and questions', () => {
    const removed = removeItem(config, 'teams', 1);
    expect(removed.teams.map((t) => t.key)).toEqual(['sre-p']);
    expect(removed.stages[0]?.requiredTeams).toEqual(['sre-p']);
    expect(removed.questions[0]).not.toHaveProperty('reviewedBy');
  });

  test('renaming a stage key renames the questions that need it', () => {
    expect(renameKey(config, 'stages', 0, 'ga').questions[0]?.requiredFor).toEqual(['ga']);
  });

  test('an optional value is left out rather than stored as undefined', () => {
    const spec: NumberSpec = { key: 'capacity', label: 'Capacity', unit: '', integer: true, signedOffBy: 'cee' };
    expect(withOptional(spec, 'min', 3)).toHaveProperty('min', 3);
    expect(Object.keys(withOptional({ ...spec, min: 3 }, 'min', undefined))).not.toContain('min');
  });

  test('derives keys from names', () => {
    expect(keyFromName('OCM PM')).toBe('ocm-pm');
    expect(keyFromName('2nd line: Support!')).toBe('nd-line-support');
  });

  test('describes field-error paths in words', () => {
    expect(describePath(config, 'stages.0.requiredTeams.1')).toBe('Stage 1 (Go live) › Required teams › 2');
    expect(describePath(config, 'teams.1.groups')).toBe('Team 2 (CEE) › Groups');
    expect(describePath(config, 'policies.overrideGroups')).toBe('Policies › Override groups');
    expect(describePath(config, '(root)')).toBe('Configuration');
  });
});

describe('stageFromConfig', () => {
  test('reads the stage of a saved validator configuration', () => {
    expect(stageFromConfig('{"stage":"go-live"}')).toBe('go-live');
  });

  test('treats anything unreadable as no stage chosen', () => {
    expect(stageFromConfig(undefined)).toBeUndefined();
    expect(stageFromConfig('')).toBeUndefined();
    expect(stageFromConfig('{not json')).toBeUndefined();
    expect(stageFromConfig('{"stage":""}')).toBeUndefined();
    expect(stageFromConfig(42)).toBeUndefined();
  });
});
