// GitLabClient (src/forge/gitlab-client) through the REAL @forge/api `fetch`, against a fake GitLab on loopback that
// answers the documented endpoints with the documented payloads (test/support/fake-gitlab, test/fixtures/gitlab).
// @forge/api's fetch is the runtime's fetch (Forge checks egress there), so it reaches the local fake as it is.
import { GitLabClient } from '../../src/forge/gitlab-client';
import { DEFAULT_PROVIDER_RETRY_POLICY, ProviderRequestError } from '../../src/forge/provider-http';
import type { ChangeRequestRef } from '../../src/gate/provider-refs';
import { ForbiddenError, NotFoundError, UnavailableError } from '../../src/errors';
import type { FakeGitLab } from '../support/fake-gitlab';
import { startFakeGitLab } from '../support/fake-gitlab';

const HEAD = 'b5e3c1a9d7f2e4c6a8b0d2f4e6a8c0e2f4a6b8d0';
const NEW_HEAD = 'c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5';
let gitlab: FakeGitLab;
let slept: number[];
const repository = { provider: 'gitlab', projectId: 4242 } as const;
const mr12: ChangeRequestRef = { repository, number: 12 };
const client = (token?: string) =>
  new GitLabClient({ apiUrl: gitlab.apiUrl, token: token ?? gitlab.token }, undefined, { ...DEFAULT_PROVIDER_RETRY_POLICY, sleep: (ms) => Promise.resolve(void slept.push(ms)) });

beforeEach(async () => {
  gitlab = await startFakeGitLab();
  slept = [];
});
afterEach(async () => {
  await gitlab.stop();
});

