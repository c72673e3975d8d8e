import { overrideProperty } from '../gate/records';
import { ForbiddenError } from '../errors';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import { override } from './override';

const justification = 'Customer launch agreed by the VP on 3 March';

describe('override', () => {
  it('lets a member of the override group pass a stage with a justification, visibly', async () => {
    const world = demoWorld();
    const view = await override(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { stage: 'go-live', justification: `  ${justification} ` });
    const goLive = view.verdicts.find((v) => v.stage === 'go-live');
    expect(goLive).toMatchObject({ allowed: true, overridden: true });
    expect(view.records.overrides['go-live']).toMatchObject({ by: 'acc-admin', via: 'golive-overriders', justification });
    expect(world.audit.events.at(-1)).toMatchObject({ action: 'override', stage: 'go-live', detail: `Go live overridden: ${justification}` });
  });

  it('refuses a justification of fewer than 20 visible letters in 3 words, naming the field', async () => {
    const world = demoWorld();
    await expect(override(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { stage: 'go-live', justification: 'VP said ok' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Write a justification of at least 20 letters in at least 3 words (this one has 8 letters in 3 words).',
      fieldErrors: [{ path: 'justification', message: 'write at least 20 letters in at least 3 words' }],
    });
    expect(world.issues.issues.get('10001')!.properties[overrideProperty('go-live')]).toBeUndefined();
  });

  it('refuses someone outside the override group, even with a good justification', async () => {
    const world = demoWorld();
    await expect(override(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { stage: 'go-live', justification })).rejects.toThrow(
      new ForbiddenError('You are not in golive-overriders, the group that may override a stage.'),
    );
    expect(world.records.stored.size).toBe(0);
  });

  it('refuses a stage the configuration does not have', async () => {
    const world = demoWorld();
    await expect(override(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { stage: 'ga', justification })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'stage', message: 'no stage has the key "ga"' }],
    });
  });
});
