import { DEMO, useForgeOnSite } from './support/site-client';

// The release team tracks checklists across tickets with JQL (seed 003: "check these off as they are completed for the
// Release Team to track"): the summary counts what the current stage still needs, indexed as goLiveGateOpenItems.
const env = useForgeOnSite(() => import('../src/entry/composition-root'));

async function jqlKeys(jql: string): Promise<string[]> {
  const found = (await env.client.restOk(DEMO.pm, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 }, 200)) as { issues: { key: string }[] };
  return found.issues.map((issue) => issue.key);
}

test('finds the tickets whose checklist for the current stage is incomplete, and stops finding one once it is filled in', async () => {
  const { key } = await env.client.createTicket('Checklist tracked by JQL');
  await env.site.drainEvents();
  expect(await jqlKeys('project = SKU AND goLiveGateOpenItems > 0')).toContain(key);
  expect(await jqlKeys('project = SKU AND goLiveGateOpenItems = 2 AND goLiveGateStage = "promote-to-prod"')).toContain(key);

  await env.client.fillIn(key, 'promote-to-prod');
  expect(await jqlKeys('project = SKU AND goLiveGateOpenItems > 0')).not.toContain(key);
  expect(await jqlKeys('project = SKU AND goLiveGateOpenItems = 0')).toContain(key);
});
