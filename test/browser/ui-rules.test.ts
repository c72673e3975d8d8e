import type { GateConfig, NumberSpec } from '../../src/gate/config';
import type { TeamVerdict, Verdict } from '../../src/gate/verdict';
import { checkNumber, describeLimits } from '../../static/panel/src/number-input';
import { listInWords, verdictInWords } from '../../static/panel/src/gate-words';
import { keyFromName, removeTeam, renameStage, renameTeam, scratchConfig, withOptional } from '../../static/settings/src/draft';
import { describePath } from '../../static/settings/src/error-paths';
import { stageFromConfig } from '../../static/validator-config/src/stage-choice';

// The UI's pure rules: how verdicts read, how typed numbers are checked, how configuration edits keep references.

const team = (key: string, name: string, state: TeamVerdict['state']): TeamVerdict => ({ team: key, name, area: 'engineering', state, reason: `${name} ${state}` });
const verdict = (patch: Partial<Verdict>): Verdict => ({
  stage: 'go-live', stageName: 'Go live', allowed: false, overridden: false, teams: [], numbers: [], questions: [], missing: [], reasons: [], message: 'Go live blocked', ...patch,
});

describe('verdictInWords', () => {
  test('names the teams a blocked stage waits on and what else is missing', () => {
    const goLive = verdict({ teams: [team('sre-p', 'SRE-P', 'approved'), team('cee', 'CEE', 'pending'), team('ocm-pm', 'OCM PM', 'stale')], missing: ['CEE', 'OCM PM', 'capacity not recorded'] });
    expect(verdictInWords(goLive)).toBe('Go live: blocked, waiting on CEE and OCM PM; capacity not recorded');
  });

  test('says who declined apart from who has not decided', () => {
    const goLive = verdict({ teams: [team('cee', 'CEE', 'declined'), team('sre-p', 'SRE-P', 'pending')], missing: ['CEE', 'SRE-P'] });
    expect(verdictInWords(goLive)).toBe('Go live: blocked, declined by CEE; waiting on SRE-P');
  });

  test('counts the teams instead of naming more than four', () => {
    const teams = ['a', 'b', 'c', 'd', 'e'].map((key) => team(key, key.toUpperCase(), 'pending'));
    expect(verdictInWords(verdict({ teams, missing: teams.map((t) => t.name) }))).toBe('Go live: blocked, waiting on 5 teams');
  });

  test('reads ready and overridden stages plainly', () => {
    expect(verdictInWords(verdict({ stageName: 'Promote to prod', allowed: true }))).toBe('Promote to prod: ready');
    expect(verdictInWords(verdict({ allowed: true, overridden: true }))).toBe('Go live: overridden');
  });

  test('joins lists the way people write them', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['CEE'])).toBe('CEE');
    expect(listInWords(['CEE', 'OCM PM', 'SRE-P'])).toBe('CEE, OCM PM and SRE-P');
  });
});

describe('checkNumber', () => {
  const capacity = { key: 'capacity', label: 'Capacity', unit: 'req/s', integer: true, min: 0, max: 100_000, signedOffBy: 'sre-p' };

  test('refuses values out of range with the limit and unit', () => {
    expect(checkNumber(capacity, '-5')).toEqual({ ok: false, message: 'Must be at least 0 req/s' });
    expect(checkNumber(capacity, '100001')).toEqual({ ok: false, message: 'Must be at most 100000 req/s' });
  });

  test('refuses fractions for whole numbers and text that is not a number', () => {
    expect(checkNumber(capacity, '2.5')).toEqual({ ok: false, message: 'Must be a whole number' });
    expect(checkNumber(capacity, 'lots')).toEqual({ ok: false, message: 'Enter Capacity as a number in req/s' });
  });

  test('accepts values in range and treats empty as not recorded', () => {
    expect(checkNumber(capacity, ' 250 ')).toEqual({ ok: true, value: 250 });
    expect(checkNumber(capacity, '')).toEqual({ ok: true, value: undefined });
    expect(checkNumber({ ...capacity, integer: false }, '2.5')).toEqual({ ok: true, value: 2.5 });
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
    const renamed = renameTeam(config, 1, 'cee-team');
    expect(renamed.stages[0]?.requiredTeams).toEqual(['sre-p', 'cee-team']);
    expect(renamed.numbers[0]?.signedOffBy).toBe('cee-team');
    expect(renamed.questions[0]?.reviewedBy).toBe('cee-team');
  });

  test('removing a team removes it from stages and questions', () => {
    const removed = removeTeam(config, 1);
    expect(removed.teams.map((t) => t.key)).toEqual(['sre-p']);
    expect(removed.stages[0]?.requiredTeams).toEqual(['sre-p']);
    expect(removed.questions[0]).not.toHaveProperty('reviewedBy');
  });

  test('renaming a stage key renames the questions that need it', () => {
    expect(renameStage(config, 0, 'ga').questions[0]?.requiredFor).toEqual(['ga']);
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
