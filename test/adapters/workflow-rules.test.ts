// JiraWorkflowRules through the REAL @forge/api against the local site: the app's own validators and the stage each names.
import { runInvocation } from '../support/site';
import { useForgeOnSite } from '../support/site-client';

async function forgeModules() {
  const [client, rules] = await Promise.all([import('../../src/forge/jira-client'), import('../../src/forge/workflow-rules')]);
  return { ...client, ...rules };
}

const env = useForgeOnSite(forgeModules);

describe('JiraWorkflowRules', () => {
  it("lists the app's validators in every workflow with the stage each enforces, asked as the app", async () => {
    const rules = new env.forge.JiraWorkflowRules(env.forge.JiraClient.asApp());
    const validators = await runInvocation({ accountId: 'acc-admin' }, () => rules.appValidators());
    expect(validators).toEqual(
      expect.arrayContaining([
        { workflow: 'SKU workflow', transition: 'Promote to Prod', stage: 'promote-to-prod' },
        { workflow: 'SKU workflow', transition: 'Go Live', stage: 'go-live' },
        { workflow: 'KEP workflow', transition: 'Graduate to Alpha', stage: 'alpha' },
      ]),
    );
  });

  it('is refused to a user: Jira lists workflow rules to apps only', async () => {
    const answer = await env.client.rest('admin@example.com', 'GET', '/rest/api/3/workflow/rule/config?types=validator');
    expect(answer.status).toBe(403);
  });
});
