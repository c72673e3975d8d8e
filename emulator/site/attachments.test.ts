import { MAX_ATTACHMENT_BYTES } from './routes/attachments';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const basic = (email: string) => `Basic ${Buffer.from(`${email}:demo`).toString('base64')}`;
const upload = async (issue: string, files: { name: string; content: BlobPart; type?: string }[], headers: Record<string, string> = { 'X-Atlassian-Token': 'no-check' }) => {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([file.content], file.type === undefined ? {} : { type: file.type }), file.name);
  const response = await fetch(`${site.url}/rest/api/3/issue/${issue}/attachments`, { method: 'POST', headers: { Authorization: basic('pm@example.com'), ...headers }, body: form });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('issue attachments', () => {
  it('uploads files (multipart, X-Atlassian-Token: no-check), lists them in the issue’s attachment field and serves their content', async () => {
    const playbook = '# Playbook\n\nCapacity: 500 customers.\n';
    const uploaded = await upload('SKU-3', [
      { name: 'playbook.md', content: playbook },
      { name: 'numbers.bin', content: new Uint8Array([0, 255, 1, 254]) },
    ]);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject([
      { filename: 'playbook.md', mimeType: 'text/markdown', size: Buffer.byteLength(playbook), author: { accountId: 'acc-pm' } },
      { filename: 'numbers.bin', mimeType: 'application/octet-stream', size: 4 },
    ]);
    const [first, second] = uploaded.body as [{ id: string; content: string }, { id: string; content: string }];

    const issue = await site.request('GET', '/rest/api/3/issue/SKU-3?fields=attachment', { as: 'cee@example.com' });
    expect((issue.body as { fields: { attachment: { id: string }[] } }).fields.attachment.map((a) => a.id)).toEqual([first.id, second.id]);

    // As in Jira, the content URL redirects (303) to where the bytes are; fetch follows it.
    const redirect = await fetch(first.content, { headers: { Authorization: basic('cee@example.com') }, redirect: 'manual' });
    expect(redirect.status).toBe(303);
    const content = await fetch(first.content, { headers: { Authorization: basic('cee@example.com') } });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('text/markdown');
    expect(content.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''playbook.md");
    expect(await content.text()).toBe(playbook);
    const bytes = await fetch(`${second.content}?redirect=false`, { headers: { Authorization: basic('cee@example.com') } });
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([0, 255, 1, 254]);
  });

  it('refuses an upload without the XSRF header (403), without files or not multipart (400), and over the limit (413)', async () => {
    expect((await upload('SKU-3', [{ name: 'a.txt', content: 'a' }], {})).status).toBe(403);
    const notMultipart = await site.request('POST', '/rest/api/3/issue/SKU-3/attachments', { as: 'pm@example.com', headers: { 'X-Atlassian-Token': 'no-check' }, body: { file: 'x' } });
    expect(notMultipart).toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining('multipart/form-data') as string] } });
    const form = new FormData();
    form.append('comment', 'no file here');
    const noFile = await fetch(`${site.url}/rest/api/3/issue/SKU-3/attachments`, { method: 'POST', headers: { Authorization: basic('pm@example.com'), 'X-Atlassian-Token': 'no-check' }, body: form });
    expect(noFile.status).toBe(400);
    expect((await upload('SKU-3', [{ name: 'huge.bin', content: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }])).status).toBe(413);
    expect((await upload('SKU-9999', [{ name: 'a.txt', content: 'a' }])).status).toBe(404);
  });

  it('lets only the uploader or a project admin delete an attachment', async () => {
    const uploaded = await upload('SKU-1', [{ name: 'notes.txt', content: 'notes' }]);
    const [{ id }] = uploaded.body as [{ id: string }];
    expect((await site.request('DELETE', `/rest/api/3/attachment/${id}`, { as: 'cee@example.com' })).status).toBe(403);
    expect((await site.request('DELETE', `/rest/api/3/attachment/${id}`, { as: 'pm@example.com' })).status).toBe(204);
    expect((await site.request('GET', `/rest/api/3/attachment/${id}`, { as: 'pm@example.com' })).status).toBe(404);
  });
});
