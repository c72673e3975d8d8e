import { templateConfig } from '../../test/support/v1-templates';
import { exceptionProperty } from '../gate/records';
import { ForbiddenError } from '../errors';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import { grantException } from './grant-exception';

const justification = 'Security fix agreed with the release team';

/** The demo gate with a freeze on promote-to-prod that the release managers may lift. */
function frozenWorld() {
  const config = templateConfig('managed-addon')!;
  const stages = config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, freeze: { daysBeforeRelease: 3, exceptionGroups: ['release-managers'] } } : stage));
  const world = demoWorld({ ...config, stages });
  world.directory.groups.set('acc-rm', ['release-managers']);
  return world;
}

describe('grantException', () => {
  it('lets a member of the exception groups through the freeze, with the justification kept and audited', async () => {
    const world = frozenWorld();
    const view = await grantException(world.portsFor('acc-rm'), { accountId: 'acc-rm' }, ISSUE_KEY, { stage: 'promote-to-prod', justification: ` ${justification}  ` });
    expect(world.issues.issues.get('10001')!.properties[exceptionProperty('promote-to-prod')]).toMatchObject({ kind: 'exception', by: 'acc-rm', via: 'release-managers', justification });
    expect(world.audit.events.at(-1)).toMatchObject({ action: 'exception', stage: 'promote-to-prod', detail: `Promote to prod freeze exception: ${justification}` });
    expect(view.verdicts.length).toBeGreaterThan(0);
  });

  it('asks a member for a longer justification, naming the field, and writes nothing', async () => {
    const world = frozenWorld();
    await expect(grantException(world.portsFor('acc-rm'), { accountId: 'acc-rm' }, ISSUE_KEY, { stage: 'promote-to-prod', justification: 'fix it' })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'justification', message: 'write at least 20 letters in at least 3 words' }],
    });
    expect(world.records.stored.size).toBe(0);
  });

  it('refuses an override-group member who is not in the exception groups', async () => {
    const world = frozenWorld();
    await expect(grantException(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { stage: 'promote-to-prod', justification })).rejects.toBeInstanceOf(ForbiddenError);
    expect(world.records.stored.size).toBe(0);
  });

  it('refuses a stage without a freeze: it needs no exception', async () => {
    const world = frozenWorld();
    await expect(grantException(world.portsFor('acc-rm'), { accountId: 'acc-rm' }, ISSUE_KEY, { stage: 'go-live', justification })).rejects.toThrow(new ForbiddenError('Go live has no freeze, so it needs no exception.'));
  });
});
