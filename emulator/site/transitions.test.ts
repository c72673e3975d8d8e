import type { ValidatorCall } from './index';
import { DEMO_STATUSES, DEMO_TRANSITIONS, GATE_VALIDATOR_MODULE_KEY } from './demo';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

/** The validator callback the runtime supplies; here a scripted stand-in that records its calls. */
let verdicts: ((call: ValidatorCall) => Promise<{ result: boolean; errorMessage?: string | undefined }>)[] = [];
const calls: ValidatorCall[] = [];
let site: TestSite;

beforeAll(async () => {
  site = await startTestSite({
    runValidator: (call) => {
      calls.push(call);
      const next = verdicts.shift();
      return next ? next(call) : Promise.resolve({ result: true });
    },
  });
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  verdicts = [];
  calls.length = 0;
});

const pm = { as: 'pm@example.com' };
const status = async (key: string) => ((await site.request('GET', `/rest/api/3/issue/${key}?fields=status`, pm)).body as { fields: { status: { name: string } } }).fields.status.name;
const transition = (key: string, id: string) => site.request('POST', `/rest/api/3/issue/${key}/transitions`, { ...pm, body: { transition: { id } } });

test('lists the transitions available from the issue’s status', async () => {
  const response = await site.request('GET', '/rest/api/3/issue/SKU-3/transitions', pm);
  expect(response.body).toMatchObject({
    transitions: [{ id: DEMO_TRANSITIONS.goLive.id, name: 'Go Live', to: { id: DEMO_STATUSES.live.id, name: 'Live', statusCategory: { key: 'done' } }, hasScreen: false }],
  });
});

test('refuses Go Live with the validator’s message and keeps the issue where it was', async () => {
  verdicts = [() => Promise.resolve({ result: false, errorMessage: 'Go-live needs SRE-P: not yet agreed.' })];
  const response = await transition('SKU-3', DEMO_TRANSITIONS.goLive.id);
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ errorMessages: ['Go-live needs SRE-P: not yet agreed.'], errors: {} });
  expect(await status('SKU-3')).toBe('In Production');
  expect(calls).toEqual([
    {
      moduleKey: GATE_VALIDATOR_MODULE_KEY,
      configuration: '{"stage":"go-live"}',
      issue: { key: 'SKU-3' },
      transition: { id: '31', name: 'Go Live', from: { id: DEMO_STATUSES.inProduction.id }, to: { id: DEMO_STATUSES.live.id } },
    },
  ]);
});

test('fails closed when the validator throws', async () => {
  verdicts = [() => Promise.reject(new Error('function timed out'))];
  const response = await transition('SKU-3', DEMO_TRANSITIONS.goLive.id);
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    errorMessages: [`The workflow validator '${GATE_VALIDATOR_MODULE_KEY}' could not run, so the transition was refused: function timed out`],
    errors: {},
  });
  expect(await status('SKU-3')).toBe('In Production');
});

test('runs every validator in order and stops at the first failure', async () => {
  site.site.workflow.setValidators(DEMO_TRANSITIONS.startReview.id, [
    { moduleKey: 'first', configuration: '{}' },
    { moduleKey: 'second', configuration: '{}' },
    { moduleKey: 'third', configuration: '{}' },
  ]);
  verdicts = [() => Promise.resolve({ result: true }), () => Promise.resolve({ result: false })];
  const response = await transition('SKU-1', DEMO_TRANSITIONS.startReview.id);
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ errorMessages: ['The transition was refused by a workflow validator.'], errors: {} });
  expect(calls.map((call) => call.moduleKey)).toEqual(['first', 'second']);
  site.site.workflow.setValidators(DEMO_TRANSITIONS.startReview.id, []);
});

test('moves the issue and answers 204 when every validator allows it', async () => {
  const response = await transition('SKU-3', DEMO_TRANSITIONS.goLive.id);
  expect(response.status).toBe(204);
  expect(response.text).toBe('');
  expect(await status('SKU-3')).toBe('Live');
});

test('refuses a transition that is not available from the current status', async () => {
  const response = await transition('SKU-2', DEMO_TRANSITIONS.goLive.id);
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ errorMessages: ["Transition id '31' is not valid for this issue."], errors: {} });
  const missing = await site.request('POST', '/rest/api/3/issue/SKU-2/transitions', { ...pm, body: {} });
  expect(missing.status).toBe(400);
  expect(calls).toEqual([]);
});

test('answers 409 when another transition moved the issue while validators ran', async () => {
  verdicts = [
    async () => {
      site.site.workflow.setValidators(DEMO_TRANSITIONS.promoteToProd.id, []);
      expect((await transition('SKU-2', DEMO_TRANSITIONS.promoteToProd.id)).status).toBe(204);
      return { result: true };
    },
  ];
  site.site.workflow.setValidators(DEMO_TRANSITIONS.promoteToProd.id, [{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: '{"stage":"promote-to-prod"}' }]);
  const response = await transition('SKU-2', DEMO_TRANSITIONS.promoteToProd.id);
  expect(response.status).toBe(409);
  expect(await status('SKU-2')).toBe('In Production');
});

test('the workflow API lists transitions with their validators and replaces them', () => {
  const before = site.site.workflow.listTransitions('SKU');
  expect(before.map((definition) => definition.name)).toEqual(['Start Review', 'Promote to Prod', 'Go Live']);
  expect(before[2]).toEqual({
    id: '31',
    name: 'Go Live',
    from: { id: '10002', name: 'In Production', category: 'indeterminate' },
    to: { id: '10003', name: 'Live', category: 'done' },
    validators: [{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: '{"stage":"go-live"}' }],
  });
  site.site.workflow.setValidators('31', [{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: '{"stage":"beta"}' }]);
  expect(site.site.workflow.listTransitions('SKU')[2]?.validators).toEqual([{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: '{"stage":"beta"}' }]);
  expect(() => site.site.workflow.setValidators('999', [])).toThrow("No transition with id '999'.");
  expect(() => site.site.workflow.setValidators('31', [{ moduleKey: '', configuration: '{}' }])).toThrow();
  expect(() => site.site.workflow.listTransitions('NOPE')).toThrow("No project could be found with key 'NOPE'.");
});

test('a transition added to the workflow (a way back to review) is added once however often it is added, and moves the issue back as any transition does', async () => {
  const back = site.site.workflow.addTransition('SKU', { name: 'Back to Review', to: 'In Review' });
  expect(back).toMatchObject({ name: 'Back to Review', from: null, to: { name: 'In Review' }, validators: [] });
  expect(site.site.workflow.addTransition('SKU', { name: 'Back to Review', to: 'In Review' }).id).toBe(back.id);
  const added = await site.request('PUT', `/__site/projects/SKU/transitions/${encodeURIComponent('Back to Review')}`, { as: 'admin@example.com', body: { to: 'In Review' } });
  expect(added).toMatchObject({ status: 200, body: { id: back.id } });
  expect((await site.request('PUT', '/__site/projects/SKU/transitions/Elsewhere', { as: 'admin@example.com', body: { to: 'Nowhere' } })).status).toBe(400);
  expect(() => site.site.workflow.addTransition('NOPE', { name: 'x', to: 'In Review' })).toThrow("No project could be found with key 'NOPE'.");
  expect(await status('SKU-4')).toBe('Live');
  expect((await transition('SKU-4', back.id)).status).toBe(204);
  expect(await status('SKU-4')).toBe('In Review');
});
