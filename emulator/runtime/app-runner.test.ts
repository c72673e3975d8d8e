import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metrics } from '../metrics';
import { AppRunner, INVOCATION_TIMEOUT_MS, invocationTimeoutMs, NotFoundError } from './app-runner';
import { loadManifest } from './manifest';
import { projectRoot } from './project-root';

// A throwaway app: a manifest and a handler bundle, run the way the site runs dist/app/index.cjs.
const MANIFEST = `
modules:
  jira:issuePanel:
    - key: panel
      resource: panel
      resolver:
        function: resolver
      title: Panel
  jira:workflowValidator:
    - key: throws
      name: Throwing check
      function: throws
    - key: vague
      name: Vague check
      function: vague
    - key: refuses
      name: Refusing check
      function: refuses
    - key: allows
      name: Allowing check
      function: allows
    - key: hangs
      name: Hanging check
      function: hangs
  trigger:
    - key: on-created
      function: records
      events:
        - avi:jira:created:issue
    - key: on-created-failing
      function: throws
      events:
        - avi:jira:created:issue
    - key: on-updated
      function: records
      events:
        - avi:jira:updated:issue
  function:
    - key: resolver
      handler: index.resolver
    - key: records
      handler: index.records
    - key: throws
      handler: index.throws
    - key: vague
      handler: index.vague
    - key: refuses
      handler: index.refuses
    - key: allows
      handler: index.allows
    - key: hangs
      handler: index.hangs
resources:
  - key: panel
    path: static/panel/build
app:
  id: ari:cloud:ecosystem::app/test
`;
const BUNDLE = `
const Resolver = require('@forge/resolver').default;
const resolver = new Resolver();
resolver.define('whoAmI', ({ payload, context }) => ({ accountId: context.accountId, issue: context.extension.issue.key, payload }));
exports.resolver = resolver.getDefinitions();
exports.throws = async () => { throw new Error('KVS unavailable'); };
exports.vague = async () => ({ result: 'yes' });
exports.refuses = async (event) => ({ result: false, errorMessage: 'Waiting on CEE for ' + event.issue.key + ' with ' + typeof event.configuration + ' ' + JSON.stringify(event.configuration) });
exports.allows = async (event) => ({ result: event.transition.to.id === '3' });
exports.hangs = () => new Promise(() => {});
exports.records = async (event, context) => { globalThis.triggered = [...(globalThis.triggered ?? []), { event, context }]; };
`;

let root: string;
let runner: AppRunner;
const metrics = new Metrics();

