import type { TestSite } from '../site/test-support';
import { startTestSite } from '../site/test-support';
import { extensionContext } from './extension-context';
import type { ManifestModule } from './manifest';
import { siteClient } from './site-client';

// The context Forge gives a module's Custom UI: a workflow validator's configuration screens get what Forge documents
// and nothing more, so an app that needs a project there fails here as it would in Jira.
const validator: ManifestModule = { type: 'jira:workflowValidator', key: 'gate-validator', title: 'Gate', function: 'validator' };
const panel: ManifestModule = { type: 'jira:issuePanel', key: 'gate-panel', title: 'Gate', resource: 'panel' };
const options = (extra?: Record<string, unknown>) => ({ cloudId: 'local-site', siteUrl: 'http://localhost', extra });

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const client = () => siteClient(() => site.url, site.appSecret);

test("a company-managed workflow's validator configuration gets validatorConfig, entryPoint, isNewEditor and workflowId, and no project", async () => {
  const context = await extensionContext(client(), validator, { projectKey: 'SKU' }, 'acc-admin', options({ entryPoint: 'edit', validatorConfig: '{"stage":"go-live"}', transitionContext: { id: '31' } }));
  expect(context.extension).toEqual({ type: 'jira:workflowValidator', entryPoint: 'edit', isNewEditor: true, workflowId: 'local-workflow-10000', validatorConfig: { stage: 'go-live' } });
});

test('the create screen of a validator gets no saved configuration', async () => {
  const context = await extensionContext(client(), validator, { projectKey: 'SKU' }, 'acc-admin', options({ entryPoint: 'create' }));
  expect(context.extension).not.toHaveProperty('validatorConfig');
  expect(context.extension).not.toHaveProperty('project');
});

test('an issue panel gets its issue and project', async () => {
  const context = await extensionContext(client(), panel, { issueKey: 'SKU-1' }, 'acc-pm', options());
  expect(context.extension).toMatchObject({ type: 'jira:issuePanel', issue: { key: 'SKU-1' }, project: { id: '10000', key: 'SKU' } });
});
