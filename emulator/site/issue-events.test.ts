import type { IssueEvent } from './context';
import { DEMO_PM } from './demo';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

const create = (site: TestSite, summary: string) =>
  site.request('POST', '/rest/api/3/issue', { as: DEMO_PM.emailAddress, body: { fields: { project: { key: 'SKU' }, summary, issuetype: { name: 'Task' } } } });
const drain = (site: TestSite) => site.request('POST', '/__site/events/drain', { as: { app: true } });

describe('issue events for the app’s triggers', () => {
  let site: TestSite | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  it('answers 201 without waiting for the trigger, then delivers avi:jira:created:issue with the issue and its creator', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const delivered: IssueEvent[] = [];
    site = await startTestSite({
      onIssueEvent: async (event) => {
        await held;
        delivered.push(event);
      },
    });

    const created = await create(site, 'Add-on T go-live');
    expect(created.status).toBe(201);
    expect(delivered).toEqual([]);

    const drained = drain(site);
    release();
    expect((await drained).status).toBe(204);
    const { id, key } = created.body as { id: string; key: string };
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      eventType: 'avi:jira:created:issue',
      issue: { id, key, fields: { summary: 'Add-on T go-live', project: { id: '10000', key: 'SKU' }, reporter: { accountId: DEMO_PM.accountId } } },
      atlassianId: DEMO_PM.accountId,
    });
  });

  it('logs a trigger that fails and keeps serving', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      site = await startTestSite({ onIssueEvent: () => Promise.reject(new Error('trigger exploded')) });
      const created = await create(site, 'Add-on U go-live');
      expect(created.status).toBe(201);
      expect((await drain(site)).status).toBe(204);
      expect((await site.request('GET', `/rest/api/3/issue/${(created.body as { key: string }).key}`, { as: DEMO_PM.emailAddress })).status).toBe(200);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('delivering avi:jira:created:issue'), expect.objectContaining({ message: 'trigger exploded' }));
    } finally {
      logged.mockRestore();
    }
  });

  it('lets only the app and site operators wait for the queue', async () => {
    site = await startTestSite();
    expect((await drain(site)).status).toBe(204);
    expect((await site.request('POST', '/__site/events/drain')).status).toBe(401);
  });
});
