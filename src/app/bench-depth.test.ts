import { demoWorld, PROJECT } from '../../test/support/in-memory-ports';
import type { GateConfigV2 } from '../gate/v2/config';
import { OWNING_SIG_FIELD, templateConfigV2 } from '../gate/v2/templates';
import { getBenchDepth } from './bench-depth';

const admin = { accountId: 'acc-admin' };

describe('getBenchDepth on a team whose approvers a ticket field names', () => {
  it("counts the members of the SIGs the Owning SIG field names, and names the SIG fewer than two people can approve for", async () => {
    const kep = templateConfigV2('kubernetes-prr')!;
    const config: GateConfigV2 = {
      ...kep,
      teams: kep.teams.map((t) => (t.key === 'owning-sig' ? { ...t, approversFrom: { field: OWNING_SIG_FIELD, kind: 'select' as const, groups: { 'sig-node': ['golive-sig-node'], 'sig-apps': ['golive-sig-apps'] } } } : t)),
    };
    const world = demoWorld();
    world.configs.stored.set(PROJECT.id, { config, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
    for (const [person, group] of [['acc-node-1', 'golive-sig-node'], ['acc-node-2', 'golive-sig-node'], ['acc-apps', 'golive-sig-apps']]) world.directory.groups.set(person ?? '', [group ?? '']);

    const bench = await getBenchDepth(world.portsFor('acc-admin'), admin, PROJECT);

    expect(bench.find((b) => b.team === 'owning-sig')).toEqual({
      team: 'owning-sig',
      approvers: ['acc-apps', 'acc-node-1', 'acc-node-2'],
      warning: 'Only 1 person can approve for Owning SIG where Owning SIG is sig-apps: add someone to golive-sig-apps.',
    });
  });
});
