import type { IssueEvent } from './context';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

const adf = (...lines: string[]) => ({ type: 'doc', version: 1, content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
interface Comment {
  id: string;
  author: { accountId: string; accountType: string };
  updateAuthor: { accountId: string };
  body: unknown;
  renderedBody?: string;
  created: string;
  updated: string;
}

let site: TestSite;
let events: IssueEvent[];
let clock: number;
beforeEach(async () => {
  clock = Date.parse('2030-01-01T00:00:00Z');
  events = [];
  site = await startTestSite({ now: () => clock, onIssueEvent: (event) => Promise.resolve(void events.push(event)) });
});
afterEach(() => site.close());
const drain = () => site.request('POST', '/__site/events/drain', { as: { app: true } });

describe('issue comments', () => {
  it('adds a comment as the signed-in user with an ADF body and lists it, oldest first, with a plain-text rendering on request', async () => {
    const first = await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: 'mt-sre@example.com', body: { body: adf('/lgtm') } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ author: { accountId: 'acc-mt-sre', accountType: 'atlassian' }, updateAuthor: { accountId: 'acc-mt-sre' }, body: adf('/lgtm'), created: '2030-01-01T00:00:00.000+0000' });
    clock += 60_000;
    await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: { app: true }, body: { body: adf('Recorded: Managed Tenants SRE approved', 'Promote to prod: ready') } });

    const page = await site.request('GET', '/rest/api/3/issue/SKU-2/comment?expand=renderedBody', { as: 'pm@example.com' });
    expect(page.body).toMatchObject({ startAt: 0, total: 2 });
    const comments = (page.body as { comments: Comment[] }).comments;
    expect(comments.map((comment) => [comment.author.accountType, comment.renderedBody])).toEqual([
      ['atlassian', '<p>/lgtm</p>'],
      ['app', '<p>Recorded: Managed Tenants SRE approved</p><p>Promote to prod: ready</p>'],
    ]);
    const newestFirst = await site.request('GET', '/rest/api/3/issue/SKU-2/comment?orderBy=-created&maxResults=1', { as: 'pm@example.com' });
    expect(newestFirst.body).toMatchObject({ maxResults: 1, total: 2, comments: [{ author: { accountType: 'app' } }] });
    const issue = await site.request('GET', '/rest/api/3/issue/SKU-2?fields=comment,updated', { as: 'pm@example.com' });
    expect(issue.body).toMatchObject({ fields: { comment: { total: 2 }, updated: '2030-01-01T00:01:00.000+0000' } });
  });

  it('lets only the author (or a project admin) edit or delete a comment', async () => {
    const created = await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: 'cee@example.com', body: { body: adf('/approve cee go-live') } });
    const { id } = created.body as Comment;
    clock += 5_000;
    const byOther = await site.request('PUT', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'pm@example.com', body: { body: adf('/decline hijacked') } });
    expect(byOther).toMatchObject({ status: 400, body: { errorMessages: ['You do not have the permission to edit this comment.'] } });
    const edited = await site.request('PUT', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'cee@example.com', body: { body: adf('/revoke') } });
    expect(edited.body).toMatchObject({ body: adf('/revoke'), created: '2030-01-01T00:00:00.000+0000', updated: '2030-01-01T00:00:05.000+0000' });
    expect((await site.request('DELETE', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'pm@example.com' })).status).toBe(400);
    expect((await site.request('DELETE', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'admin@example.com' })).status).toBe(204);
    expect((await site.request('GET', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'pm@example.com' })).status).toBe(404);
  });

  it('answers 400 naming what is wrong with a body, and keeps nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ body: 'plain text is the v2 API' }, /Atlassian Document Format/],
      [{}, /can not be empty/],
      [{ body: adf('   ') }, /can not be empty/],
      [{ body: adf('x'.repeat(32_768)) }, /exceeds the allowed limit of 32,?767/],
      [{ body: adf('hi'), visibility: { type: 'group', value: 'golive-cee' } }, /visibility/],
      [['not', 'an', 'object'], /Send the comment as/],
    ];
    for (const [body, message] of cases) {
      const response = await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: 'cee@example.com', body });
      expect(response.status).toBe(400);
      expect(Object.values((response.body as { errors: Record<string, string> }).errors).join(' ')).toMatch(message);
    }
    expect((await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: 'cee@example.com', rawBody: '{"body": ' })).status).toBe(400);
    expect((await site.request('GET', '/rest/api/3/issue/SKU-2/comment/abc', { as: 'cee@example.com' })).status).toBe(404);
    expect((await site.request('GET', '/rest/api/3/issue/SKU-2/comment?startAt=-1', { as: 'cee@example.com' })).status).toBe(400);
    expect((await site.request('GET', '/rest/api/3/issue/SKU-2/comment', { as: 'cee@example.com' })).body).toMatchObject({ total: 0 });
  });

  it('sends avi:jira:commented:issue when a comment is made or edited and avi:jira:deleted:comment when it goes, after answering', async () => {
    const created = await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: 'cee@example.com', body: { body: adf('/lgtm') } });
    const { id } = created.body as Comment;
    await site.request('PUT', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'cee@example.com', body: { body: adf('/lgtm cancel') } });
    await site.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: { app: true }, body: { body: adf('From the app') } });
    await site.request('DELETE', `/rest/api/3/issue/SKU-2/comment/${id}`, { as: 'cee@example.com' });
    await drain();
    expect(events.map((event) => [event.eventType, event.atlassianId, event.selfGenerated])).toEqual([
      ['avi:jira:commented:issue', 'acc-cee', false],
      ['avi:jira:commented:issue', 'acc-cee', false],
      ['avi:jira:commented:issue', undefined, true],
      ['avi:jira:deleted:comment', 'acc-cee', false],
    ]);
    expect(events[1]).toMatchObject({
      issue: { key: 'SKU-2', fields: { summary: 'Add-on B go-live', project: { key: 'SKU' }, status: { name: 'In Review' } } },
      associatedUsers: [{ accountId: 'acc-cee' }],
      comment: { id, author: { accountId: 'acc-cee' }, updateAuthor: { accountId: 'acc-cee' }, body: adf('/lgtm cancel') },
    });
    expect(Object.keys((events[0] as { issue: { fields: object } }).issue.fields).sort()).toEqual(['created', 'issuetype', 'project', 'reporter', 'status', 'summary', 'updated']);
  });
});
