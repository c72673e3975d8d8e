import { SKU_DEMO_USERS, MANAGED_ADDON_TEAMS, teamGroup } from './demo';
import { groupIdOf } from './seed';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});

const pm = { as: 'pm@example.com' };

test('lists every demo user with their email address', async () => {
  const response = await site.request('GET', '/rest/api/3/users/search?maxResults=100', pm);
  const users = response.body as { accountId: string; emailAddress: string }[];
  expect(users).toHaveLength(SKU_DEMO_USERS.length);
  expect(users).toEqual(expect.arrayContaining(SKU_DEMO_USERS.map((user): unknown => expect.objectContaining({ accountId: user.accountId, emailAddress: user.emailAddress }))));
  const page = await site.request('GET', '/rest/api/3/users/search?startAt=2&maxResults=3', pm);
  expect(page.body).toEqual(users.slice(2, 5));
});

test('looks up display names of several accounts at once, leaving out unknown ones', async () => {
  const response = await site.request('GET', '/rest/api/3/user/bulk?accountId=acc-cee&accountId=acc-nobody&accountId=acc-pm&maxResults=50', pm);
  expect(response.body).toMatchObject({ startAt: 0, total: 2, isLast: true, values: [{ accountId: 'acc-cee', displayName: 'Cora CEE' }, { accountId: 'acc-pm', displayName: 'Pat PM' }] });
  const page = await site.request('GET', '/rest/api/3/user/bulk?accountId=acc-cee&accountId=acc-pm&maxResults=1', pm);
  expect(page.body).toMatchObject({ total: 2, isLast: false, values: [{ accountId: 'acc-cee' }] });
  expect((await site.request('GET', '/rest/api/3/user/bulk', pm)).status).toBe(400);
});

test('lists a user’s groups', async () => {
  const response = await site.request('GET', '/rest/api/3/user/groups?accountId=acc-sre-p', pm);
  expect(response.body).toEqual([{ name: 'golive-sre-p', groupId: groupIdOf('golive-sre-p'), self: `${site.url}/rest/api/3/group?groupId=${groupIdOf('golive-sre-p')}` }]);
  expect((await site.request('GET', '/rest/api/3/user/groups?accountId=acc-nobody', pm)).status).toBe(404);
  expect((await site.request('GET', '/rest/api/3/user/groups', pm)).status).toBe(400);
});

test('there is one group per managed add-on team with its approver', async () => {
  for (const team of MANAGED_ADDON_TEAMS) {
    const response = await site.request('GET', `/rest/api/3/group/member?groupname=${teamGroup(team.key)}`, pm);
    expect(response.body).toMatchObject({ startAt: 0, total: 1, isLast: true, values: [{ accountId: `acc-${team.key}`, emailAddress: `${team.key}@example.com` }] });
  }
});

test('pages group members by startAt and maxResults, by name or id', async () => {
  const first = await site.request('GET', '/rest/api/3/group/member?groupname=golive-overriders&maxResults=1', pm);
  expect(first.body).toMatchObject({ startAt: 0, maxResults: 1, total: 1, isLast: true, values: [{ accountId: 'acc-admin' }] });
  const byId = await site.request(`GET`, `/rest/api/3/group/member?groupId=${groupIdOf('jira-administrators')}`, pm);
  expect(byId.body).toMatchObject({ total: 1, values: [{ accountId: 'acc-admin' }] });
  expect((await site.request('GET', '/rest/api/3/group/member?groupname=nope', pm)).status).toBe(404);
  expect((await site.request('GET', '/rest/api/3/group/member', pm)).status).toBe(400);
});

test('the group picker finds groups by part of their name', async () => {
  const response = await site.request('GET', '/rest/api/3/groups/picker?query=sre', pm);
  const body = response.body as { total: number; header: string; groups: { name: string; html: string }[] };
  expect(body.groups.map((group) => group.name)).toEqual(['golive-layered-sre', 'golive-mt-sre', 'golive-osd-sre', 'golive-sre-p']);
  expect(body.total).toBe(4);
  expect(body.header).toBe('Showing 4 of 4 matching groups');
  expect(body.groups[3]?.html).toBe('golive-<b>sre</b>-p');
});

describe('my permissions', () => {
  const permissions = async (email: string, query: string) =>
    (await site.request('GET', `/rest/api/3/mypermissions?${query}&permissions=ADMINISTER_PROJECTS,EDIT_ISSUES,BROWSE_PROJECTS`, { as: email })).body as {
      permissions: Record<string, { havePermission: boolean; key: string }>;
    };

  test('the admin administers SKU; every demo user browses and edits it', async () => {
    const admin = await permissions('admin@example.com', 'projectKey=SKU');
    expect(admin.permissions['ADMINISTER_PROJECTS']).toMatchObject({ key: 'ADMINISTER_PROJECTS', havePermission: true });
    const pmPermissions = await permissions('pm@example.com', 'projectKey=SKU');
    expect(Object.fromEntries(Object.entries(pmPermissions.permissions).map(([key, value]) => [key, value.havePermission]))).toEqual({
      ADMINISTER_PROJECTS: false,
      EDIT_ISSUES: true,
      BROWSE_PROJECTS: true,
    });
    expect((await permissions('cee@example.com', 'issueKey=SKU-1')).permissions['EDIT_ISSUES']?.havePermission).toBe(true);
  });

  test('the app holds every permission', async () => {
    const response = await site.request('GET', '/rest/api/3/mypermissions?projectId=10000&permissions=ADMINISTER_PROJECTS', { as: { app: true } });
    expect(response.body).toMatchObject({ permissions: { ADMINISTER_PROJECTS: { havePermission: true } } });
  });

  test('refuses a missing or unknown permission key and an unknown project', async () => {
    expect((await site.request('GET', '/rest/api/3/mypermissions?projectKey=SKU', pm)).status).toBe(400);
    const unknown = await site.request('GET', '/rest/api/3/mypermissions?projectKey=SKU&permissions=FLY', pm);
    expect(unknown.body).toEqual({ errorMessages: ['Unknown permission keys: FLY.'], errors: {} });
    expect((await site.request('GET', '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS', pm)).status).toBe(404);
  });
});
