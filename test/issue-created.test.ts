import { DEMO, useSite } from './support/site-client';

// A ticket created over Jira REST is put under the gate by the app's `avi:jira:created:issue` trigger, which the local
// site delivers after answering 201: JQL finds it waiting on its first stage's teams, and each of them is told once.
const env = useSite();
const rest = (method: string, path: string, body?: unknown) => env.client.rest(DEMO.pm, method, path, body);

/** The /notifications page as `accountId` sees it (the site's user-switcher cookie). */
async function notificationsPageOf(accountId: string): Promise<string> {
  const response = await fetch(`${env.site.url}/notifications`, { headers: { cookie: `site-user=${accountId}` } });
  expect(response.status).toBe(200);
  return response.text();
}

const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

describe('a ticket created over REST', () => {
  it('is found by JQL waiting on Managed Tenants SRE, which is notified exactly once', async () => {
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SKU' }, summary: 'Add-on T go-live', issuetype: { name: 'Task' } } });
    expect(created.status).toBe(201);
    const { key } = created.body as { key: string };
    await env.site.drainEvents();

    const jql = 'project = SKU AND goLiveGateStatus = "blocked" AND goLiveGatePending = "mt-sre"';
    const found = await rest('POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 });
    expect(found.status).toBe(200);
    expect((found.body as { issues: { key: string }[] }).issues.map((i) => i.key)).toContain(key);

    expect((await env.site.metrics())['trigger:issue-created']).toBeGreaterThanOrEqual(1);
    const page = await notificationsPageOf('acc-mt-sre');
    expect(occurrences(page, `${key} waits on Managed Tenants SRE`)).toBe(1);
    expect(occurrences(await notificationsPageOf('acc-cee'), `${key} waits on`)).toBe(0);

    // The first panel write compares with the summary the trigger wrote: nobody is told the same thing again.
    const decided = await env.client.invoke(DEMO.approverOf('sre-p'), 'panel', 'decide', { team: 'sre-p', decision: 'approve' }, { issueKey: key });
    expect(decided.ok).toBe(true);
    expect(occurrences(await notificationsPageOf('acc-mt-sre'), `${key} waits on Managed Tenants SRE`)).toBe(1);
  });

  it("on KEP (approvers from the Owning SIG field) tells the approvers of the SIG the ticket names that Alpha waits on them, and not another SIG's", async () => {
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'KEP' }, summary: 'Pod-level resource limits', issuetype: { name: 'Task' }, customfield_10070: { value: 'sig-node' } } });
    expect(created.status).toBe(201);
    const { key } = created.body as { key: string };
    await env.site.drainEvents();

    expect(occurrences(await notificationsPageOf('acc-sig-node'), `${key} waits on Owning SIG for Alpha`)).toBe(1);
    expect(occurrences(await notificationsPageOf('acc-sig-apps'), `${key} waits on`)).toBe(0);
    expect(occurrences(await notificationsPageOf('acc-prr'), `${key} waits on PRR team for Alpha`)).toBe(1);
  });

  it('tells the SIG a KEP names once its Owning SIG is set after it was created, without anyone opening it, and once only', async () => {
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'KEP' }, summary: 'Owner chosen later', issuetype: { name: 'Task' } } });
    const { key } = created.body as { key: string };
    await env.site.drainEvents();
    expect(occurrences(await notificationsPageOf('acc-sig-apps'), `${key} waits on`)).toBe(0);

    expect((await rest('PUT', `/rest/api/3/issue/${key}`, { fields: { customfield_10070: { value: 'sig-apps' } } })).status).toBe(204);
    await env.site.drainEvents();
    expect(occurrences(await notificationsPageOf('acc-sig-apps'), `${key} waits on Owning SIG for Alpha`)).toBe(1);
    expect(occurrences(await notificationsPageOf('acc-sig-node'), `${key} waits on`)).toBe(0);

    // An edit the gate does not judge tells nobody again.
    expect((await rest('PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Owner chosen later, renamed' } })).status).toBe(204);
    await env.site.drainEvents();
    expect(occurrences(await notificationsPageOf('acc-sig-apps'), `${key} waits on Owning SIG for Alpha`)).toBe(1);
  });
});
