// The search adapter (src/forge/issue-search) through the REAL @forge/api, against the local env.site.
import { runInvocation } from '../support/site';
import { DEMO, useForgeOnSite } from '../support/site-client';

async function forgeModules() {
  const [client, search] = await Promise.all([import('../../src/forge/jira-client'), import('../../src/forge/issue-search')]);
  return { ...client, ...search };
}

const env = useForgeOnSite(forgeModules);

describe('JiraIssueSearch', () => {
  it('answers the approver fields asked for as the words a gate reads (an option, groups, components), none when unset', async () => {
    const created = await env.client.rest(DEMO.pm, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SKU' }, summary: 'Search fields adapter test', issuetype: { name: 'Task' }, customfield_10070: { value: 'sig-node' }, customfield_10072: [{ name: 'golive-cee' }, { name: 'golive-sre-p' }] },
    });
    const { key } = created.body as { key: string };
    const search = new env.forge.JiraIssueSearch(env.forge.JiraClient.asUser());
    const request = { jql: `key = ${key}`, fields: ['summary', 'customfield_10070', 'customfield_10071', 'customfield_10072', 'components'], properties: [], maxResults: 10 };

    const page = await runInvocation({ accountId: 'acc-cee' }, () => search.search(request));

    expect(page.issues.map((i) => [i.key, i.fields.summary, i.ticketFields])).toEqual([
      [key, 'Search fields adapter test', { customfield_10070: ['sig-node'], customfield_10071: [], customfield_10072: ['golive-cee', 'golive-sre-p'], components: [] }],
    ]);
  });

  it('answers no approver fields when none were asked for', async () => {
    const search = new env.forge.JiraIssueSearch(env.forge.JiraClient.asUser());
    const page = await runInvocation({ accountId: 'acc-cee' }, () => search.search({ jql: 'key = SKU-1', fields: ['summary'], properties: [], maxResults: 10 }));
    expect(page.issues[0]?.ticketFields).toBeUndefined();
  });
});
