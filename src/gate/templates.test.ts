import { DEFAULT_POLICIES, GateConfigSchema } from './config';
import { templateConfig } from '../../test/support/v1-templates';

describe('templates', () => {
  it.each(['managed-addon', 'kubernetes-prr'])('%s parses with the configuration schema', (key) => {
    const config = templateConfig(key);
    expect(GateConfigSchema.safeParse(config).success).toBe(true);
    expect(config?.template).toBe(key);
    expect(config?.version).toBe(0);
  });

  it('knows no other template', () => {
    expect(templateConfig('nope')).toBeUndefined();
    expect(templateConfig('toString')).toBeUndefined();
  });

  it('gives a fresh copy each time, so a caller cannot change the template', () => {
    const first = templateConfig('managed-addon');
    first?.teams.pop();
    expect(templateConfig('managed-addon')?.teams).toHaveLength(13);
  });

  it('models seed 000: thirteen teams in four areas, two stages, capacity and velocity signed off by SRE-P', () => {
    const config = templateConfig('managed-addon');
    expect(config?.teams.map((t) => [t.key, t.name, t.area, t.groups])).toEqual([
      ['layered-sre', 'Layered SRE', 'service-support', ['golive-layered-sre']],
      ['sre-p', 'SRE-P', 'service-support', ['golive-sre-p']],
      ['cee', 'CEE', 'service-support', ['golive-cee']],
      ['osd-e2e', 'OSD e2e', 'service-support', ['golive-osd-e2e']],
      ['osd-sre', 'OSD SRE', 'service-support', ['golive-osd-sre']],
      ['platform-payload', 'Platform & Payload', 'service-support', ['golive-platform-payload']],
      ['osd-rosa-pm', 'OSD/ROSA PM', 'pm-biz', ['golive-osd-rosa-pm']],
      ['ocm-pm', 'OCM PM', 'pm-biz', ['golive-ocm-pm']],
      ['addon-pm', 'Addon/Product PM', 'pm-biz', ['golive-addon-pm']],
      ['servicedev-a', 'ServiceDev A', 'spec-technical', ['golive-servicedev-a']],
      ['servicedev-b', 'ServiceDev B', 'spec-technical', ['golive-servicedev-b']],
      ['mt-sre', 'Managed Tenants SRE', 'spec-technical', ['golive-mt-sre']],
      ['dev-team', 'Dev team', 'engineering', ['golive-dev-team']],
    ]);
    expect(config?.teams.find((t) => t.key === 'cee')?.description).toBe('SBR & context + Docs + IMS');
    expect(config?.stages).toEqual([
      { key: 'promote-to-prod', name: 'Promote to prod', fromStatus: 'In Review', requiredTeams: ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'], requiredNumbers: [] },
      { key: 'go-live', name: 'Go live', fromStatus: 'In Production', requiredTeams: config?.teams.map((t) => t.key), requiredNumbers: ['capacity', 'velocity'] },
    ]);
    expect(config?.numbers).toEqual([
      { key: 'capacity', label: 'Capacity', unit: 'customers', integer: true, min: 1, signedOffBy: 'sre-p' },
      { key: 'velocity', label: 'Velocity', unit: 'new customers / week', integer: true, min: 0, signedOffBy: 'sre-p' },
    ]);
    expect(config?.questions).toEqual([]);
    expect(config?.policies).toEqual({ ...DEFAULT_POLICIES, overrideGroups: ['golive-overriders'] });
  });

  it('models seed 003: the questionnaire grows from alpha to GA and the owning SIG and PRR team approve every stage', () => {
    const config = templateConfig('kubernetes-prr');
    expect(config?.teams.map((t) => [t.key, t.area, t.groups])).toEqual([
      ['owning-sig', 'engineering', ['golive-owning-sig']],
      ['prr', 'review', ['golive-prr']],
    ]);
    expect(config?.stages.map((s) => [s.key, s.requiredTeams])).toEqual([
      ['alpha', ['owning-sig', 'prr']],
      ['beta', ['owning-sig', 'prr']],
      ['ga', ['owning-sig', 'prr']],
    ]);
    const sectionsFor = (stage: string): string[] => [...new Set(config?.questions.filter((q) => q.requiredFor.includes(stage)).map((q) => q.section))];
    expect(sectionsFor('alpha')).toEqual(['Feature enablement and rollback']);
    expect(sectionsFor('beta')).toEqual(['Feature enablement and rollback', 'Rollout, upgrade and rollback', 'Monitoring requirements', 'Dependencies']);
    expect(sectionsFor('ga')).toEqual([
      'Feature enablement and rollback',
      'Rollout, upgrade and rollback',
      'Monitoring requirements',
      'Dependencies',
      'Troubleshooting',
      'Scalability',
    ]);
    expect(config?.questions.every((q) => q.reviewedBy === 'prr')).toBe(true);
    expect(config?.questions.find((q) => q.key === 'enable-disable')?.text).toBe('How can this feature be enabled / disabled in a live cluster?');
  });
});
