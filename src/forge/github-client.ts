import type { APIResponse } from '@forge/api';
import { z } from 'zod/mini';
import type { ChangeRequestSource } from '../ports';
import { standingApprovals } from '../gate/provider-approvals';
import type { ChangeRequest, ChangeRequestRef, CheckResult, ProviderApproval, RepositoryRef } from '../gate/provider-refs';
import { PositiveIdSchema, ShaSchema } from '../gate/provider-refs';
import { githubCheckRunState, githubStatusState } from '../gate/required-checks';
import type { ProviderConnection, ProviderFetch, ProviderRetryPolicy } from './provider-http';
import { apiPath, DEFAULT_PROVIDER_RETRY_POLICY, ProviderHttp } from './provider-http';
import { lazySchema } from '../gate/lazy-schema';

/**
 * GitHub's REST API, read before anything is recorded from a GitHub delivery. A fine-grained token needs read access
 * to pull requests, checks and commit statuses of the repositories. Endpoints: https://docs.github.com/en/rest/pulls,
 * https://docs.github.com/en/rest/checks/runs, https://docs.github.com/en/rest/commits/statuses.
 */

const UserSchema = lazySchema(() => z.object({ id: PositiveIdSchema, login: z.string().check(z.minLength(1), z.maxLength(100)) }));
const UrlSchema = lazySchema(() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)));

const PullSchema = lazySchema(() => z.object({
  number: PositiveIdSchema,
  title: z.string().check(z.maxLength(1024)),
  state: z.string(),
  merged_at: z.nullish(z.string()),
  html_url: UrlSchema,
  head: z.object({ ref: z.string().check(z.maxLength(1024)), sha: ShaSchema }),
}));

const ReviewsSchema = lazySchema(() => z.array(
    z.object({
      // A deleted account's reviews have no user: they count for nobody.
      user: z.nullable(UserSchema),
      state: z.string(),
      commit_id: z.nullish(ShaSchema),
      submitted_at: z.catch(z.nullish(z.iso.datetime({ offset: true })), null),
    }),
  ).check(z.maxLength(100)));

const CheckRunsSchema = lazySchema(() => z.object({
  check_runs: z.array(z.object({ name: z.string().check(z.minLength(1), z.maxLength(255)), status: z.string(), conclusion: z.nullish(z.string()), html_url: z.catch(z.nullish(UrlSchema), null) })).check(z.maxLength(100)),
}));
const CheckRunsPageSchema = lazySchema(() => z.pipe(CheckRunsSchema, z.transform((page) => page.check_runs)));

const CombinedStatusSchema = lazySchema(() => z.object({
  statuses: z.array(z.object({ context: z.string().check(z.minLength(1), z.maxLength(255)), state: z.string(), target_url: z.catch(z.nullish(UrlSchema), null) })).check(z.maxLength(1000)),
}));

const CommitPullsSchema = lazySchema(() => z.array(z.object({ number: PositiveIdSchema })).check(z.maxLength(100)));

const PAGE = 'per_page=100';
const MAX_PAGES = 10;

/** GitHub says where the next page is in the Link header: `<https://api.github.com/...&page=2>; rel="next"`. */
function nextLink(response: APIResponse): string | undefined {
  const link = response.headers.get('link');
  if (link === null) return undefined;
  return /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1];
}

function repositoryOf(repository: RepositoryRef): { readonly owner: string; readonly repo: string } {
  if (repository.provider !== 'github') throw new Error(`A GitHub client cannot read a ${repository.provider} repository`);
  return repository;
}

export class GitHubClient implements ChangeRequestSource {
  readonly provider = 'github';
  private readonly http: ProviderHttp;

  constructor(connection: ProviderConnection, fetch?: ProviderFetch, retry: ProviderRetryPolicy = DEFAULT_PROVIDER_RETRY_POLICY) {
    this.http = new ProviderHttp(
      'github',
      connection,
      // GitHub refuses requests without a User-Agent.
      { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', 'User-Agent': 'go-live-gate' },
      fetch,
      retry,
    );
  }

  /** `GET /repos/{owner}/{repo}/pulls/{number}`: title, head branch and commit, address and state. */
  async getChangeRequest(ref: ChangeRequestRef): Promise<ChangeRequest> {
    const { owner, repo } = repositoryOf(ref.repository);
    const pull = await this.http.get(apiPath`/repos/${owner}/${repo}/pulls/${ref.number}`, PullSchema, `pull request #${ref.number}`);
    const state = pull.merged_at ? 'merged' : pull.state === 'open' ? 'open' : 'closed';
    return { ref, title: pull.title, sourceBranch: pull.head.ref, headSha: pull.head.sha, url: pull.html_url, state };
  }

  /** `GET /repos/{owner}/{repo}/pulls/{number}/reviews`, every page: each reviewer's latest deciding review. */
  async getApprovals(ref: ChangeRequestRef): Promise<readonly ProviderApproval[]> {
    const { owner, repo } = repositoryOf(ref.repository);
    const reviews = await this.http.getAll(`${apiPath`/repos/${owner}/${repo}/pulls/${ref.number}/reviews`}?${PAGE}`, ReviewsSchema, `the reviews of pull request #${ref.number}`, nextLink, MAX_PAGES);
    return standingApprovals(
      reviews.flatMap((review) =>
        review.user === null
          ? []
          : [{ user: { provider: 'github' as const, id: review.user.id, login: review.user.login }, state: review.state, commitSha: review.commit_id ?? undefined, submittedAt: review.submitted_at ?? undefined }],
      ),
    );
  }

  /**
   * Check runs (`GET .../commits/{sha}/check-runs`, the latest run of each name) and commit statuses
   * (`GET .../commits/{sha}/status`, the latest of each context) of a commit; a check run wins over a status of the same name.
   */
  async getChecks(repository: RepositoryRef, sha: string): Promise<readonly CheckResult[]> {
    const { owner, repo } = repositoryOf(repository);
    const commit = sha.slice(0, 7);
    const [runs, combined] = await Promise.all([
      this.http.getAll(`${apiPath`/repos/${owner}/${repo}/commits/${sha}/check-runs`}?${PAGE}`, CheckRunsPageSchema, `the check runs of commit ${commit}`, nextLink, MAX_PAGES),
      this.http.get(`${apiPath`/repos/${owner}/${repo}/commits/${sha}/status`}?${PAGE}`, CombinedStatusSchema, `the statuses of commit ${commit}`),
    ]);
    const checks: CheckResult[] = runs.map((run) => ({ name: run.name, state: githubCheckRunState(run.status, run.conclusion), ...(run.html_url && { url: run.html_url }) }));
    for (const status of combined.statuses) {
      if (!checks.some((check) => check.name === status.context)) checks.push({ name: status.context, state: githubStatusState(status.state), ...(status.target_url && { url: status.target_url }) });
    }
    return checks;
  }

  /** `GET /repos/{owner}/{repo}/commits/{sha}/pulls`: the pull requests that contain the commit. */
  async changeRequestsFor(repository: RepositoryRef, sha: string): Promise<readonly ChangeRequestRef[]> {
    const { owner, repo } = repositoryOf(repository);
    const pulls = await this.http.get(apiPath`/repos/${owner}/${repo}/commits/${sha}/pulls`, CommitPullsSchema, `the pull requests of commit ${sha.slice(0, 7)}`);
    return pulls.map((pull) => ({ repository, number: pull.number }));
  }
}
