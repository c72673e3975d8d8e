import type { GateConfigV2 as GateConfig, NumberSpec } from '../../src/gate/v2/config';
import { describeLimits, numberProblem, readTypedNumber } from '../../src/gate/number-rules';
import { listInWords } from '../../static/panel/src/gate-words';
import { keyFromName, removeItem, renameKey, scratchConfig, withOptional } from '../../static/settings/src/draft';
import { describePath } from '../../static/settings/src/error-paths';
import type { StageChoices } from '../../src/contract';
import { describeChoice, savedChoice, stageOptions } from '../../static/validator-config/src/stage-choice';

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
      { key: 'sre-p', name: 'SRE-P', area: 'engineering', groups: ['golive-sre-p'], description: '', applies: { when: 'always' }, minApprovals: 1 },
      { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'], description: '', applies: { when: 'always' }, minApprovals: 1 },
    ],
    stages: [
      { key: 'promote', name: 'Promote', description: '', teams: [{ team: 'sre-p' }], numbers: ['capacity'], carryOver: [] },
      { key: 'go-live', name: 'Go live', description: '', teams: [{ team: 'sre-p' }, { team: 'cee', minApprovals: 2 }], numbers: [], carryOver: ['promote'] },
    ],
    numbers: [{ key: 'capacity', label: 'Capacity', description: '', unit: '', integer: true, signedOffBy: 'cee' }],
    items: [
      { key: 'runbook', section: 'Ops', text: 'Runbook?', kind: 'link', requiredFor: ['go-live'], reviewedBy: 'cee' },
      { key: 'signal', section: 'Signal', text: 'Signal?', kind: 'text', requiredFor: ['go-live'], reviewedBy: 'sre-p', agreedBy: ['cee'] },
    ],
  };

  test('renaming a team key renames every reference to it', () => {
    const renamed = renameKey(config, 'teams', 1, 'cee-team');
    expect(renamed.stages[1]?.teams).toEqual([{ team: 'sre-p' }, { team: 'cee-team', minApprovals: 2 }]);
    expect(renamed.numbers[0]?.signedOffBy).toBe('cee-team');
    expect(renamed.items[0]?.reviewedBy).toBe('cee-team');
    expect(renamed.items[1]?.agreedBy).toEqual(['cee-team']);
  });

  test('removing a team removes it from stages and items', () => {
    const removed = removeItem(config, 'teams', 1);
    expect(removed.teams.map((t) => t.key)).toEqual(['sre-p']);
    expect(removed.stages[1]?.teams).toEqual([{ team: 'sre-p' }]);
    expect(removed.items[0]).not.toHaveProperty('reviewedBy');
    expect(removed.items[1]).not.toHaveProperty('agreedBy');
  });

  test('renaming a stage key renames the items that need it and the stages that carry its approvals over', () => {
    const renamed = renameKey(config, 'stages', 0, 'early');
    expect(renamed.stages[1]?.carryOver).toEqual(['early']);
    expect(renameKey(config, 'stages', 1, 'ga').items[0]?.requiredFor).toEqual(['ga']);
  });

  test('removing a stage removes it from the carry-over of later stages', () => {
    expect(removeItem(config, 'stages', 0).stages[0]?.carryOver).toEqual([]);
  });

  test('removing a number removes it from the stages that need it', () => {
    expect(removeItem(config, 'numbers', 0).stages[0]?.numbers).toEqual([]);
  });

  test('an optional value is left out rather than stored as undefined', () => {
    const spec: NumberSpec = { key: 'capacity', label: 'Capacity', description: '', unit: '', integer: true, signedOffBy: 'cee' };
    expect(withOptional(spec, 'min', 3)).toHaveProperty('min', 3);
    expect(Object.keys(withOptional({ ...spec, min: 3 }, 'min', undefined))).not.toContain('min');
  });

  test('derives keys from names', () => {
    expect(keyFromName('OCM PM')).toBe('ocm-pm');
    expect(keyFromName('2nd line: Support!')).toBe('nd-line-support');
  });

  test('describes field-error paths in words', () => {
    expect(describePath(config, 'stages.1.teams.1.minApprovals')).toBe('Stage 2 (Go live) › Teams › 2 › Approvers who must agree');
    expect(describePath(config, 'items.0.options')).toBe('Item 1 (runbook) › Options');
    expect(describePath(config, 'teams.1.groups')).toBe('Team 2 (CEE) › Groups');
    expect(describePath(config, 'policies.overrideGroups')).toBe('Policies › Override groups');
    expect(describePath(config, '(root)')).toBe('Configuration');
  });
});

