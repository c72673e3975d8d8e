import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPLEMENTED_OPERATIONS } from './index';
import type { As, TestSite } from './test-support';
import { startTestSite } from './test-support';

/**
 * Checks the site's answers against Jira Cloud's own OpenAPI description (the subset in
 * test/fixtures/jira-openapi-subset.json, written by scripts/gen-openapi-fixture.ts).
 */

interface Fixture {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../test/fixtures/jira-openapi-subset.json'), 'utf8')) as Fixture;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...fixture, $id: 'jira' });

const pointer = (...segments: string[]) => segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});

/** Calls the operation and checks that Jira documents the status and that the body matches Jira's schema for it. */
async function expectConforming(template: string, method: string, path: string, expectedStatus: number, options: { as?: As; body?: unknown; rawBody?: string } = { as: 'admin@example.com' }) {
  const response = await site.request(method, path, options);
  expect({ operation: `${method} ${path}`, status: response.status }).toEqual({ operation: `${method} ${path}`, status: expectedStatus });
  const documented = fixture.paths[template]?.[method.toLowerCase()]?.responses[String(expectedStatus)];
  if (expectedStatus >= 400 && expectedStatus !== 401) {
    const validate = ajv.getSchema('jira#/components/schemas/ErrorCollection');
    expect(validate?.(response.body) ? [] : validate?.errors).toEqual([]);
  }
  if (expectedStatus < 400) expect(documented).toBeDefined();
  // Some error answers document an example but no schema: ErrorCollection above is what they are checked against.
  const [mediaType] = Object.keys(documented?.content ?? {});
  if (documented?.content?.[mediaType ?? '']?.schema !== undefined && response.body !== undefined) {
    const validate = ajv.getSchema(`jira#/${pointer('paths', template, method.toLowerCase(), 'responses', String(expectedStatus), 'content', mediaType ?? '', 'schema')}`);
    expect(validate).toBeDefined();
    expect(validate?.(response.body) ? [] : validate?.errors).toEqual([]);
  }
  return response;
}

const as = (email: string) => ({ as: email });
const admin = as('admin@example.com');

