import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { DEMO_ISSUES, SKU_DEMO_USERS } from './demo';
import { startTestSite } from './test-support';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'site-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('writes survive closing and reopening the same database file', async () => {
  const file = join(dir, 'nested', 'site.sqlite');
  const first = await startTestSite({ file });
  const created = await first.request('POST', '/rest/api/3/issue', { as: 'pm@example.com', body: { fields: { project: { key: 'SKU' }, summary: 'Survives', issuetype: { name: 'Task' } } } });
  await first.request('PUT', '/rest/api/3/issue/SKU-1/properties/golive-gate.summary', { as: { app: true }, body: { status: 'ready' } });
  await first.request('PUT', '/rest/api/3/project/SKU/properties/config', { as: 'admin@example.com', body: { version: 3 } });
  await first.request('POST', '/rest/api/3/issue/SKU-1/transitions', { as: 'pm@example.com', body: { transition: { id: '11' } } });
  first.site.workflow.setValidators('11', [{ moduleKey: 'kept', configuration: '{}' }]);
  await first.close();

  const second = await startTestSite({ file });
  const { key } = created.body as { key: string };
  expect((await second.request('GET', `/rest/api/3/issue/${key}?fields=summary`, { as: 'pm@example.com' })).body).toMatchObject({ fields: { summary: 'Survives' } });
  expect((await second.request('GET', '/rest/api/3/issue/SKU-1?fields=status', { as: 'pm@example.com' })).body).toMatchObject({ fields: { status: { name: 'In Review' } } });
  expect((await second.request('GET', '/rest/api/3/project/SKU/properties/config', { as: 'pm@example.com' })).body).toEqual({ key: 'config', value: { version: 3 } });
  const search = await second.request('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('goLiveGateStatus = ready')}`, { as: 'pm@example.com' });
  expect((search.body as { issues: { key: string }[] }).issues.map((issue) => issue.key)).toEqual(['SKU-1']);
  expect(second.site.workflow.listTransitions('SKU')[0]?.validators).toEqual([{ moduleKey: 'kept', configuration: '{}' }]);
  // Seeding again on a used database changes nothing.
  expect(second.site.users()).toHaveLength(SKU_DEMO_USERS.length);
  const all = await second.request('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SKU')}`, { as: 'pm@example.com' });
  expect((all.body as { issues: unknown[] }).issues).toHaveLength(DEMO_ISSUES.length + 1);
  await second.close();
});

test('comments, remote links, versions, fix versions, attachments and the history survive a restart', async () => {
  const file = join(dir, 'site.sqlite');
  const first = await startTestSite({ file });
  const doc = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] };
  await first.request('POST', '/rest/api/3/issue/SKU-2/comment', { as: 'cee@example.com', body: { body: doc } });
  await first.request('POST', '/rest/api/3/issue/SKU-2/remotelink', { as: 'pm@example.com', body: { globalId: 'mr-1', object: { url: 'https://gitlab.example.com/mr/1', title: '!1' } } });
  const version = await first.request('POST', '/rest/api/3/version', { as: 'admin@example.com', body: { name: 'Kept 1.0', project: 'SKU', releaseDate: '2031-01-01' } });
  await first.request('PUT', '/rest/api/3/issue/SKU-2', { as: 'pm@example.com', body: { fields: { fixVersions: [{ id: (version.body as { id: string }).id }] } } });
  const form = new FormData();
  form.append('file', new Blob(['kept']), 'kept.txt');
  await fetch(`${first.url}/rest/api/3/issue/SKU-2/attachments`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('pm@example.com:demo').toString('base64')}`, 'X-Atlassian-Token': 'no-check' },
    body: form,
  });
  await first.close();

  const second = await startTestSite({ file });
  const issue = await second.request('GET', '/rest/api/3/issue/SKU-2?fields=comment,fixVersions,attachment', { as: 'pm@example.com' });
  expect(issue.body).toMatchObject({ fields: { comment: { total: 1, comments: [{ body: doc }] }, fixVersions: [{ name: 'Kept 1.0' }], attachment: [{ filename: 'kept.txt', size: 4 }] } });
  expect((await second.request('GET', '/rest/api/3/issue/SKU-2/remotelink?globalId=mr-1', { as: 'pm@example.com' })).body).toMatchObject({ object: { title: '!1' } });
  expect(second.site.projects().map((project) => project.key)).toEqual(['SKU']);
  await second.close();
});

test('a file database uses WAL with synchronous=NORMAL (a commit is in the OS before it is acknowledged, so SIGKILL loses nothing), and migrations are idempotent', () => {
  const file = join(dir, 'site.sqlite');
  const db = openDatabase(file);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(1);
  db.prepare('INSERT INTO kvs (key, value) VALUES (?, ?)').run('k', '"v"');
  db.close();
  const reopened = openDatabase(file);
  expect(reopened.prepare('SELECT value FROM kvs WHERE key = ?').pluck().get('k')).toBe('"v"');
  reopened.close();
});

test(':memory: starts empty every time', async () => {
  const first = await startTestSite();
  await first.request('PUT', '/rest/api/3/issue/SKU-1/properties/x', { as: 'pm@example.com', body: 1 });
  await first.close();
  const second = await startTestSite();
  expect((await second.request('GET', '/rest/api/3/issue/SKU-1/properties', { as: 'pm@example.com' })).body).toEqual({ keys: [] });
  await second.close();
});

test('the KEP demo project is added once, also to a database seeded before it existed', async () => {
  const file = join(dir, 'site.sqlite');
  const first = await startTestSite({ file });
  await first.close();
  const second = await startTestSite({ file });
  second.site.seedDemoKep();
  second.site.seedDemoKep();
  expect(second.site.projects().map((project) => project.key)).toEqual(['KEP', 'SKU']);
  const transitions = second.site.workflow.listTransitions('KEP');
  expect(transitions.map((t) => [t.name, t.from?.name, t.to.name, t.validators[0]?.configuration])).toEqual([
    ['Graduate to Alpha', 'Provisional', 'Alpha', '{"stage":"alpha"}'],
    ['Graduate to Beta', 'Alpha', 'Beta', '{"stage":"beta"}'],
    ['Graduate to GA', 'Beta', 'GA', '{"stage":"ga"}'],
  ]);
  const members = await second.request('GET', '/rest/api/3/group/member?groupname=golive-prr', { as: 'admin@example.com' });
  expect((members.body as { values: { accountId: string }[] }).values.map((user) => user.accountId)).toEqual(['acc-prr']);
  const kep = await second.request('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = KEP ORDER BY key')}&fields=status`, { as: 'pm@example.com' });
  expect((kep.body as { issues: { key: string; fields: { status: { name: string } } }[] }).issues.map((issue) => [issue.key, issue.fields.status.name])).toEqual([
    ['KEP-1', 'Provisional'],
    ['KEP-2', 'Alpha'],
  ]);
  await second.close();
});