describe('savedChoice', () => {
  test('reads the stage of a saved validator configuration, as the object Jira hands back or as its JSON string', () => {
    expect(savedChoice({ stage: 'go-live' })).toEqual({ kind: 'stage', stage: 'go-live' });
    expect(savedChoice('{"stage":"go-live"}')).toEqual({ kind: 'stage', stage: 'go-live' });
  });

  test('reads a configuration without a stage as "each project\'s strictest stage"', () => {
    expect(savedChoice({})).toEqual({ kind: 'strictest' });
  });

  test('treats anything unreadable as nothing saved yet', () => {
    for (const saved of [undefined, null, '', '{not json', '{"stage":""}', 42]) expect(savedChoice(saved)).toEqual({ kind: 'none' });
  });
});

describe('choosing the stage of a shared workflow', () => {
  const stage = (key: string, name: string) => ({ key, name });
  const choices: StageChoices = {
    projects: [
      { id: '1', key: 'KUBE', name: 'Kubernetes', stages: [stage('alpha', 'Alpha'), stage('go-live', 'Go live'), stage('ga', 'GA')], strictestStage: stage('ga', 'GA') },
      { id: '2', key: 'SKU', name: 'SKU', stages: [stage('promote-to-prod', 'Promote to prod'), stage('go-live', 'Go live')], strictestStage: stage('go-live', 'Go live') },
    ],
    commonStages: ['go-live'],
  };

  test('offers the stages every project has first, and says which projects lack the others', () => {
    expect(stageOptions(choices).map((o) => [o.key, o.missingIn])).toEqual([
      ['go-live', []],
      ['alpha', ['SKU']],
      ['ga', ['SKU']],
      ['promote-to-prod', ['KUBE']],
    ]);
  });

  test('says truthfully what an unset stage does: the validator enforces each project\'s strictest stage', () => {
    expect(describeChoice(choices, { kind: 'none' })).toBe('No stage chosen yet: until one is, this validator enforces each project’s strictest stage (KUBE: GA, SKU: Go live).');
    expect(describeChoice(choices, { kind: 'strictest' })).toBe('Enforces each project’s strictest stage: KUBE: GA, SKU: Go live.');
  });

  test('warns that a stage missing from a project refuses the transition there', () => {
    expect(describeChoice(choices, { kind: 'stage', stage: 'ga' })).toBe(
      'Blocks the transition until the GA stage is ready in KUBE. SKU has no stage "ga": the transition is refused there until a Jira admin fixes the validator or the project adds the stage.',
    );
    expect(describeChoice(choices, { kind: 'stage', stage: 'go-live' })).toBe('Blocks the transition until the Go live stage is ready in KUBE, SKU.');
  });

  test('names the stage a removed stage was mapped to when a template or an import changed the stages', () => {
    const mapped: StageChoices = {
      ...choices,
      projects: choices.projects.map((p) => (p.key === 'SKU' ? { ...p, stageAliases: [{ from: 'ga', to: { key: 'go-live', name: 'Go live' } }] } : p)),
    };
    expect(describeChoice(mapped, { kind: 'stage', stage: 'ga' })).toBe('Blocks the transition until the GA stage is ready in KUBE. In SKU, where the stages changed, it enforces Go live instead.');
  });
});
