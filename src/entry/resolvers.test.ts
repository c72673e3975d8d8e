import { CONTRACT } from '../contract';
import { panelResolver } from './panel-resolver';
import { reviewsResolver } from './reviews-resolver';
import { settingsResolver } from './settings-resolver';
import { validateTransition } from './validator';
import { validatorConfigResolver } from './validator-config-resolver';

const issueContext = { extension: { issue: { id: '10001', key: 'SKU-1', type: 'Task' }, project: { id: '10000', key: 'SKU', type: 'software' } } };
const call = (handler: typeof panelResolver, functionKey: string, payload: unknown, context: object = issueContext): Promise<unknown> =>
  handler({ call: { functionKey, payload }, context }, { principal: { accountId: 'acc-cee' } });

describe('resolvers', () => {
  it.each(Object.keys(CONTRACT.panel).map((name) => [name]))('the panel resolver defines %s', async (name) => {
    await expect(call(panelResolver, name, { unexpected: '<script>' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each(Object.keys(CONTRACT.settings).map((name) => [name]))('the settings resolver defines %s', async (name) => {
    await expect(call(settingsResolver, name, { unexpected: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each(Object.keys(CONTRACT.reviews).map((name) => [name]))('the reviews resolver defines %s', async (name) => {
    await expect(call(reviewsResolver, name, { unexpected: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each(Object.keys(CONTRACT.validatorConfig).map((name) => [name]))('the validator configuration resolver defines %s', async (name) => {
    await expect(call(validatorConfigResolver, name, { unexpected: 1 }, { extension: { type: 'jira:workflowValidator', entryPoint: 'create' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('refuses a decision payload of the wrong shape, naming each field', async () => {
    expect(await call(panelResolver, 'decide', { team: 7, decision: 'maybe' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fieldErrors: [{ path: 'team' }, { path: 'decision' }] },
    });
  });

  it('refuses a panel call made outside an issue, without trusting an issue named in the payload', async () => {
    expect(await call(panelResolver, 'getGate', {}, { extension: { project: { id: '10000', key: 'SKU' } } })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'This works only in the Go-Live Gate panel of an issue.' },
    });
  });

  it('refuses a settings call made outside a project', async () => {
    expect(await call(settingsResolver, 'getConfig', {}, { extension: {} })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'This works only in the Go-Live Gate settings of a project.' },
    });
  });

  it('blocks a transition whose event names no issue', async () => {
    expect(await validateTransition({ configuration: '{"stage":"go-live"}' })).toEqual({
      result: false,
      errorMessage: 'Go-Live Gate could not tell which ticket is moving, so it blocked the transition.',
    });
  });
});
