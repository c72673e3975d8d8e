import { NotFoundError } from '../errors';
import { templateConfig } from '../../test/support/v1-templates';
import { migrateConfig } from '../gate/v2/migrate';
import type { GateConfig } from '../gate/config';
import type { GadgetPorts, SearchRequest } from '../ports';
import { MemoryReviewHistory } from '../../test/support/in-memory-ports';
import { loadOverview } from './load-overview';

const config = templateConfig('managed-addon') as GateConfig;
const stored = (projectId: string) => ({ projectId, stored: { config: migrateConfig(config), warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' } });
const PROJECTS: Record<string, { id: string; key: string; name: string }> = {
  '10000': { id: '10000', key: 'SKU', name: 'SKU go-lives' },
  '10001': { id: '10001', key: 'KEP', name: 'Enhancements' },
  '10002': { id: '10002', key: 'SEC', name: 'Secret launches' },
};

function ports(searches: SearchRequest[]): GadgetPorts {
  return {
    configs: { listAll: () => Promise.resolve([stored('10000'), stored('10001'), stored('10002')]) },
    // The caller may not browse SEC: Jira answers not found.
    projects: { projectOf: (id) => (id === '10002' || PROJECTS[id] === undefined ? Promise.reject(new NotFoundError('No project')) : Promise.resolve(PROJECTS[id])) },
    search: {
      search: (request) => {
        searches.push(request);
        return Promise.resolve({ issues: [] });
      },
    },
    history: new MemoryReviewHistory(),
    clock: { now: () => new Date('2026-03-01T00:00:00.000Z') },
  };
}

describe('loadOverview', () => {
  it('lists the gated projects the caller can see and shows the picked ones, one search each', async () => {
    const searches: SearchRequest[] = [];
    const overview = await loadOverview(ports(searches), { projectKeys: ['SKU', 'SEC', 'NOPE'], days: 7 });
    expect(overview.available.map((p) => p.key)).toEqual(['KEP', 'SKU']);
    expect(overview.projects.map((p) => [p.key, p.name, p.tickets])).toEqual([['SKU', 'SKU go-lives', 0]]);
    expect(overview.unknown).toEqual(['SEC', 'NOPE']);
    expect(overview.from).toBe('2026-02-22T00:00:00.000Z');
    expect(searches.map((s) => s.jql)).toEqual(['project = "SKU" AND issue.property[golive-gate.summary].status IS NOT EMPTY']);
  });

  it('reads nothing per project when none is picked (the edit view)', async () => {
    const searches: SearchRequest[] = [];
    const overview = await loadOverview(ports(searches), { projectKeys: [], days: 30 });
    expect(overview.projects).toEqual([]);
    expect(searches).toEqual([]);
  });
});
