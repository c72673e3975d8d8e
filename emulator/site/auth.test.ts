import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});

const UNAUTHENTICATED = { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} };

test('answers 401 with Jira’s body when credentials are missing', async () => {
  const response = await site.request('GET', '/rest/api/3/myself');
  expect(response.status).toBe(401);
  expect(response.body).toEqual(UNAUTHENTICATED);
});

test('answers 401 for a wrong API token or an unknown email', async () => {
  expect((await site.request('GET', '/rest/api/3/myself', { as: { basic: 'pm@example.com:wrong' } })).status).toBe(401);
  expect((await site.request('GET', '/rest/api/3/myself', { as: { basic: 'nobody@example.com:demo' } })).status).toBe(401);
  expect((await site.request('GET', '/rest/api/3/myself', { as: { basic: 'no-colon-at-all' } })).status).toBe(401);
});

test('authenticates a demo user with Basic email:token', async () => {
  const response = await site.request('GET', '/rest/api/3/myself', { as: 'sre-p@example.com' });
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ accountId: 'acc-sre-p', emailAddress: 'sre-p@example.com', accountType: 'atlassian', active: true });
});

test('the Forge app header acts as the app, or as the named principal', async () => {
  const asApp = await site.request('GET', '/rest/api/3/myself', { as: { app: true } });
  expect(asApp.body).toMatchObject({ accountType: 'app' });
  const asUser = await site.request('GET', '/rest/api/3/myself', { as: { app: true, principal: 'acc-pm' } });
  expect(asUser.body).toMatchObject({ accountId: 'acc-pm' });
  expect((await site.request('GET', '/rest/api/3/myself', { as: { app: true, principal: 'acc-nobody' } })).status).toBe(401);
  expect((await site.request('GET', '/rest/api/3/myself', { headers: { Authorization: 'Forge not-the-secret' } })).status).toBe(401);
});

test('the site-user cookie (browser user switcher) selects a user', async () => {
  const response = await site.request('GET', '/rest/api/3/myself', { headers: { Cookie: 'theme=dark; site-user=acc-admin' } });
  expect(response.body).toMatchObject({ accountId: 'acc-admin' });
});

test('site.authenticate and site.users expose the same identities to the host', () => {
  const users = site.site.users();
  expect(users.map((user) => user.emailAddress)).toEqual(expect.arrayContaining(['admin@example.com', 'pm@example.com', 'sre-p@example.com']));
  expect(users.find((user) => user.accountId === 'acc-admin')?.groups).toEqual(['golive-overriders', 'jira-administrators']);
});

test('answers 404 Jira-style for an unknown REST path and 405 for a wrong method, and leaves other paths to the host', async () => {
  const unknown = await site.request('GET', '/rest/api/3/dashboard', { as: 'pm@example.com' });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toEqual({ errorMessages: ['No REST resource exists at /rest/api/3/dashboard.'], errors: {} });
  const wrongMethod = await site.request('PATCH', '/rest/api/3/myself', { as: 'pm@example.com' });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('GET');
  expect((await site.request('GET', '/browse/SKU-1')).status).toBe(404);
  expect((await site.request('GET', '/rest/api/3/issue/%E0%A4%A', { as: 'pm@example.com' })).status).toBe(404);
});
