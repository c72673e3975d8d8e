import type { IssueEvent } from './context';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

let site: TestSite;
let events: IssueEvent[];
beforeEach(async () => {
  events = [];
  site = await startTestSite({ now: () => Date.parse('2030-03-10T12:00:00Z'), onIssueEvent: (event) => Promise.resolve(void events.push(event)) });
});
afterEach(() => site.close());
const drain = () => site.request('POST', '/__site/events/drain', { as: { app: true } });
const createVersion = async (name: string, releaseDate: string) => {
  const response = await site.request('POST', '/rest/api/3/version', { as: 'admin@example.com', body: { name, project: 'SKU', releaseDate } });
  return (response.body as { id: string }).id;
};

describe('project versions', () => {
  it('creates, lists and updates versions; overdue is about unreleased versions past their date', async () => {
    const march = await createVersion('Spring launch', '2030-03-01');
    await createVersion('Summer launch', '2030-04-01');
    const listed = await site.request('GET', '/rest/api/3/project/SKU/versions', { as: 'pm@example.com' });
    // After the demo's own releases, in the order they were made.
    expect((listed.body as { name: string }[]).slice(-2)).toMatchObject([
      { name: 'Spring launch', releaseDate: '2030-03-01', released: false, archived: false, overdue: true, projectId: 10000 },
      { name: 'Summer launch', releaseDate: '2030-04-01', overdue: false },
    ]);
    const released = await site.request('PUT', `/rest/api/3/version/${march}`, { as: 'admin@example.com', body: { released: true } });
    expect(released.body).toMatchObject({ name: 'Spring launch', released: true });
    expect(released.body).not.toHaveProperty('overdue');
  });

  it('refuses a duplicate name, a bad date, a start after the release and a non-admin, saying which field', async () => {
    await createVersion('Spring launch', '2030-03-01');
    const cases: [string, unknown, number, string][] = [
      ['admin@example.com', { name: 'Spring launch', project: 'SKU' }, 400, 'name'],
      ['admin@example.com', { name: 'x', project: 'SKU', releaseDate: '1 March' }, 400, 'releaseDate'],
      ['admin@example.com', { name: 'y', project: 'SKU', startDate: '2030-05-01', releaseDate: '2030-04-01' }, 400, 'startDate'],
      ['admin@example.com', { project: 'SKU' }, 400, 'name'],
      ['admin@example.com', { name: 'z', project: 'SKU', colour: 'blue' }, 400, 'body'],
    ];
    for (const [as, body, status, field] of cases) {
      const response = await site.request('POST', '/rest/api/3/version', { as, body });
      expect({ body, status: response.status, fields: Object.keys((response.body as { errors: object }).errors) }).toEqual({ body, status, fields: [field] });
    }
    expect((await site.request('POST', '/rest/api/3/version', { as: 'pm@example.com', body: { name: 'w', project: 'SKU' } })).status).toBe(403);
  });
});

describe('fix versions on issues', () => {
  it('sets fixVersions through PUT /issue by id or name and by add/remove operations, and sends avi:jira:updated:issue with Jira’s changelog', async () => {
    const march = await createVersion('Spring launch', '2030-03-01');
    const april = await createVersion('Summer launch', '2030-04-01');
    expect((await site.request('PUT', '/rest/api/3/issue/SKU-1', { as: 'pm@example.com', body: { fields: { fixVersions: [{ id: march }] } } })).status).toBe(204);
    expect((await site.request('PUT', '/rest/api/3/issue/SKU-1', { as: 'pm@example.com', body: { update: { fixVersions: [{ remove: { name: 'Spring launch' } }, { add: { id: april } }] } } })).status).toBe(204);
    const issue = await site.request('GET', '/rest/api/3/issue/SKU-1?fields=fixVersions', { as: 'pm@example.com' });
    expect(issue.body).toMatchObject({ fields: { fixVersions: [{ id: april, name: 'Summer launch', releaseDate: '2030-04-01' }] } });

    await drain();
    expect(events.map((event) => event.eventType)).toEqual(['avi:jira:updated:issue', 'avi:jira:updated:issue']);
    const [first, second] = events as Extract<IssueEvent, { eventType: 'avi:jira:updated:issue' }>[];
    expect(first).toMatchObject({ atlassianId: 'acc-pm', issue: { key: 'SKU-1' }, changelog: { items: [{ field: 'Fix Version', fieldtype: 'jira', fieldId: 'fixVersions', from: null, fromString: null, to: march, toString: 'Spring launch' }] } });
    expect(second?.changelog.items).toEqual([
      { field: 'Fix Version', fieldtype: 'jira', fieldId: 'fixVersions', from: march, fromString: 'Spring launch', to: null, toString: null },
      { field: 'Fix Version', fieldtype: 'jira', fieldId: 'fixVersions', from: null, fromString: null, to: april, toString: 'Summer launch' },
    ]);
    expect(Number(second?.changelog.id)).toBeGreaterThan(Number(first?.changelog.id));
  });

  it('sends a status changelog (and the statuses) when an issue is transitioned, and nothing when an edit changes nothing', async () => {
    await site.request('POST', '/rest/api/3/issue/SKU-1/transitions', { as: 'pm@example.com', body: { transition: { id: '11' } } });
    await site.request('PUT', '/rest/api/3/issue/SKU-1', { as: 'pm@example.com', body: { fields: { summary: 'Add-on A go-live' } } });
    await drain();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      issue: { key: 'SKU-1', fields: { status: { name: 'In Review' } } },
      changelog: { items: [{ field: 'status', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10001', toString: 'In Review' }] },
      associatedStatuses: [{ id: '10001', name: 'In Review' }, { id: '10000', name: 'To Do' }],
    });
  });

  it('refuses an unknown version, a field it cannot edit or both fields and update for one field, changing nothing', async () => {
    const march = await createVersion('Spring launch', '2030-03-01');
    await site.request('PUT', '/rest/api/3/issue/SKU-2', { as: 'pm@example.com', body: { fields: { fixVersions: [{ id: march }] } } });
    const cases: [unknown, string][] = [
      [{ fields: { fixVersions: [{ name: '1999.01' }] } }, 'fixVersions'],
      [{ fields: { fixVersions: [{ id: march }], summary: '' } }, 'summary'],
      [{ fields: { fixVersions: [] }, update: { fixVersions: [{ add: { id: march } }] } }, 'fixVersions'],
      [{ update: { fixVersions: [{ replace: { id: march } }] } }, 'fixVersions'],
      [{ fields: { assignee: { accountId: 'acc-pm' } } }, 'assignee'],
      [{ fields: { description: 'not ADF' } }, 'description'],
    ];
    for (const [body, field] of cases) {
      const response = await site.request('PUT', '/rest/api/3/issue/SKU-2', { as: 'pm@example.com', body });
      expect({ body, status: response.status, fields: Object.keys((response.body as { errors: object }).errors) }).toEqual({ body, status: 400, fields: [field] });
    }
    const issue = await site.request('GET', '/rest/api/3/issue/SKU-2?fields=fixVersions,summary', { as: 'pm@example.com' });
    expect(issue.body).toMatchObject({ fields: { summary: 'Add-on B go-live', fixVersions: [{ name: 'Spring launch' }] } });
  });
});
