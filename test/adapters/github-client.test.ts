// GitHubClient (src/forge/github-client) through the REAL @forge/api `fetch`, against a fake GitHub on loopback that
// answers the documented endpoints with the documented payloads (test/support/fake-github, test/fixtures/github).
// @forge/api's fetch is the runtime's fetch (Forge checks egress there), so it reaches the local fake as it is.
import { GitHubClient } from '../../src/forge/github-client';
import { DEFAULT_PROVIDER_RETRY_POLICY, ProviderRequestError } from '../../src/forge/provider-http';
import type { ChangeRequestRef } from '../../src/gate/provider-refs';
import { ForbiddenError, NotFoundError, UnavailableError } from '../../src/errors';
import type { FakeGitHub } from '../support/fake-github';
import { startFakeGitHub } from '../support/fake-github';

const HEAD = '3f1c2a7e9b4d5c6a8e0f1b2c3d4e5f60718293a4';
const OLD = '0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b';
const NEW_HEAD = '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3';
let github: FakeGitHub;
let slept: number[];
const repository = { provider: 'github', owner: 'acme', repo: 'addon-operator' } as const;
const pr7: ChangeRequestRef = { repository, number: 7 };
const client = (token?: string) =>
  new GitHubClient({ apiUrl: github.apiUrl, token: token ?? github.token }, undefined, { ...DEFAULT_PROVIDER_RETRY_POLICY, sleep: (ms) => Promise.resolve(void slept.push(ms)) });
const user = (id: number, login: string) => ({ provider: 'github', id, login });

beforeEach(async () => {
  github = await startFakeGitHub();
  slept = [];
});
afterEach(async () => {
  await github.stop();
});

