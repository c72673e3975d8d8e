import { notificationsPage } from '../host/pages/notifications-page';
import { startTestSite } from './test-support';
import type { TestSite } from './test-support';

const SENT_MS = Date.parse('2026-03-01T09:30:00.000Z');

describe('the local site keeps notifications instead of e-mailing them', () => {
  let site: TestSite;
  let issueKey: string;

  beforeAll(async () => {
    site = await startTestSite({ now: () => SENT_MS });
    const created = await site.request('POST', '/rest/api/3/issue', {
      as: 'pm@example.com',
      body: { fields: { project: { key: 'SKU' }, summary: 'Add-on <script>alert(1)</script>', issuetype: { name: 'Task' } } },
    });
    issueKey = (created.body as { key: string }).key;
  });
  afterAll(() => site.close());

  const notify = (key: string, body: unknown) => site.request('POST', `/rest/api/3/issue/${key}/notify`, { as: { app: true }, body });

  it('answers 204 and keeps the message with the members of the groups it went to', async () => {
    const answer = await notify(issueKey, { subject: `${issueKey} waits on CEE`, textBody: 'Please review.\n\n<b>Thanks</b>', htmlBody: '<p>Please review.</p>', to: { groups: [{ name: 'golive-cee' }] } });
    expect(answer.status).toBe(204);
    expect(site.site.notifications()[0]).toMatchObject({
      issueKey, subject: `${issueKey} waits on CEE`, groups: ['golive-cee'], recipients: ['acc-cee'], sentBy: 'app', sentAt: '2026-03-01T09:30:00.000Z',
    });
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await site.request('POST', `/rest/api/3/issue/${issueKey}/notify`, { body: { to: { groups: [{ name: 'golive-cee' }] } } })).status).toBe(401);
  });

  it.each([
    [{ to: { groups: [{ name: 'golive-nobody' }] } }, "Group 'golive-nobody' does not exist."],
    [{ subject: 'x' }, 'No recipients were defined for notification.'],
    [{ to: { users: [{ accountId: 'acc-ghost' }] } }, "User 'acc-ghost' does not exist."],
  ])('refuses %j with 400 as Jira does', async (body, message) => {
    const answer = await notify(issueKey, body);
    expect([answer.status, answer.body]).toEqual([400, { errorMessages: [message], errors: {} }]);
  });

  it('refuses with 400 a notification whose only recipient is the caller', async () => {
    const answer = await site.request('POST', `/rest/api/3/issue/${issueKey}/notify`, { as: 'cee@example.com', body: { to: { users: [{ accountId: 'acc-cee' }] } } });
    expect([answer.status, answer.body]).toEqual([400, { errorMessages: ['The recipient is the same as the calling user.'], errors: {} }]);
    const toTeam = await site.request('POST', `/rest/api/3/issue/${issueKey}/notify`, { as: 'cee@example.com', body: { to: { users: [{ accountId: 'acc-cee' }, { accountId: 'acc-pm' }] } } });
    expect(toTeam.status).toBe(204);
  });

  it('answers 403 while outgoing mail is off, and sends again once it is on', async () => {
    const setMail = (enabled: boolean) => site.request('PUT', '/__site/settings/outgoing-mail', { as: { app: true }, body: { enabled } });
    expect((await setMail(false)).status).toBe(204);
    const sent = site.site.notifications().length;
    try {
      const refused = await notify(issueKey, { to: { groups: [{ name: 'golive-cee' }] } });
      expect([refused.status, refused.body]).toEqual([403, { errorMessages: ['Outgoing mail is disabled, so no notification can be sent.'], errors: {} }]);
      expect(site.site.notifications()).toHaveLength(sent);
    } finally {
      expect((await setMail(true)).status).toBe(204);
    }
    expect((await notify(issueKey, { to: { groups: [{ name: 'golive-cee' }] } })).status).toBe(204);
  });

  it('answers 404 for an issue that does not exist', async () => {
    expect((await notify('SKU-99999', { to: { groups: [{ name: 'golive-cee' }] } })).status).toBe(404);
  });

  it('shows them at /notifications to their recipients, as text, never as markup', async () => {
    const cee = { accountId: 'acc-cee', emailAddress: 'cee@example.com', displayName: 'Cora CEE' };
    const noStatuses = () => Promise.resolve(new Map());
    const page = await notificationsPage(site.site, { user: cee, theme: 'light', path: '/notifications', now: Date.now(), frameOrigin: 'http://localhost:8081' }, noStatuses);
    expect(page.body.text).toContain(`${issueKey} waits on CEE`);
    expect(page.body.text).toContain('&lt;b&gt;Thanks&lt;/b&gt;');
    expect(page.body.text).not.toContain('<b>');
    const pm = await notificationsPage(site.site, { user: { ...cee, accountId: 'acc-pm' }, theme: 'light', path: '/notifications', now: Date.now(), frameOrigin: 'http://localhost:8081' }, noStatuses);
    expect(pm.body.text).not.toContain(`${issueKey} waits on CEE`);
  });
});
