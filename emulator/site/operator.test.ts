// Operator endpoints the reference-model test relies on: resetting a ticket's status and waiting for late writes.
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

let site: TestSite;
const admin = { as: 'admin@example.com' };
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});

const statusOf = async (key: string): Promise<string> => ((await site.request('GET', `/rest/api/3/issue/${key}?fields=status`, admin)).body as { fields: { status: { name: string } } }).fields.status.name;

test('an operator puts a ticket back in a status without running validators', async () => {
  expect(await statusOf('SKU-4')).toBe('Live');
  expect((await site.request('PUT', '/__site/issues/SKU-4/status', { ...admin, body: { status: 'In Review' } })).status).toBe(204);
  expect(await statusOf('SKU-4')).toBe('In Review');
  expect((await site.request('PUT', '/__site/issues/SKU-4/status', { ...admin, body: { status: 'Nowhere' } })).status).toBe(400);
  expect((await site.request('PUT', '/__site/issues/SKU-99/status', { ...admin, body: { status: 'Live' } })).status).toBe(404);
  expect((await site.request('PUT', '/__site/issues/SKU-4/status', { as: 'pm@example.com', body: { status: 'Live' } })).status).toBe(403);
});

test('refuses a late write for Jira, and settles at once when no late write is in flight', async () => {
  expect((await site.request('POST', '/__site/faults', { ...admin, body: { target: 'jira', lateMs: 10 } })).status).toBe(400);
  expect((await site.request('POST', '/__site/faults/settle', admin)).status).toBe(204);
});
