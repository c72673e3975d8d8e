// JiraWorkflowRules through the REAL @forge/api against the local site: the app's own validators and the stage each names.
import { runInvocation } from '../support/site';
import { useForgeOnSite } from '../support/site-client';

async function forgeModules() {
  const [client, rules] = await Promise.all([import('../../src/forge/jira-client'), import('../../src/forge/workflow-rules')]);
  return { ...client, ...rules };
}

const env = useForgeOnSite(forgeModules);

describe('JiraWorkflowRules', () => {
  it("lists the app's validators in the project's workflows with the stage each enforces, asked as the app", async () => {
    const rules = new env.forge.JiraWorkflowRules(env.forge.JiraClient.asApp());
    expect(await runInvocation({ accountId: 'acc-admin' }, () => rules.appValidators('10000'))).toEqual([
      { workflow: 'SKU workflow', transition: 'Promote to Prod', stage: 'promote-to-prod' },
      { workflow: 'SKU workflow', transition: 'Go Live', stage: 'go-live' },
    ]);
    const kep = await runInvocation({ accountId: 'acc-admin' }, () => rules.appValidators('10001'));
    expect(kep.map((v) => v.stage)).toEqual(['alpha', 'beta', 'ga']);
  });

  it('is refused to a user: Jira lists workflow rules to apps only', async () => {
    const answer = await env.client.rest('admin@example.com', 'GET', '/rest/api/3/workflow/rule/config?types=validator');
    expect(answer.status).toBe(403);
  });
});
