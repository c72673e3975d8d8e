import { jiraAccountOf, UserMappingsSchema } from './provider-users';

const mappings = [
  { provider: 'github' as const, login: 'dana-dev', id: 5801, accountId: 'acc-dev-team' },
  { provider: 'github' as const, login: 'Sam-SRE', accountId: 'acc-sre-p' },
  { provider: 'gitlab' as const, login: 'dana-dev', id: 32, accountId: 'acc-dev-team' },
];

describe('jiraAccountOf', () => {
  it('maps by numeric id, even after the login was renamed', () => {
    expect(jiraAccountOf(mappings, { provider: 'github', id: 5801, login: 'dana-renamed' })).toEqual({ ok: true, accountId: 'acc-dev-team' });
  });

  it('maps by login in any case when the mapping gives no id', () => {
    expect(jiraAccountOf(mappings, { provider: 'github', id: 5802, login: 'sam-sre' })).toEqual({ ok: true, accountId: 'acc-sre-p' });
  });

  it('does not map someone who took a mapped login under another id', () => {
    expect(jiraAccountOf(mappings, { provider: 'github', id: 9999, login: 'dana-dev' })).toEqual({
      ok: false,
      reason: 'GitHub user dana-dev has id 9999, not the id 5801 mapped to acc-dev-team; check the user mapping',
    });
  });

  it('keeps providers apart and says who is not mapped', () => {
    expect(jiraAccountOf(mappings, { provider: 'gitlab', id: 5801, login: 'sam-sre' })).toEqual({
      ok: false,
      reason: 'GitLab user sam-sre is not mapped to a Jira account; add them to the user mapping in the settings',
    });
    expect(jiraAccountOf(mappings, { provider: 'gitlab', id: 32, login: 'dana-dev' })).toEqual({ ok: true, accountId: 'acc-dev-team' });
  });
});

describe('UserMappingsSchema', () => {
  it('accepts one mapping per provider user', () => {
    expect(UserMappingsSchema.safeParse(mappings).success).toBe(true);
  });

  it('refuses the same provider user mapped twice, by id or by login', () => {
    const twice = UserMappingsSchema.safeParse([...mappings, { provider: 'github', login: 'DANA-DEV', id: 5801, accountId: 'acc-other' }, { provider: 'github', login: 'sam-sre', accountId: 'acc-x' }]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['3.login', 'GitHub user DANA-DEV is already mapped to acc-dev-team'],
      ['4.login', 'GitHub user sam-sre is already mapped to acc-sre-p'],
    ]);
  });

  it('says what is missing in an entry', () => {
    const bad = UserMappingsSchema.safeParse([{ provider: 'bitbucket', login: ' ', accountId: '' }]);
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['0.provider', '0.login', '0.accountId']);
  });
});
