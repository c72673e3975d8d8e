// The Jira adapters (src/forge/jira-client, issue-store, directory) through the REAL @forge/api, against the local env.site.
import { teamProperty } from '../../src/gate/records';
import { ForbiddenError, NotFoundError, PropertyTooLargeError, UnavailableError } from '../../src/errors';
import { runInvocation } from '../support/site';
import { DEMO, useForgeOnSite } from '../support/site-client';
import { delta, injectFault } from '../support/site-faults';

async function forgeModules() {
  const [client, issues, directory] = await Promise.all([
    import('../../src/forge/jira-client'),
    import('../../src/forge/issue-store'),
    import('../../src/forge/directory'),
  ]);
  return { ...client, ...issues, ...directory };
}

const env = useForgeOnSite(forgeModules);
let slept: number[];
const asUser = <T>(accountId: string, run: () => Promise<T>): Promise<T> => runInvocation({ accountId }, run);
const GET_ISSUE = 'jira:GET /rest/api/3/issue/{issueIdOrKey}';
const PUT_PROPERTY = 'jira:PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';

beforeEach(() => {
  slept = [];
});

/** A client that records its backoff instead of waiting, so retry tests take no time. */
const recordingClient = (as: 'user' | 'app') => {
  const policy = { ...env.forge.DEFAULT_RETRY_POLICY, sleep: (ms: number) => Promise.resolve(void slept.push(ms)) };
  return as === 'user' ? env.forge.JiraClient.asUser(policy) : env.forge.JiraClient.asApp(policy);
};

