import type { IssueEvent } from './context';
import { DEMO_ISSUES, DEMO_PM } from './demo';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

let site: TestSite;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const events: IssueEvent[] = [];
beforeAll(async () => {
  site = await startTestSite({ now: () => NOW, onIssueEvent: (event) => Promise.resolve(void events.push(event)) });
});
afterAll(async () => {
  await site.close();
});

const pm = { as: DEMO_PM.emailAddress };

describe('creating and reading issues', () => {
  test('creates an issue as the caller, answering 201 with id, key and self', async () => {
    const response = await site.request('POST', '/rest/api/3/issue', { ...pm, body: { fields: { project: { key: 'SKU' }, summary: 'Add-on E go-live', issuetype: { name: 'Task' } } } });
    expect(response.status).toBe(201);
    const created = response.body as { id: string; key: string; self: string };
    expect(created.key).toBe(`SKU-${DEMO_ISSUES.length + 1}`);
    expect(created.self).toBe(`${site.url}/rest/api/3/issue/${created.id}`);

    const issue = await site.request('GET', `/rest/api/3/issue/${created.key}`, pm);
    expect(issue.body).toMatchObject({
      id: created.id,
      key: created.key,
      fields: {
        summary: 'Add-on E go-live',
        status: { name: 'To Do', statusCategory: { key: 'new' } },
        project: { id: '10000', key: 'SKU' },
        reporter: { accountId: DEMO_PM.accountId, emailAddress: DEMO_PM.emailAddress },
        issuetype: { name: 'Task' },
        created: '2026-01-15T12:00:00.000+0000',
        updated: '2026-01-15T12:00:00.000+0000',
      },
    });
  });

  test('refuses an issue without summary or with an unknown project, naming each field', async () => {
    const response = await site.request('POST', '/rest/api/3/issue', { ...pm, body: { fields: { project: { key: 'NOPE' }, issuetype: { id: '999' }, environment: 'x' } } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errorMessages: [],
      errors: {
        project: 'Specify a valid project ID or key',
        summary: 'You must specify a summary of the issue.',
        issuetype: 'Specify a valid issue type',
        environment: "Field 'environment' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
    expect((await site.request('POST', '/rest/api/3/issue', { ...pm, rawBody: '{"fields":' })).status).toBe(400);
  });

  test('returns only the requested fields, by id or key', async () => {
    const response = await site.request('GET', '/rest/api/3/issue/10000?fields=summary,status', pm);
    expect(Object.keys((response.body as { fields: object }).fields)).toEqual(['summary', 'status']);
    const excluded = await site.request('GET', '/rest/api/3/issue/SKU-1?fields=*all,-reporter,-description', pm);
    expect(Object.keys((excluded.body as { fields: object }).fields)).not.toContain('reporter');
    expect((excluded.body as { fields: object }).fields).toHaveProperty('created');
  });

  test('returns the requested properties as a key-value object', async () => {
    await site.request('PUT', '/rest/api/3/issue/SKU-2/properties/golive-gate.numbers', { ...pm, body: { capacity: 10 } });
    await site.request('PUT', '/rest/api/3/issue/SKU-2/properties/golive-gate.answers', { ...pm, body: { q1: 'yes' } });
    const get = async (properties: string) => ((await site.request('GET', `/rest/api/3/issue/SKU-2?fields=summary&properties=${properties}`, pm)).body as { properties: unknown }).properties;
    expect(await get('*all')).toEqual({ 'golive-gate.answers': { q1: 'yes' }, 'golive-gate.numbers': { capacity: 10 } });
    expect(await get('*all,-golive-gate.answers')).toEqual({ 'golive-gate.numbers': { capacity: 10 } });
    expect(await get('golive-gate.answers,missing')).toEqual({ 'golive-gate.answers': { q1: 'yes' } });
    const without = await site.request('GET', '/rest/api/3/issue/SKU-2', pm);
    expect(without.body).not.toHaveProperty('properties');
  });

  test('answers 404 for an issue that does not exist', async () => {
    const response = await site.request('GET', '/rest/api/3/issue/SKU-999', pm);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });
});

describe('labels, components and custom fields', () => {
  const ticket = async (fields: Record<string, unknown>): Promise<{ status: number; body: unknown }> =>
    site.request('POST', '/rest/api/3/issue', { ...pm, body: { fields: { project: { key: 'SKU' }, summary: 'Add-on F go-live', issuetype: { name: 'Task' }, ...fields } } });

  test('keeps a select, a group picker, components and labels set at creation, and answers exactly the fields asked for', async () => {
    const created = await ticket({ customfield_10070: { value: 'sig-node' }, customfield_10071: { name: 'golive-sre-p' }, components: [{ name: 'ams' }], labels: ['layered-sre', 'quota'] });
    expect(created.status).toBe(201);
    const { key } = created.body as { key: string };
    const read = await site.request('GET', `/rest/api/3/issue/${key}?fields=summary,customfield_10070,customfield_10071,components,labels,customfield_10072`, pm);
    expect((read.body as { fields: unknown }).fields).toEqual({
      summary: 'Add-on F go-live',
      customfield_10070: { self: `${site.url}/rest/api/3/customFieldOption/10104`, id: '10104', value: 'sig-node' },
      customfield_10071: { name: 'golive-sre-p', groupId: expect.any(String) as string, self: expect.stringContaining('/rest/api/3/group?groupId=') as string },
      components: [{ self: `${site.url}/rest/api/3/component/10301`, id: '10301', name: 'ams' }],
      labels: ['layered-sre', 'quota'],
      customfield_10072: null,
    });
    const all = await site.request('GET', `/rest/api/3/issue/${key}?fields=*all`, pm);
    expect(Object.keys((all.body as { fields: object }).fields)).toEqual(expect.arrayContaining(['customfield_10070', 'customfield_10073', 'labels', 'components']));
  });

  test('edits and clears a custom field through fields or a set operation, and keeps the change in the history', async () => {
    const { key } = (await ticket({ customfield_10070: { value: 'sig-node' } })).body as { key: string };
    expect((await site.request('PUT', `/rest/api/3/issue/${key}`, { ...pm, body: { update: { customfield_10070: [{ set: { id: '10101' } }] }, fields: { customfield_10072: [{ name: 'golive-cee' }, { name: 'golive-sre-p' }] } } })).status).toBe(204);
    const read = await site.request('GET', `/rest/api/3/issue/${key}?fields=customfield_10070,customfield_10072&expand=changelog`, pm);
    const fields = (read.body as { fields: Record<string, unknown> }).fields;
    expect(fields['customfield_10070']).toMatchObject({ value: 'sig-apps' });
    expect((fields['customfield_10072'] as { name: string }[]).map((g) => g.name)).toEqual(['golive-cee', 'golive-sre-p']);
    expect((await site.request('POST', '/__site/events/drain', { as: { app: true } })).status).toBe(204);
    const updated = events.filter((event) => event.eventType === 'avi:jira:updated:issue' && event.issue.key === key);
    expect(updated.map((event) => ('changelog' in event ? event.changelog.items : []))).toEqual([
      [
        { field: 'Owning SIG', fieldtype: 'custom', fieldId: 'customfield_10070', from: '10104', fromString: 'sig-node', to: '10101', toString: 'sig-apps' },
        { field: 'Reviewing groups', fieldtype: 'custom', fieldId: 'customfield_10072', from: null, fromString: null, to: expect.any(String) as string, toString: 'golive-cee golive-sre-p' },
      ],
    ]);
    expect((await site.request('PUT', `/rest/api/3/issue/${key}`, { ...pm, body: { fields: { customfield_10070: null } } })).status).toBe(204);
    const cleared = await site.request('GET', `/rest/api/3/issue/${key}?fields=customfield_10070`, pm);
    expect((cleared.body as { fields: Record<string, unknown> }).fields['customfield_10070']).toBeNull();
  });

  test('refuses an option, group or component that does not exist, and a list for a single value, naming each field and storing nothing', async () => {
    const refused = await ticket({ customfield_10070: { value: 'sig-nope' }, customfield_10071: { name: 'no-such-group' }, components: [{ name: 'kubelet' }], customfield_10073: { value: 'networking' }, labels: ['two words'] });
    expect(refused).toMatchObject({
      status: 400,
      body: {
        errorMessages: [],
        errors: {
          customfield_10070: 'Option "sig-nope" is not valid for field Owning SIG.',
          customfield_10071: 'The group named is not a group of this site (field Approver group).',
          components: 'Component "kubelet" is not valid for project SKU.',
          customfield_10073: 'Specify Affected areas as a list.',
          labels: 'Labels are words without spaces, at most 255 characters.',
        },
      },
    });
  });
});

describe('issue properties', () => {
  const path = '/rest/api/3/issue/SKU-3/properties/golive-gate.team.cee';

  test('answers 201 when created, 200 when updated, and lists, reads and deletes it', async () => {
    expect((await site.request('PUT', path, { ...pm, body: { decision: 'approved' } })).status).toBe(201);
    expect((await site.request('PUT', path, { ...pm, body: { decision: 'declined' } })).status).toBe(200);
    expect((await site.request('GET', path, pm)).body).toEqual({ key: 'golive-gate.team.cee', value: { decision: 'declined' } });
    expect((await site.request('GET', '/rest/api/3/issue/SKU-3/properties', pm)).body).toEqual({
      keys: [{ key: 'golive-gate.team.cee', self: `${site.url}/rest/api/3/issue/10002/properties/golive-gate.team.cee` }],
    });
    expect((await site.request('DELETE', path, pm)).status).toBe(204);
    const gone = await site.request('GET', path, pm);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errorMessages: ["The property with key 'golive-gate.team.cee' does not exist."], errors: {} });
  });

  test('refuses a body that is not JSON, and keeps the stored value', async () => {
    await site.request('PUT', path, { ...pm, body: { kept: true } });
    const response = await site.request('PUT', path, { ...pm, rawBody: "{'single': 'quotes'}" });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorMessages: ['The property value must be a valid JSON.'], errors: {} });
    expect((await site.request('PUT', path, { ...pm, rawBody: '   ' })).status).toBe(400);
    expect((await site.request('GET', path, pm)).body).toEqual({ key: 'golive-gate.team.cee', value: { kept: true } });
  });

  test('accepts a value of exactly 32,768 characters and refuses one more', async () => {
    const valueOfLength = (length: number) => JSON.stringify('x'.repeat(length - 2));
    expect((await site.request('PUT', path, { ...pm, rawBody: valueOfLength(32_768) })).status).toBe(200);
    const tooLong = await site.request('PUT', path, { ...pm, rawBody: valueOfLength(32_769) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ errorMessages: ['The property value cannot be longer than 32768 characters.'], errors: {} });
  });

  test('accepts a key of 255 characters and refuses 256', async () => {
    expect((await site.request('PUT', `/rest/api/3/issue/SKU-3/properties/${'k'.repeat(255)}`, { ...pm, body: 1 })).status).toBe(201);
    const tooLong = await site.request('PUT', `/rest/api/3/issue/SKU-3/properties/${'k'.repeat(256)}`, { ...pm, body: 1 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ errorMessages: ['The property key cannot be longer than 255 characters.'], errors: {} });
  });

  test('keeps keys with reserved characters intact', async () => {
    const key = 'odd key/with?chars';
    expect((await site.request('PUT', `/rest/api/3/issue/SKU-3/properties/${encodeURIComponent(key)}`, { ...pm, body: { ok: 1 } })).status).toBe(201);
    expect((await site.request('GET', `/rest/api/3/issue/SKU-3/properties/${encodeURIComponent(key)}`, pm)).body).toEqual({ key, value: { ok: 1 } });
  });

  test('answers 404 for properties of a missing issue', async () => {
    expect((await site.request('PUT', '/rest/api/3/issue/SKU-999/properties/x', { ...pm, body: 1 })).status).toBe(404);
    expect((await site.request('GET', '/rest/api/3/issue/SKU-999/properties', pm)).status).toBe(404);
  });
});