describe('GitLabClient', () => {
  it('reads a merge request: title, source branch, head commit, address and state', async () => {
    expect(await client().getChangeRequest(mr12)).toEqual({
      ref: mr12,
      title: 'Enable the add-on for general availability',
      sourceBranch: 'SKU-3-ga',
      headSha: HEAD,
      url: 'https://gitlab.example.com/acme/addon-operator/-/merge_requests/12',
      state: 'open',
    });
    expect(gitlab.requests).toEqual(['GET /api/v4/projects/4242/merge_requests/12']);
    expect(gitlab.lastHeaders().authorization).toBe(`Bearer ${gitlab.token}`);
  });

  it('reads who approved, and finds no approval left after a push resets them', async () => {
    expect(await client().getApprovals(mr12)).toEqual([
      { user: { provider: 'gitlab', id: 31, login: 'sam-sre', name: 'Sam SRE' } },
      { user: { provider: 'gitlab', id: 32, login: 'dana-dev', name: 'Dana Dev' } },
    ]);
    gitlab.push(12, NEW_HEAD);
    expect(await client().getApprovals(mr12)).toEqual([]);
    expect((await client().getChangeRequest(mr12)).headSha).toBe(NEW_HEAD);
    gitlab.approve(12, { id: 31, username: 'sam-sre', name: 'Sam SRE' });
    expect(await client().getApprovals(mr12)).toEqual([{ user: { provider: 'gitlab', id: 31, login: 'sam-sre', name: 'Sam SRE' } }]);
  });

  it('reads the latest result of each CI job and status of a commit, with links', async () => {
    expect(await client().getChecks(repository, HEAD)).toEqual([
      { name: 'deploy-stage', state: 'skipped', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5103' },
      { name: 'osd-e2e', state: 'passed', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5102' },
      { name: 'unit', state: 'passed', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5101' },
    ]);
    // A retried job that fails counts, not the earlier success.
    gitlab.report(HEAD, { id: 5200, name: 'osd-e2e', status: 'failed', target_url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5200' });
    expect((await client().getChecks(repository, HEAD)).find((c) => c.name === 'osd-e2e')).toEqual({ name: 'osd-e2e', state: 'failed', url: 'https://gitlab.example.com/acme/addon-operator/-/jobs/5200' });
    expect(await client().getChecks(repository, NEW_HEAD)).toEqual([]);
  });

  it('follows X-Next-Page through every page of statuses', async () => {
    for (let id = 6000; id < 6150; id++) gitlab.report(NEW_HEAD, { id, name: `job-${id}`, status: 'success' });
    const checks = await client().getChecks(repository, NEW_HEAD);
    expect(checks).toHaveLength(150);
    expect(gitlab.requests.filter((r) => r.includes('/statuses'))).toEqual([
      `GET /api/v4/projects/4242/repository/commits/${NEW_HEAD}/statuses?per_page=100`,
      `GET /api/v4/projects/4242/repository/commits/${NEW_HEAD}/statuses?per_page=100&page=2`,
    ]);
  });

  it('finds the merge requests of a commit, including an earlier head', async () => {
    expect(await client().changeRequestsFor(repository, HEAD)).toEqual([mr12]);
    gitlab.push(12, NEW_HEAD);
    expect(await client().changeRequestsFor(repository, NEW_HEAD)).toEqual([mr12]);
    expect(await client().changeRequestsFor(repository, '0'.repeat(40))).toEqual([]);
  });

  it('says the token was refused, or the merge request is unknown', async () => {
    await expect(client('wrong').getApprovals(mr12)).rejects.toEqual(new ForbiddenError('GitLab did not accept the app’s token; renew it in the Go-Live Gate settings.'));
    await expect(client().getChangeRequest({ repository, number: 99 })).rejects.toEqual(new NotFoundError('GitLab has no merge request !99, or the app’s token may not see it.'));
    await expect(client().getChangeRequest({ repository: { provider: 'gitlab', projectId: 1 }, number: 12 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('retries server errors and honours Retry-After, then reads', async () => {
    gitlab.fail({ status: 502, body: { message: 'Bad gateway' } });
    gitlab.fail({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'Retry later' } });
    expect((await client().getChangeRequest(mr12)).headSha).toBe(HEAD);
    expect(slept).toEqual([300, 1000]);
  });

  it('gives up with "unavailable" when GitLab keeps failing or asks for a longer wait than an invocation has', async () => {
    gitlab.fail({ status: 503, times: 5 });
    await expect(client().getApprovals(mr12)).rejects.toEqual(new UnavailableError('GitLab did not answer for the approvals of merge request !12 (it answered 503); try again in a minute.'));
    gitlab.fail({ status: 429, headers: { 'retry-after': '120' } });
    await expect(client().getChangeRequest(mr12)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('refuses an answer that is not the documented shape rather than guessing', async () => {
    gitlab.fail({ status: 200, body: { approved_by: [{ user: { id: 'x' } }] } });
    await expect(client().getApprovals(mr12)).rejects.toBeInstanceOf(ProviderRequestError);
    gitlab.fail({ status: 200, body: '<html>' });
    await expect(client().getChangeRequest(mr12)).rejects.toThrow('GitLab answered merge request !12 in a form the gate does not know');
  });

  it('encodes every path parameter, so a value cannot reach another endpoint', async () => {
    expect(await client().getChecks(repository, '../../merge_requests/12')).toEqual([]);
    expect(gitlab.requests.at(-1)).toBe('GET /api/v4/projects/4242/repository/commits/..%2F..%2Fmerge_requests%2F12/statuses?per_page=100');
  });

  it('sends the token only over HTTPS (or to this machine) and only when there is one', () => {
    expect(() => new GitLabClient({ apiUrl: 'http://gitlab.example.com/api/v4', token: 't' })).toThrow('The GitLab API address must use https, so the token is never sent in the clear');
    expect(() => new GitLabClient({ apiUrl: 'https://gitlab.example.com/api/v4?x=1', token: 't' })).toThrow('The GitLab API address must be a plain address, without query, fragment or credentials');
    expect(() => new GitLabClient({ apiUrl: 'gitlab.example.com', token: 't' })).toThrow('The GitLab API address "gitlab.example.com" is not a URL');
    expect(() => new GitLabClient({ apiUrl: 'https://gitlab.com/api/v4', token: ' ' })).toThrow('No GitLab token is set, so the gate cannot read approvals');
  });

  it('reads only GitLab repositories', async () => {
    await expect(client().getApprovals({ repository: { provider: 'github', owner: 'acme', repo: 'x' }, number: 1 })).rejects.toThrow('A GitLab client cannot read a github repository');
  });
});
