// JiraSiteFields and getFields through the REAL @forge/api against the local site: the custom fields a team's approvers
// or a condition can come from, for a project admin.
import type { SettingsPorts } from '../../src/ports';
import { runInvocation } from '../support/site';
import { useForgeOnSite } from '../support/site-client';

async function forgeModules() {
  const [client, fields, directory, useCase] = await Promise.all([
    import('../../src/forge/jira-client'),
    import('../../src/forge/site-fields'),
    import('../../src/forge/directory'),
    import('../../src/app/get-fields'),
  ]);
  return { ...client, ...fields, ...directory, ...useCase };
}

const env = useForgeOnSite(forgeModules);
const KEP = { id: '10001', key: 'KEP' };

/** The settings ports getFields needs, on the real adapters, asked as the calling user. */
function ports(): Pick<SettingsPorts, 'directory' | 'fields'> {
  const { JiraClient, JiraDirectory, JiraSiteFields } = env.forge;
  const asUser = JiraClient.asUser();
  return { directory: new JiraDirectory(asUser, JiraClient.asApp()), fields: new JiraSiteFields(asUser) };
}

describe('getFields', () => {
  it("lists the site's selects and group pickers by name for a project admin, and neither Jira's own fields nor a number field", async () => {
    const fields = await runInvocation({ accountId: 'acc-admin' }, () => env.forge.getFields(ports(), KEP));
    expect(fields).toEqual([
      { id: 'customfield_10073', name: 'Affected areas', type: 'array', kind: 'select', multiple: true },
      { id: 'customfield_10071', name: 'Approver group', type: 'group', kind: 'group-picker', multiple: false },
      { id: 'customfield_10070', name: 'Owning SIG', type: 'option', kind: 'select', multiple: false },
      { id: 'customfield_10072', name: 'Reviewing groups', type: 'array', kind: 'group-picker', multiple: true },
    ]);
  });

  it('refuses someone who does not administer the project, before asking Jira for fields', async () => {
    await expect(runInvocation({ accountId: 'acc-cee' }, () => env.forge.getFields(ports(), KEP))).rejects.toThrow('Only administrators of project KEP can see or change its Go-Live Gate configuration.');
  });

  it('reads every field Jira lists, system ones included, with its schema', async () => {
    const listed = await runInvocation({ accountId: 'acc-cee' }, () => new env.forge.JiraSiteFields(env.forge.JiraClient.asUser()).list());
    expect(listed.find((f) => f.id === 'components')).toEqual({ id: 'components', name: 'Components', custom: false, schema: { type: 'array', items: 'component' } });
    expect(listed.find((f) => f.id === 'customfield_10070')).toEqual({ id: 'customfield_10070', name: 'Owning SIG', custom: true, schema: { type: 'option' } });
  });
});