describe('JiraIssueStore', () => {
  it('reads an issue with its fields and only the golive-gate properties, in one request', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'), recordingClient('app'));
    const before = await env.site.metrics();
    const issue = await asUser('acc-cee', () => store.getIssue('SKU-1'));
    expect(delta(before, await env.site.metrics())).toEqual({ [GET_ISSUE]: 1 });
    expect(issue).toMatchObject({ key: 'SKU-1', projectKey: 'SKU', projectId: '10000', reporterAccountId: 'acc-pm' });
    expect(Object.keys(issue.properties).every((key) => key.startsWith('golive-gate.'))).toBe(true);
  });

  it('reads the custom fields asked for in the same request, as the values a gate reads: an option, groups, a number', async () => {
    const created = await env.client.rest(DEMO.pm, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SKU' }, summary: 'Fields adapter test', issuetype: { name: 'Task' }, customfield_10070: { value: 'sig-node' }, customfield_10072: [{ name: 'golive-cee' }, { name: 'golive-sre-p' }], customfield_10074: 3 },
    });
    const { key } = created.body as { key: string };
    const store = new env.forge.JiraIssueStore(recordingClient('user'), recordingClient('app'));
    const before = await env.site.metrics();
    const issue = await asUser('acc-cee', () => store.getIssue(key, ['customfield_10070', 'customfield_10071', 'customfield_10072', 'customfield_10074']));
    expect(delta(before, await env.site.metrics())).toEqual({ [GET_ISSUE]: 1 });
    expect(issue.customFields).toEqual({ customfield_10070: ['sig-node'], customfield_10071: [], customfield_10072: ['golive-cee', 'golive-sre-p'], customfield_10074: ['3'] });
    expect((await asUser('acc-cee', () => store.getIssue(key))).customFields).toBeUndefined();
  });

  it('writes a property that the next read returns', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'), recordingClient('app'));
    const value = { note: '<b>verbatim</b> & "quoted"' };
    const { id } = await asUser('acc-cee', () => store.getIssue('SKU-2'));
    await asUser('acc-cee', () => store.putProperty(id, teamProperty('adapter-test'), value));
    const issue = await asUser('acc-cee', () => store.getIssue('SKU-2'));
    expect(issue.properties[teamProperty('adapter-test')]).toEqual(value);
  });

  it('refuses a value over 32,768 characters before sending it', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'), recordingClient('app'));
    const before = await env.site.metrics();
    await expect(asUser('acc-cee', () => store.putProperty('10001', teamProperty('cee'), { text: 'x'.repeat(32_768) }))).rejects.toBeInstanceOf(PropertyTooLargeError);
    expect(delta(before, await env.site.metrics())[PUT_PROPERTY]).toBeUndefined();
  });

  it('answers not-found for an issue that does not exist', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'));
    await expect(asUser('acc-cee', () => store.getIssue('SKU-99999'))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('JiraClient retries', () => {
  it('retries a 429, waiting as long as Retry-After says', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'));
    await injectFault(env.site, { target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', status: 429, retryAfterSeconds: 1, times: 2 });
    const before = await env.site.metrics();
    const issue = await asUser('acc-cee', () => store.getIssue('SKU-1'));
    expect(issue.key).toBe('SKU-1');
    expect(slept).toEqual([1000, 1000]);
    expect(delta(before, await env.site.metrics())).toEqual({ [GET_ISSUE]: 3 });
  });

  it('caps a long Retry-After so an invocation stays within its time limit', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'));
    await injectFault(env.site, { target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', status: 429, retryAfterSeconds: 120, times: 1 });
    await asUser('acc-cee', () => store.getIssue('SKU-1'));
    expect(slept).toEqual([env.forge.DEFAULT_RETRY_POLICY.maxDelayMs]);
  });

  it('retries 5xx a bounded number of times with backoff, then says Jira did not answer', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'));
    await injectFault(env.site, { target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', status: 503, times: 10 });
    const before = await env.site.metrics();
    const failure = asUser('acc-cee', () => store.getIssue('SKU-1'));
    await expect(failure).rejects.toBeInstanceOf(UnavailableError);
    await expect(failure).rejects.toThrow(/^Jira did not answer; try again in a minute\./);
    expect(slept).toEqual([200, 400, 800]);
    expect(delta(before, await env.site.metrics())).toEqual({ [GET_ISSUE]: 4 });
  });

  it('gives up on an attempt that does not answer in time and tries again', async () => {
    const policy = { ...env.forge.DEFAULT_RETRY_POLICY, attemptTimeoutMs: 200, sleep: (ms: number) => Promise.resolve(void slept.push(ms)) };
    const store = new env.forge.JiraIssueStore(env.forge.JiraClient.asUser(policy));
    await injectFault(env.site, { target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', delayMs: 2000, times: 1 });
    expect((await asUser('acc-cee', () => store.getIssue('SKU-1'))).key).toBe('SKU-1');
    expect(slept).toEqual([200]);
  });

  it('does not retry a refusal: 403 becomes ForbiddenError at once', async () => {
    const store = new env.forge.JiraIssueStore(recordingClient('user'));
    await injectFault(env.site, { target: 'jira', match: 'GET /rest/api/3/issue/SKU-1', status: 403, times: 1 });
    await expect(asUser('acc-cee', () => store.getIssue('SKU-1'))).rejects.toBeInstanceOf(ForbiddenError);
    expect(slept).toEqual([]);
  });
});

describe('JiraDirectory', () => {
  const directory = () => new env.forge.JiraDirectory(recordingClient('user'), recordingClient('app'));

  it("lists a user's groups", async () => {
    expect(await asUser('acc-pm', () => directory().groupsOf('acc-sre-p'))).toContain('golive-sre-p');
  });

  it('knows who may administer the project', async () => {
    expect(await asUser('acc-admin', () => directory().canAdministerProject('10000'))).toBe(true);
    expect(await asUser('acc-pm', () => directory().canAdministerProject('10000'))).toBe(false);
    expect(await asUser('acc-admin', () => directory().canAdministerProject('SKU'))).toBe(true);
  });

  it("lists a group's members, and none for a group that does not exist", async () => {
    expect(await asUser('acc-admin', () => directory().membersOf('golive-sre-p'))).toContain('acc-sre-p');
    expect(await asUser('acc-admin', () => directory().membersOf('no-such-group'))).toEqual([]);
  });

  it('tells a group that does not exist (Jira answers 404) from one nobody is in (200, no members)', async () => {
    // KEP's PRR group loses its only member for the test.
    await env.client.restOk(DEMO.admin, 'DELETE', '/rest/api/3/group/user?groupname=golive-prr&accountId=acc-prr', undefined, 200);
    try {
      expect(await asUser('acc-admin', () => directory().groupMembers('golive-prr'))).toEqual([]);
      expect(await asUser('acc-admin', () => directory().groupMembers('no-such-group'))).toBeUndefined();
      expect(await asUser('acc-admin', () => directory().groupMembers('golive-sre-p'))).toContain('acc-sre-p');
    } finally {
      await env.client.restOk(DEMO.admin, 'POST', '/rest/api/3/group/user?groupname=golive-prr', { accountId: 'acc-prr' }, 201);
    }
  });
});
