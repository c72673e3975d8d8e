import fc from 'fast-check';
import { parseGateConfig } from './config';
import type { GateConfigInput } from './config';
import { templateConfig } from '../../test/support/v1-templates';

const team = (key: string) => ({ key, name: key.toUpperCase(), area: 'service-support' as const, groups: [`golive-${key}`] });
const base = (): GateConfigInput => ({
  teams: [team('sre-p'), team('cee')],
  stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['sre-p', 'cee'], requiredNumbers: ['capacity'] }],
  numbers: [{ key: 'capacity', label: 'Capacity', signedOffBy: 'sre-p', min: 1 }],
  questions: [{ key: 'rollback', section: 'Rollback', text: 'How do you roll back?', requiredFor: ['go-live'], reviewedBy: 'sre-p' }],
});

describe('parseGateConfig', () => {
  it('accepts both templates and fills in the defaults', () => {
    expect(parseGateConfig(templateConfig('managed-addon')).ok).toBe(true);
    expect(parseGateConfig(templateConfig('kubernetes-prr')).ok).toBe(true);
    const parsed = parseGateConfig(base());
    expect(parsed.ok && parsed.value.policies).toEqual({
      reporterMayApprove: false,
      onePersonOneTeam: true,
      overrideGroups: [],
      allowEmptyStages: false,
      recheckApproversAtTransition: true,
      reAddedTeamsKeepApprovals: false,
    });
    expect(parsed.ok && parsed.value.version).toBe(0);
  });

  it('names every broken cross reference', () => {
    const config = base();
    config.stages = [{ key: 'go-live', name: 'Go live', requiredTeams: ['sre-p', 'ocm-pm'], requiredNumbers: ['velocity'] }];
    config.numbers = [{ key: 'capacity', label: 'Capacity', signedOffBy: 'prr', min: 5, max: 1 }];
    config.questions = [{ key: 'rollback', section: 'Rollback', text: 'How?', requiredFor: ['ga'], reviewedBy: 'sig' }];
    expect(parseGateConfig(config)).toEqual({
      ok: false,
      errors: [
        { path: 'stages.0.requiredTeams.1', message: 'no team has the key "ocm-pm"' },
        { path: 'stages.0.requiredNumbers.0', message: 'no number has the key "velocity"' },
        { path: 'numbers.0.signedOffBy', message: 'no team has the key "prr"' },
        { path: 'numbers.0.max', message: 'must not be below the minimum' },
        { path: 'questions.0.requiredFor.0', message: 'no stage has the key "ga"' },
        { path: 'questions.0.reviewedBy', message: 'no team has the key "sig"' },
      ],
    });
  });

  it('refuses two teams with one key', () => {
    const config = base();
    config.teams = [team('cee'), team('sre-p'), team('cee')];
    expect(parseGateConfig(config)).toEqual({
      ok: false,
      errors: [
        { path: 'teams.0.key', message: 'another team already uses the key "cee"' },
        { path: 'teams.2.key', message: 'another team already uses the key "cee"' },
      ],
    });
  });

  it('lists shape errors and broken cross references of one import together', () => {
    const config = { ...base(), teams: [team('sre-p'), { ...team('cee'), name: '' }], unknown: true } as unknown;
    const stages = [{ key: 'go-live', name: 'Go live', requiredTeams: ['sre-p', 'ocm-pm'] }];
    const parsed = parseGateConfig({ ...(config as object), stages });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual(
      expect.arrayContaining([
        { path: 'teams.1.name', message: 'is required' },
        { path: '(root)', message: expect.stringContaining('unknown') as unknown },
        { path: 'stages.0.requiredTeams.1', message: 'no team has the key "ocm-pm"' },
      ]),
    );
  });

  it('answers anything that is not a configuration with errors, never an exception', () => {
    for (const input of [null, 42, 'config', [], { teams: 'all' }, { teams: [null], stages: [{ requiredTeams: 7 }] }]) {
      const parsed = parseGateConfig(input);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('the rules a save must satisfy', () => {
  const invisibleNames = fc.array(fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3164', ' ', '.', '-'), { minLength: 1, maxLength: 20 }).map((c) => c.join(''));

  it('refuses team, stage, group and label names without a visible letter or digit, naming each field', () => {
    fc.assert(
      fc.property(invisibleNames, (name) => {
        const config = base();
        config.teams = [{ ...team('sre-p'), name, groups: [name] }, team('cee')];
        config.stages = [{ key: 'go-live', name, requiredTeams: ['sre-p', 'cee'] }];
        config.numbers = [{ key: 'capacity', label: name, signedOffBy: 'sre-p' }];
        config.policies = { overrideGroups: [name] };
        const parsed = parseGateConfig(config);
        const paths = parsed.ok ? [] : parsed.errors.map((e) => e.path);
        return ['teams.0.name', 'teams.0.groups.0', 'stages.0.name', 'numbers.0.label', 'policies.overrideGroups.0'].every((path) => paths.includes(path));
      }),
    );
  });

  it('says only "is required" about an empty name', () => {
    const config = base();
    config.teams = [{ ...team('sre-p'), name: '' }, team('cee')];
    expect(parseGateConfig(config)).toEqual({ ok: false, errors: [{ path: 'teams.0.name', message: 'is required' }] });
  });

  it('accepts names in any script', () => {
    const config = base();
    config.teams = [{ ...team('sre-p'), name: 'Équipe fiabilité', groups: ['ジーエス'] }, team('cee')];
    expect(parseGateConfig(config).ok).toBe(true);
  });

  it('refuses a stage that requires nothing, unless the policies allow empty stages', () => {
    const config = base();
    config.stages = [...(config.stages ?? []), { key: 'launch', name: 'Launch', requiredTeams: [] }];
    expect(parseGateConfig(config)).toEqual({
      ok: false,
      errors: [{ path: 'stages.1.requiredTeams', message: 'require at least one team, number or question: a stage that requires nothing would pass every ticket' }],
    });
    expect(parseGateConfig({ ...config, policies: { allowEmptyStages: true } }).ok).toBe(true);
    const asked = { ...config, questions: [...(config.questions ?? []), { key: 'ready', section: 'Launch', text: 'Ready?', requiredFor: ['launch'] }] };
    expect(parseGateConfig(asked).ok).toBe(true);
  });

  it('imports a file exported before the new policies, with the new policies at their defaults', () => {
    const parsed = parseGateConfig({ ...base(), schemaVersion: 1, policies: { reporterMayApprove: true, onePersonOneTeam: true, overrideGroups: [] } });
    expect(parsed.ok && parsed.value.schemaVersion).toBe(1);
    expect(parsed.ok && parsed.value.policies).toMatchObject({ reporterMayApprove: true, allowEmptyStages: false, recheckApproversAtTransition: true });
  });
});