describe('project properties', () => {
  const path = '/rest/api/3/project/SKU/properties/golive-gate.config';

  test('only a project admin (or the app) may write them; everyone may read them', async () => {
    const refused = await site.request('PUT', path, { ...pm, body: { v: 1 } });
    expect(refused.status).toBe(403);
    expect((await site.request('PUT', path, { as: 'admin@example.com', body: { v: 1 } })).status).toBe(201);
    expect((await site.request('PUT', path, { as: { app: true }, body: { v: 2 } })).status).toBe(200);
    expect((await site.request('GET', path, pm)).body).toEqual({ key: 'golive-gate.config', value: { v: 2 } });
    expect((await site.request('GET', '/rest/api/3/project/10000/properties', pm)).body).toEqual({
      keys: [{ key: 'golive-gate.config', self: `${site.url}/rest/api/3/project/10000/properties/golive-gate.config` }],
    });
    expect((await site.request('DELETE', path, pm)).status).toBe(403);
    expect((await site.request('DELETE', path, { as: 'admin@example.com' })).status).toBe(204);
  });

  test('answers 404 for an unknown project', async () => {
    const response = await site.request('GET', '/rest/api/3/project/NOPE/properties', pm);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
  });

  test('reads the project', async () => {
    expect((await site.request('GET', '/rest/api/3/project/SKU', pm)).body).toMatchObject({ id: '10000', key: 'SKU', lead: { accountId: DEMO_PM.accountId } });
  });
});