beforeAll(() => {
  // Inside the repository, so the bundle resolves @forge/resolver from its node_modules.
  mkdirSync(join(projectRoot(), '.data'), { recursive: true });
  root = mkdtempSync(join(projectRoot(), '.data', 'forge-app-'));
  writeFileSync(join(root, 'manifest.yml'), MANIFEST);
  mkdirSync(join(root, 'dist', 'app'), { recursive: true });
  writeFileSync(join(root, 'dist', 'app', 'index.cjs'), BUNDLE);
  runner = new AppRunner(loadManifest(join(root, 'manifest.yml')), root, metrics, 'cloud-test');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const transition = { id: '31', name: 'Go Live', from: { id: '2' }, to: { id: '3' } };
const validate = (moduleKey: string) => runner.runValidator({ moduleKey, configuration: '{"stage":"go-live"}', issue: { key: 'SKU-1' }, transition });

describe('running the app like Forge', () => {
  it('calls a resolver through @forge/resolver with the invoking user as accountId', async () => {
    const context = { cloudId: 'cloud-test', localId: 'l', moduleKey: 'panel', siteUrl: 'http://x', environmentType: 'DEVELOPMENT', extension: { type: 'jira:issuePanel', issue: { key: 'SKU-1' } } };
    const answer = await runner.invokeResolver({ moduleKey: 'panel', functionKey: 'whoAmI', payload: { n: 1 }, context, accountId: 'acc-pm' });
    expect(answer).toEqual({ accountId: 'acc-pm', issue: 'SKU-1', payload: { n: 1 } });
    expect(metrics.snapshot()).toMatchObject({ 'invoke:whoAmI': 1 });
  });

  it('reports an unknown module or resolver function as not found', async () => {
    const context = { cloudId: 'c', localId: 'l', moduleKey: 'panel', siteUrl: 'http://x', environmentType: 'DEVELOPMENT', extension: {} };
    await expect(runner.invokeResolver({ moduleKey: 'nope', functionKey: 'whoAmI', payload: {}, context, accountId: 'a' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(runner.invokeResolver({ moduleKey: 'panel', functionKey: 'nope', payload: {}, context, accountId: 'a' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("passes the validator's message through when it refuses", async () => {
    await expect(validate('refuses')).resolves.toEqual({ result: false, errorMessage: 'Waiting on CEE for SKU-1 with object {"stage":"go-live"}' });
  });

  it('refuses, saying why, when the saved validator configuration is not JSON (Jira would hand over an object)', async () => {
    const outcome = await runner.runValidator({ moduleKey: 'refuses', configuration: 'stage=go-live', issue: { key: 'SKU-1' }, transition });
    expect(outcome).toEqual({ result: false, errorMessage: 'Refusing check could not check this transition: the saved validator configuration is not JSON: stage=go-live' });
  });

  it('allows when the validator answers result true', async () => {
    await expect(validate('allows')).resolves.toEqual({ result: true });
  });

  it('refuses the transition when the validator throws, saying why', async () => {
    await expect(validate('throws')).resolves.toEqual({ result: false, errorMessage: 'Throwing check could not check this transition: KVS unavailable' });
  });

  it('refuses the transition when the validator answers no boolean result', async () => {
    const outcome = await validate('vague');
    expect(outcome.result).toBe(false);
    expect(outcome.errorMessage).toContain('Vague check gave no verdict');
  });

  it('refuses the transition when the validator runs past the 25 s Forge limit', async () => {
    jest.useFakeTimers();
    try {
      const outcome = validate('hangs');
      await jest.advanceTimersByTimeAsync(INVOCATION_TIMEOUT_MS);
      await expect(outcome).resolves.toEqual({ result: false, errorMessage: 'Hanging check could not check this transition: the invocation did not finish within 25 s' });
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    ['resolver', undefined, 25_000],
    ['validator', undefined, 25_000],
    ['product-trigger', undefined, 25_000],
    ['webtrigger', undefined, 55_000],
    ['scheduled-trigger', undefined, 55_000],
    ['scheduled-trigger', 300, 300_000],
    ['consumer', 3_600, 900_000],
  ] as const)("gives a %s invocation (timeoutSeconds %p) Forge's limit of %p ms", (kind, timeoutSeconds, limit) => {
    expect(invocationTimeoutMs(kind, timeoutSeconds)).toBe(limit);
  });

  it('runs every trigger subscribed to the event type, and logs one that throws without failing the others', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const event = { eventType: 'avi:jira:created:issue', issue: { id: '10042', key: 'SKU-42', fields: {} }, atlassianId: 'acc-pm' };
      await expect(runner.runTriggers(event)).resolves.toBeUndefined();
      expect((globalThis as { triggered?: unknown }).triggered).toEqual([{ event, context: { installContext: 'ari:cloud:jira::site/cloud-test', moduleKey: 'on-created' } }]);
      expect(metrics.snapshot()).toMatchObject({ 'trigger:records': 1, 'trigger:throws': 1 });
      expect(logged).toHaveBeenCalledWith('Trigger on-created-failing failed on avi:jira:created:issue:', 'KVS unavailable');
    } finally {
      logged.mockRestore();
      delete (globalThis as { triggered?: unknown }).triggered;
    }
  });
});