describe('GitHubClient', () => {
  it('reads a pull request: title, head branch and commit, address and state, with the headers GitHub asks for', async () => {
    expect(await client().getChangeRequest(pr7)).toEqual({
      ref: pr7,
      title: 'SKU-3: enable the add-on for general availability',
      sourceBranch: 'SKU-3-ga',
      headSha: HEAD,
      url: 'https://github.com/acme/addon-operator/pull/7',
      state: 'open',
    });
    expect(github.lastHeaders()).toMatchObject({ authorization: `Bearer ${github.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'go-live-gate' });
  });

  it('reads the approvals that stand: each reviewer’s latest deciding review, with the commit it was for', async () => {
    expect(await client().getApprovals(pr7)).toEqual([
      { user: user(5803, 'lee-cee'), commitSha: OLD, at: '2026-03-01T15:00:00Z' },
      { user: user(5801, 'dana-dev'), commitSha: HEAD, at: '2026-03-02T10:15:00Z' },
      { user: user(5802, 'sam-sre'), commitSha: HEAD, at: '2026-03-02T11:00:00Z' },
    ]);
    github.review(7, { id: 5801, login: 'dana-dev' }, 'CHANGES_REQUESTED');
    github.review(7, { id: 5803, login: 'lee-cee' }, 'DISMISSED');
    expect((await client().getApprovals(pr7)).map((a) => a.user.login)).toEqual(['sam-sre']);
  });

  it('reads every page of reviews, and refuses a list longer than it reads rather than miss the newest', async () => {
    for (let id = 7000; id < 7150; id++) github.review(7, { id, login: `reviewer-${id}` }, 'APPROVED');
    expect(await client().getApprovals(pr7)).toHaveLength(153);
    expect(github.requests.filter((r) => r.includes('/reviews'))).toEqual(['GET /repos/acme/addon-operator/pulls/7/reviews?per_page=100', 'GET /repos/acme/addon-operator/pulls/7/reviews?per_page=100&page=2']);
    for (let id = 8000; id < 8900; id++) github.review(7, { id, login: `reviewer-${id}` }, 'COMMENTED');
    await expect(client().getApprovals(pr7)).rejects.toEqual(new ProviderRequestError(200, 'There are more than 10 pages of the reviews of pull request #7 on GitHub; the gate reads at most 10'));
  });

  it('does not follow a next-page link to another host', async () => {
    github.fail({ match: '/reviews', status: 200, body: [], headers: { link: '<https://attacker.example/steal?page=2>; rel="next"' } });
    expect(await client().getApprovals(pr7)).toEqual([]);
    expect(github.requests).toHaveLength(1);
  });

  it('reads check runs and commit statuses of a commit; a check run wins over a status of the same name', async () => {
    expect(await client().getChecks(repository, HEAD)).toEqual([
      { name: 'osd-e2e', state: 'passed', url: 'https://github.com/acme/addon-operator/runs/4' },
      { name: 'lint', state: 'pending', url: 'https://github.com/acme/addon-operator/runs/5' },
      { name: 'security-scan', state: 'passed', url: 'https://ci.example.com/security-scan/31' },
      { name: 'docs-build', state: 'failed', url: 'https://ci.example.com/docs-build/12' },
    ]);
    github.status(HEAD, { context: 'osd-e2e', state: 'failure', target_url: 'https://ci.example.com/legacy/1' });
    expect((await client().getChecks(repository, HEAD)).filter((c) => c.name === 'osd-e2e')).toEqual([{ name: 'osd-e2e', state: 'passed', url: 'https://github.com/acme/addon-operator/runs/4' }]);
    github.checkRun(NEW_HEAD, { name: 'osd-e2e', status: 'completed', conclusion: 'skipped' });
    expect(await client().getChecks(repository, NEW_HEAD)).toEqual([{ name: 'osd-e2e', state: 'skipped' }]);
  });

  it('finds the pull requests of a commit', async () => {
    expect(await client().changeRequestsFor(repository, HEAD)).toEqual([pr7]);
    github.push(7, NEW_HEAD);
    expect(await client().changeRequestsFor(repository, NEW_HEAD)).toEqual([pr7]);
    expect((await client().getChangeRequest(pr7)).headSha).toBe(NEW_HEAD);
  });

  it('says the token was refused, or the pull request is unknown', async () => {
    await expect(client('wrong').getChangeRequest(pr7)).rejects.toEqual(new ForbiddenError('GitHub did not accept the app’s token; renew it in the Go-Live Gate settings.'));
    await expect(client().getChangeRequest({ repository, number: 8 })).rejects.toEqual(new NotFoundError('GitHub has no pull request #8, or the app’s token may not see it.'));
    github.fail({ status: 403, body: { message: 'Resource not accessible by personal access token' } });
    await expect(client().getApprovals(pr7)).rejects.toEqual(new ForbiddenError('GitHub refused to show the reviews of pull request #7 to the app’s token: Resource not accessible by personal access token.'));
  });

  it('waits for a rate limit that resets within seconds, and gives up on one that does not', async () => {
    const resetIn = (seconds: number) => String(Math.ceil(Date.now() / 1000) + seconds);
    github.fail({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetIn(1) }, body: { message: 'API rate limit exceeded' } });
    expect((await client().getChangeRequest(pr7)).headSha).toBe(HEAD);
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeLessThanOrEqual(2000);
    github.fail({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetIn(3600) }, body: { message: 'API rate limit exceeded' } });
    await expect(client().getChangeRequest(pr7)).rejects.toEqual(new UnavailableError('GitHub did not answer for pull request #7 (it answered 403: the token’s rate limit is used up); try again in a minute.'));
  });

  it('encodes every path parameter, so a value cannot reach another endpoint', async () => {
    await expect(client().getApprovals({ repository: { provider: 'github', owner: 'acme', repo: 'addon-operator/pulls/7/reviews#' }, number: 7 })).rejects.toBeInstanceOf(NotFoundError);
    expect(github.requests.at(-1)).toBe('GET /repos/acme/addon-operator%2Fpulls%2F7%2Freviews%23/pulls/7/reviews?per_page=100');
  });
});
