import type { PlatformSite } from './support';
import { startPlatformSite } from './support';

interface DeliveredEvent {
  eventType: string;
  atlassianId?: string;
  selfGenerated?: boolean;
  issue: { key: string };
  comment?: { id: string; body: unknown };
  changelog?: { items: { fieldId: string }[] };
}

let site: PlatformSite;
beforeAll(async () => {
  site = await startPlatformSite();
});
afterAll(() => site.stop());

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const asUser = (email: string, method: string, path: string, body: unknown) =>
  fetch(`${site.url}${path}`, { method, headers: { authorization: site.basic(email), 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('the app’s triggers receive comment and issue-updated events in Forge’s shape; ignoreSelf keeps the app’s own away', async () => {
  const created = await asUser('cee@example.com', 'POST', '/rest/api/3/issue/SKU-2/comment', { body: adf('/lgtm') });
  const { id } = (await created.json()) as { id: string };
  await asUser('cee@example.com', 'PUT', `/rest/api/3/issue/SKU-2/comment/${id}`, { body: adf('/lgtm cancel') });
  await asUser('pm@example.com', 'PUT', '/rest/api/3/issue/SKU-2', { fields: { summary: 'Add-on B go-live (renamed)' } });
  // The app comments as itself, from a web trigger.
  const made = await site.asApp('POST', '/__forge/graphql', { query: 'mutation { createWebTriggerUrl }', variables: { input: { triggerKey: 'echo-hook' } } });
  const hook = (made.body as { data: { createWebTriggerUrl: { url: string } } }).data.createWebTriggerUrl.url;
  await fetch(hook, { method: 'POST', body: JSON.stringify({ comment: 'SKU-2' }) });
  await fetch(`${site.url}/rest/api/3/issue/SKU-2/comment/${id}`, { method: 'DELETE', headers: { authorization: site.basic('cee@example.com') } });
  await site.drainEvents();

  // Deliveries may overlap, so the events are compared without their order.
  const events = await site.kvsValues<DeliveredEvent>('events:');
  expect(events.map((event) => [event.eventType, event.atlassianId ?? 'app', event.selfGenerated].join(' ')).sort()).toEqual(
    [
      'avi:jira:commented:issue acc-cee false',
      'avi:jira:commented:issue acc-cee false',
      'avi:jira:updated:issue acc-pm false',
      'avi:jira:commented:issue app true',
      'avi:jira:deleted:comment acc-cee false',
    ].sort(),
  );
  expect(events).toContainEqual(expect.objectContaining({ eventType: 'avi:jira:commented:issue', issue: expect.objectContaining({ key: 'SKU-2' }) as unknown, comment: expect.objectContaining({ id, body: adf('/lgtm cancel') }) as unknown }));
  expect(events.find((event) => event.eventType === 'avi:jira:updated:issue')?.changelog?.items.map((item) => item.fieldId)).toEqual(['summary']);
  const others = await site.kvsValues<DeliveredEvent>('others-events:');
  expect(others.map((event) => event.atlassianId)).toEqual(['acc-cee', 'acc-cee']);
});