test('the fixture holds exactly the operations the site implements', () => {
  const inFixture = Object.entries(fixture.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
  expect([...inFixture].sort()).toEqual([...IMPLEMENTED_OPERATIONS].sort());
});

test('current user', async () => {
  await expectConforming('/rest/api/3/myself', 'GET', '/rest/api/3/myself', 200, admin);
  await expectConforming('/rest/api/3/myself', 'GET', '/rest/api/3/myself?expand=groups', 200, admin);
  await expectConforming('/rest/api/3/myself', 'GET', '/rest/api/3/myself', 200, { as: { app: true } });
  await expectConforming('/rest/api/3/myself', 'GET', '/rest/api/3/myself', 401, { as: { basic: 'admin@example.com:wrong' } });
});

test('create and get issue', async () => {
  const template = '/rest/api/3/issue';
  const created = await expectConforming(template, 'POST', template, 201, { ...as('pm@example.com'), body: { fields: { project: { key: 'SKU' }, summary: 'Contract', issuetype: { name: 'Task' } } } });
  await expectConforming(template, 'POST', template, 400, { ...admin, body: { fields: { project: { key: 'NOPE' } } } });
  const { key } = created.body as { key: string };
  await expectConforming('/rest/api/3/issue/{issueIdOrKey}', 'GET', `/rest/api/3/issue/${key}?properties=*all`, 200, admin);
  await expectConforming('/rest/api/3/issue/{issueIdOrKey}', 'GET', `/rest/api/3/issue/${key}?fields=summary,status&properties=x`, 200, admin);
  await expectConforming('/rest/api/3/issue/{issueIdOrKey}', 'GET', '/rest/api/3/issue/SKU-9999', 404, admin);
});

test('issue properties', async () => {
  const one = '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';
  const path = '/rest/api/3/issue/SKU-1/properties/contract.test';
  await expectConforming(one, 'PUT', path, 201, { ...admin, body: { a: 1 } });
  await expectConforming(one, 'PUT', path, 200, { ...admin, body: { a: 2 } });
  await expectConforming(one, 'PUT', path, 400, { ...admin, rawBody: 'not json' });
  await expectConforming('/rest/api/3/issue/{issueIdOrKey}/properties', 'GET', '/rest/api/3/issue/SKU-1/properties', 200, admin);
  await expectConforming(one, 'GET', path, 200, admin);
  await expectConforming(one, 'DELETE', path, 204, admin);
  await expectConforming(one, 'GET', path, 404, admin);
  await expectConforming(one, 'DELETE', path, 404, admin);
});

test('transitions', async () => {
  const template = '/rest/api/3/issue/{issueIdOrKey}/transitions';
  await expectConforming(template, 'GET', '/rest/api/3/issue/SKU-1/transitions', 200, admin);
  await expectConforming(template, 'POST', '/rest/api/3/issue/SKU-1/transitions', 400, { ...admin, body: { transition: { id: '31' } } });
  await expectConforming(template, 'POST', '/rest/api/3/issue/SKU-1/transitions', 204, { ...admin, body: { transition: { id: '11' } } });
  await expectConforming(template, 'GET', '/rest/api/3/issue/SKU-9999/transitions', 404, admin);
});

test('notify', async () => {
  const template = '/rest/api/3/issue/{issueIdOrKey}/notify';
  await expectConforming(template, 'POST', '/rest/api/3/issue/SKU-1/notify', 204, { as: { app: true }, body: { subject: 'Waiting on CEE', textBody: 'Please review.', to: { groups: [{ name: 'golive-cee' }] } } });
  await expectConforming(template, 'POST', '/rest/api/3/issue/SKU-1/notify', 400, { as: { app: true }, body: { subject: 'Nobody' } });
  await expectConforming(template, 'POST', '/rest/api/3/issue/SKU-9999/notify', 404, { as: { app: true }, body: { to: { reporter: true } } });
});

test('fields', async () => {
  await expectConforming('/rest/api/3/field', 'GET', '/rest/api/3/field', 200, admin);
  await expectConforming('/rest/api/3/field', 'GET', '/rest/api/3/field', 200, { as: { app: true } });
});

test('users, groups and permissions', async () => {
  await expectConforming('/rest/api/3/users/search', 'GET', '/rest/api/3/users/search?maxResults=5', 200, admin);
  await expectConforming('/rest/api/3/user/bulk', 'GET', '/rest/api/3/user/bulk?accountId=acc-cee&accountId=acc-pm&accountId=acc-nobody&maxResults=1', 200, admin);
  await expectConforming('/rest/api/3/user/bulk', 'GET', '/rest/api/3/user/bulk', 400, admin);
  await expectConforming('/rest/api/3/user/groups', 'GET', '/rest/api/3/user/groups?accountId=acc-admin', 200, admin);
  await expectConforming('/rest/api/3/user/groups', 'GET', '/rest/api/3/user/groups?accountId=acc-nobody', 404, admin);
  await expectConforming('/rest/api/3/group/member', 'GET', '/rest/api/3/group/member?groupname=golive-sre-p', 200, admin);
  await expectConforming('/rest/api/3/group/member', 'GET', '/rest/api/3/group/member?groupname=no-such-group', 404, admin);
  await expectConforming('/rest/api/3/groups/picker', 'GET', '/rest/api/3/groups/picker?query=golive', 200, admin);
  await expectConforming('/rest/api/3/mypermissions', 'GET', '/rest/api/3/mypermissions?projectKey=SKU&permissions=ADMINISTER_PROJECTS,EDIT_ISSUES,BROWSE_PROJECTS', 200, as('pm@example.com'));
  await expectConforming('/rest/api/3/mypermissions', 'GET', '/rest/api/3/mypermissions', 400, admin);
  await expectConforming('/rest/api/3/mypermissions', 'GET', '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS', 404, admin);
});

test('group membership changes, by site administrators only', async () => {
  const groupsOf = async (accountId: string) => ((await site.request('GET', `/rest/api/3/user/groups?accountId=${accountId}`, admin)).body as { name: string }[]).map((g) => g.name);
  await expectConforming('/rest/api/3/group/user', 'DELETE', '/rest/api/3/group/user?groupname=golive-cee&accountId=acc-cee', 200, admin);
  expect(await groupsOf('acc-cee')).toEqual([]);
  await expectConforming('/rest/api/3/group/user', 'POST', '/rest/api/3/group/user?groupname=golive-cee', 201, { as: 'admin@example.com', body: { accountId: 'acc-cee' } });
  expect(await groupsOf('acc-cee')).toEqual(['golive-cee']);
  await expectConforming('/rest/api/3/group/user', 'DELETE', '/rest/api/3/group/user?groupname=golive-cee&accountId=acc-cee', 403, as('pm@example.com'));
  await expectConforming('/rest/api/3/group/user', 'POST', '/rest/api/3/group/user?groupname=golive-cee', 403, { as: 'pm@example.com', body: { accountId: 'acc-pm' } });
  await expectConforming('/rest/api/3/group/user', 'DELETE', '/rest/api/3/group/user?groupname=no-such-group&accountId=acc-cee', 404, admin);
  await expectConforming('/rest/api/3/group/user', 'POST', '/rest/api/3/group/user?groupname=golive-cee', 400, { as: 'admin@example.com', body: {} });
  await expectConforming('/rest/api/3/group/user', 'DELETE', '/rest/api/3/group/user?groupname=golive-cee', 400, admin);
});

test('project and project properties', async () => {
  await expectConforming('/rest/api/3/project/{projectIdOrKey}', 'GET', '/rest/api/3/project/SKU', 200, admin);
  await expectConforming('/rest/api/3/project/{projectIdOrKey}', 'GET', '/rest/api/3/project/NOPE', 404, admin);
  const one = '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}';
  const path = '/rest/api/3/project/SKU/properties/contract.test';
  await expectConforming(one, 'PUT', path, 201, { ...admin, body: [1, 2] });
  await expectConforming(one, 'PUT', path, 200, { ...admin, body: [3] });
  await expectConforming(one, 'PUT', path, 403, { ...as('pm@example.com'), body: [4] });
  await expectConforming('/rest/api/3/project/{projectIdOrKey}/properties', 'GET', '/rest/api/3/project/SKU/properties', 200, admin);
  await expectConforming(one, 'GET', path, 200, admin);
  await expectConforming(one, 'DELETE', path, 204, admin);
  await expectConforming(one, 'GET', path, 404, admin);
});

test('JQL search', async () => {
  const template = '/rest/api/3/search/jql';
  const jql = encodeURIComponent('project = SKU ORDER BY key');
  await expectConforming(template, 'GET', `${template}?jql=${jql}&fields=*all&properties=golive-gate.summary&maxResults=2`, 200, admin);
  await expectConforming(template, 'GET', `${template}?jql=${jql}`, 200, admin);
  await expectConforming(template, 'GET', `${template}?jql=${encodeURIComponent('project = ')}`, 400, admin);
  await expectConforming(template, 'POST', template, 200, { ...admin, body: { jql: 'project = SKU', fields: ['summary', 'status'], maxResults: 1 } });
  await expectConforming(template, 'POST', template, 400, { ...admin, body: { jql: 'nosuchfield = 1' } });
  await expectConforming(template, 'GET', `${template}?jql=${jql}`, 401, { as: undefined });
});

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

test('edit issue', async () => {
  const template = '/rest/api/3/issue/{issueIdOrKey}';
  await expectConforming(template, 'PUT', '/rest/api/3/issue/SKU-1', 204, { ...admin, body: { fields: { summary: 'Add-on A go-live (edited)' } } });
  await expectConforming(template, 'PUT', '/rest/api/3/issue/SKU-1?returnIssue=true', 200, { ...admin, body: { update: { summary: [{ set: 'Add-on A go-live' }] } } });
  await expectConforming(template, 'PUT', '/rest/api/3/issue/SKU-1', 400, { ...admin, body: { fields: { priority: { name: 'High' } } } });
  await expectConforming(template, 'PUT', '/rest/api/3/issue/SKU-9999', 404, { ...admin, body: { fields: { summary: 'x' } } });
});

test('comments', async () => {
  const list = '/rest/api/3/issue/{issueIdOrKey}/comment';
  const one = '/rest/api/3/issue/{issueIdOrKey}/comment/{id}';
  const created = await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-1/comment', 201, { ...as('cee@example.com'), body: { body: adf('/lgtm') } });
  await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-1/comment', 400, { ...admin, body: { body: 'not ADF' } });
  await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-9999/comment', 404, { ...admin, body: { body: adf('x') } });
  await expectConforming(list, 'GET', '/rest/api/3/issue/SKU-1/comment?expand=renderedBody', 200, admin);
  await expectConforming(list, 'GET', '/rest/api/3/issue/SKU-1/comment?orderBy=sideways', 400, admin);
  const { id } = created.body as { id: string };
  await expectConforming(one, 'GET', `/rest/api/3/issue/SKU-1/comment/${id}`, 200, admin);
  await expectConforming(one, 'PUT', `/rest/api/3/issue/SKU-1/comment/${id}`, 200, { ...as('cee@example.com'), body: { body: adf('/lgtm cancel') } });
  await expectConforming(one, 'PUT', `/rest/api/3/issue/SKU-1/comment/${id}`, 400, { ...as('pm@example.com'), body: { body: adf('not mine') } });
  await expectConforming(one, 'DELETE', `/rest/api/3/issue/SKU-1/comment/${id}`, 204, as('cee@example.com'));
  await expectConforming(one, 'GET', `/rest/api/3/issue/SKU-1/comment/${id}`, 404, admin);
});

test('remote links', async () => {
  const list = '/rest/api/3/issue/{issueIdOrKey}/remotelink';
  const one = '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}';
  const link = { globalId: 'gitlab:mr:42', application: { type: 'com.gitlab', name: 'GitLab' }, relationship: 'merge request', object: { url: 'https://gitlab.example.com/a/b/-/merge_requests/42', title: '!42 Add-on A' } };
  const created = await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-1/remotelink', 201, { ...admin, body: link });
  await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-1/remotelink', 200, { ...admin, body: { ...link, object: { ...link.object, title: '!42 Add-on A (draft)' } } });
  await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-1/remotelink', 400, { ...admin, body: { object: { title: 'no url' } } });
  // Jira's description gives the list's schema as one RemoteIssueLink, while its own example (and Jira) answer an array of them.
  const all = await site.request('GET', '/rest/api/3/issue/SKU-1/remotelink', admin);
  const validateLink = ajv.getSchema('jira#/components/schemas/RemoteIssueLink');
  expect(all.status).toBe(200);
  expect((all.body as unknown[]).flatMap((entry) => (validateLink?.(entry) ? [] : (validateLink?.errors ?? [])))).toEqual([]);
  await expectConforming(list, 'GET', '/rest/api/3/issue/SKU-1/remotelink?globalId=gitlab%3Amr%3A42', 200, admin);
  const { id } = created.body as { id: number };
  await expectConforming(one, 'GET', `/rest/api/3/issue/SKU-1/remotelink/${id}`, 200, admin);
  await expectConforming(one, 'PUT', `/rest/api/3/issue/SKU-1/remotelink/${id}`, 204, { ...admin, body: link });
  await expectConforming(one, 'DELETE', `/rest/api/3/issue/SKU-1/remotelink/${id}`, 204, admin);
  await expectConforming(one, 'GET', `/rest/api/3/issue/SKU-1/remotelink/${id}`, 404, admin);
  await expectConforming(list, 'POST', '/rest/api/3/issue/SKU-1/remotelink', 201, { ...admin, body: link });
  await expectConforming(list, 'DELETE', '/rest/api/3/issue/SKU-1/remotelink?globalId=gitlab%3Amr%3A42', 204, admin);
  await expectConforming(list, 'DELETE', '/rest/api/3/issue/SKU-1/remotelink', 400, admin);
});

test('project versions', async () => {
  const created = await expectConforming('/rest/api/3/version', 'POST', '/rest/api/3/version', 201, { ...admin, body: { name: 'Contract 1.0', projectId: 10000, releaseDate: '2031-02-03' } });
  await expectConforming('/rest/api/3/version', 'POST', '/rest/api/3/version', 400, { ...admin, body: { name: 'Contract 1.0', projectId: 10000 } });
  await expectConforming('/rest/api/3/version', 'POST', '/rest/api/3/version', 403, { ...as('pm@example.com'), body: { name: 'Contract 2.0', project: 'SKU' } });
  await expectConforming('/rest/api/3/version', 'POST', '/rest/api/3/version', 404, { ...admin, body: { name: 'Contract 2.0', project: 'NOPE' } });
  const { id } = created.body as { id: string };
  await expectConforming('/rest/api/3/version/{id}', 'GET', `/rest/api/3/version/${id}?expand=issuesstatus`, 200, admin);
  await expectConforming('/rest/api/3/version/{id}', 'PUT', `/rest/api/3/version/${id}`, 200, { ...admin, body: { released: true, releaseDate: '2031-02-04' } });
  await expectConforming('/rest/api/3/version/{id}', 'PUT', `/rest/api/3/version/${id}`, 400, { ...admin, body: { releaseDate: '4 Feb' } });
  await expectConforming('/rest/api/3/version/{id}', 'GET', '/rest/api/3/version/99999', 404, admin);
  await expectConforming('/rest/api/3/project/{projectIdOrKey}/versions', 'GET', '/rest/api/3/project/SKU/versions', 200, admin);
  await expectConforming('/rest/api/3/project/{projectIdOrKey}/versions', 'GET', '/rest/api/3/project/NOPE/versions', 404, admin);
  await expectConforming('/rest/api/3/issue/{issueIdOrKey}', 'GET', '/rest/api/3/issue/SKU-2?fields=fixVersions', 200, admin);
});

test('attachments', async () => {
  const form = new FormData();
  form.append('file', new Blob(['# Playbook\n'], { type: 'text/markdown' }), 'playbook.md');
  const upload = async (headers: Record<string, string>) => {
    const response = await fetch(`${site.url}/rest/api/3/issue/SKU-1/attachments`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('admin@example.com:demo').toString('base64')}`, ...headers },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const refused = await upload({});
  expect(refused.status).toBe(403);
  const uploaded = await upload({ 'X-Atlassian-Token': 'no-check' });
  expect(uploaded.status).toBe(200);
  const documented = ajv.getSchema(`jira#/${pointer('paths', '/rest/api/3/issue/{issueIdOrKey}/attachments', 'post', 'responses', '200', 'content', 'application/json', 'schema')}`);
  expect(documented?.(uploaded.body) ? [] : documented?.errors).toEqual([]);
  const [{ id }] = uploaded.body as [{ id: string }];
  await expectConforming('/rest/api/3/attachment/{id}', 'GET', `/rest/api/3/attachment/${id}`, 200, admin);
  await expectConforming('/rest/api/3/attachment/{id}', 'GET', '/rest/api/3/attachment/99999', 404, admin);
  await expectConforming('/rest/api/3/issue/{issueIdOrKey}', 'GET', '/rest/api/3/issue/SKU-1?fields=attachment', 200, admin);
  await expectConforming('/rest/api/3/attachment/{id}', 'DELETE', `/rest/api/3/attachment/${id}`, 204, admin);
});
