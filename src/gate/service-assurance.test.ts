import type { GateConfig } from './config';
import { parseGateConfig } from './config';
import { NO_ASSURANCE, serviceAssurance, stageAssurance } from './service-assurance';
import { templateConfig } from '../../test/support/v1-templates';

const addon = templateConfig('managed-addon') as GateConfig;
const prr = templateConfig('kubernetes-prr') as GateConfig;

describe('service assurance from the stages a ticket has passed', () => {
  it('gives an add-on promoted to prod but not live a reduced assurance, and a live one full', () => {
    expect(serviceAssurance(addon, 'In Review')).toEqual({ level: NO_ASSURANCE, status: 'In Review' });
    expect(serviceAssurance(addon, 'In Production')).toEqual({ level: 'reduced', stage: 'promote-to-prod', stageName: 'Promote to prod', status: 'In Production' });
    expect(serviceAssurance(addon, 'Live')).toEqual({ level: 'full', stage: 'go-live', stageName: 'Go live', status: 'Live' });
  });

  it('maps the Kubernetes PRR stages to experimental, reduced and full', () => {
    expect(['Provisional', 'Alpha', 'Beta', 'GA'].map((status) => serviceAssurance(prr, status).level)).toEqual(['none', 'experimental', 'reduced', 'full']);
  });

  it('compares statuses without regard to case or surrounding spaces, as JQL does', () => {
    expect(serviceAssurance(addon, ' in production ').level).toBe('reduced');
  });

  it('takes a stage’s own assurance over its template’s default', () => {
    const custom = { ...addon, stages: addon.stages.map((s) => (s.key === 'promote-to-prod' ? { ...s, assurance: { level: 'best-effort', statuses: ['Canary'] } } : s)) };
    expect(serviceAssurance(custom, 'Canary').level).toBe('best-effort');
    expect(serviceAssurance(custom, 'In Production').level).toBe(NO_ASSURANCE);
  });

  it('keeps the last passed stage that gives an assurance when a later passed stage gives none', () => {
    const stages = [...addon.stages, { key: 'hypercare', name: 'Hypercare', requiredTeams: ['sre-p'], requiredNumbers: [], assurance: undefined }];
    const withHypercare = { ...addon, stages: stages.map((s) => (s.key === 'hypercare' ? { ...s, assurance: { level: 'full', statuses: ['Steady'] } } : s)) };
    expect(serviceAssurance(withHypercare, 'Steady')).toMatchObject({ level: 'full', stage: 'hypercare' });
    const custom = { ...addon, template: undefined };
    expect(serviceAssurance(custom, 'Live').level).toBe(NO_ASSURANCE);
    expect(stageAssurance(custom, { key: 'go-live' })).toBeUndefined();
  });

  it('refuses a stage assurance without a status or with a level that is not a plain word', () => {
    const bad = { ...addon, stages: addon.stages.map((s) => ({ ...s, assurance: { level: 'Full Support', statuses: [] } })) };
    const parsed = parseGateConfig(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['stages.0.assurance.level', 'stages.0.assurance.statuses']));
  });
});
