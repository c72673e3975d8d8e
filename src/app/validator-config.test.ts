import { templateConfig } from '../../test/support/v1-templates';
import type { GateConfig } from '../gate/config';
import { NotFoundError } from '../errors';
import type { ValidatorConfigPorts } from '../ports';
import { loadStageChoices } from './validator-config';
import { migrateConfig } from '../gate/v2/migrate';

const managed = templateConfig('managed-addon') as GateConfig;
const kubernetes = templateConfig('kubernetes-prr') as GateConfig;
const stored = (config: GateConfig) => ({ config: migrateConfig(config), warnings: [], savedBy: 'acc-admin', savedAt: '2026-03-01T10:00:00Z' });
const JIRA_PROJECTS: Record<string, { id: string; key: string; name: string }> = {
  '10000': { id: '10000', key: 'SKU', name: 'SKU go-lives' },
  '10001': { id: '10001', key: 'KUBE', name: 'Kubernetes features' },
  '10002': { id: '10002', key: 'SECRET', name: 'Hidden' },
};

/** The configured projects, and Jira as a caller who cannot browse SECRET. */
function ports(configs: Record<string, GateConfig>): ValidatorConfigPorts {
  return {
    configs: { listAll: () => Promise.resolve(Object.entries(configs).map(([projectId, config]) => ({ projectId, stored: stored(config) }))) },
    projects: {
      projectOf: (projectId) => {
        const project = JIRA_PROJECTS[projectId];
        return project === undefined || project.key === 'SECRET' ? Promise.reject(new NotFoundError('not found')) : Promise.resolve(project);
      },
    },
  };
}

describe('the stages a shared workflow can enforce', () => {
  it('lists every configured project the caller can see, with its stages and strictest stage', async () => {
    const choices = await loadStageChoices(ports({ '10000': managed, '10001': kubernetes, '10002': managed }), {});
    expect(choices.projects.map((p) => [p.key, p.stages.map((s) => s.key), p.strictestStage.key])).toEqual([
      ['KUBE', ['alpha', 'beta', 'ga'], 'ga'],
      ['SKU', ['promote-to-prod', 'go-live'], 'go-live'],
    ]);
    expect(choices.commonStages).toEqual([]);
    expect(choices.scopedProjectId).toBeUndefined();
  });

  it('names the stages every project has', async () => {
    const choices = await loadStageChoices(ports({ '10000': managed, '10001': managed }), {});
    expect(choices.commonStages).toEqual(['promote-to-prod', 'go-live']);
  });

  it('lists only its own project for a team-managed workflow', async () => {
    const choices = await loadStageChoices(ports({ '10000': managed, '10001': kubernetes }), { scopedProjectId: '10001' });
    expect(choices.projects.map((p) => p.key)).toEqual(['KUBE']);
    expect(choices.scopedProjectId).toBe('10001');
  });

  it('lists nothing when no project has the gate configured', async () => {
    expect(await loadStageChoices(ports({}), {})).toEqual({ projects: [], commonStages: [] });
  });
});
