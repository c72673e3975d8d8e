import type { APIResponse } from '@forge/api';
import { z } from 'zod/mini';
import type { ChangeRequestSource } from '../ports';
import type { ChangeRequest, ChangeRequestRef, CheckResult, ProviderApproval, RepositoryRef } from '../gate/provider-refs';
import { PositiveIdSchema, ShaSchema } from '../gate/provider-refs';
import { gitlabStatusState } from '../gate/required-checks';
import type { ProviderConnection, ProviderFetch, ProviderRetryPolicy } from './provider-http';
import { apiPath, DEFAULT_PROVIDER_RETRY_POLICY, ProviderHttp } from './provider-http';
import { lazySchema } from '../gate/lazy-schema';

/**
 * GitLab's REST API (v4), read before anything is recorded from a GitLab delivery. The token needs `read_api`.
 * Endpoints: https://docs.gitlab.com/api/merge_requests/, https://docs.gitlab.com/api/merge_request_approvals/,
 * https://docs.gitlab.com/api/commits/.
 */

const UserSchema = lazySchema(() => z.object({ id: PositiveIdSchema, username: z.string().check(z.minLength(1), z.maxLength(255)), name: z.catch(z.optional(z.string().check(z.maxLength(255))), undefined) }));
const UrlSchema = lazySchema(() => z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)));

const MergeRequestSchema = lazySchema(() => z.object({
  iid: PositiveIdSchema,
  title: z.string().check(z.maxLength(1024)),
  source_branch: z.string().check(z.maxLength(1024)),
  sha: z.nullish(ShaSchema),
  diff_refs: z.nullish(z.object({ head_sha: z.nullish(ShaSchema) })),
  web_url: UrlSchema,
  state: z.string(),
}));

const ApprovalsSchema = lazySchema(() => z.object({
  approved_by: z.array(z.object({ user: UserSchema, approved_at: z.catch(z.optional(z.iso.datetime({ offset: true })), undefined) })).check(z.maxLength(1000)),
}));

const StatusesSchema = lazySchema(() => z.array(z.object({ id: PositiveIdSchema, name: z.string().check(z.minLength(1), z.maxLength(255)), status: z.string(), target_url: z.catch(z.nullish(UrlSchema), null) })).check(z.maxLength(100)));

const CommitMergeRequestsSchema = lazySchema(() => z.array(z.object({ iid: PositiveIdSchema, project_id: PositiveIdSchema })).check(z.maxLength(100)));

const PAGE = 'per_page=100';
const MAX_PAGES = 5;

/** GitLab says where the next page is in `X-Next-Page` (empty on the last page). */
function nextPage(response: APIResponse, url: string): string | undefined {
  const page = response.headers.get('x-next-page');
  if (page === null || !/^[1-9][0-9]*$/.test(page)) return undefined;
  const next = new URL(url);
  next.searchParams.set('page', page);
  return next.href;
}

function projectOf(repository: RepositoryRef): number {
  if (repository.provider !== 'gitlab') throw new Error(`A GitLab client cannot read a ${repository.provider} repository`);
  return repository.projectId;
}

const STATES: Readonly<Record<string, ChangeRequest['state']>> = { opened: 'open', locked: 'open', merged: 'merged', closed: 'closed' };

export class GitLabClient implements ChangeRequestSource {
  readonly provider = 'gitlab';
  private readonly http: ProviderHttp;

  constructor(connection: ProviderConnection, fetch?: ProviderFetch, retry: ProviderRetryPolicy = DEFAULT_PROVIDER_RETRY_POLICY) {
    this.http = new ProviderHttp('gitlab', connection, { Accept: 'application/json' }, fetch, retry);
  }

  /** `GET /projects/:id/merge_requests/:iid`: title, source branch, head commit, address and state. */
  async getChangeRequest(ref: ChangeRequestRef): Promise<ChangeRequest> {
    const project = projectOf(ref.repository);
    const mr = await this.http.get(apiPath`/projects/${project}/merge_requests/${ref.number}`, MergeRequestSchema, `merge request !${ref.number}`);
    const headSha = mr.sha ?? mr.diff_refs?.head_sha;
    if (headSha === undefined || headSha === null) throw new Error(`GitLab shows no head commit for merge request !${ref.number}`);
    return { ref, title: mr.title, sourceBranch: mr.source_branch, headSha, url: mr.web_url, state: STATES[mr.state] ?? 'closed' };
  }

  /** `GET /projects/:id/merge_requests/:iid/approvals`: who approved (GitLab removes approvals on push when the project says so). */
  async getApprovals(ref: ChangeRequestRef): Promise<readonly ProviderApproval[]> {
    const project = projectOf(ref.repository);
    const approvals = await this.http.get(apiPath`/projects/${project}/merge_requests/${ref.number}/approvals`, ApprovalsSchema, `the approvals of merge request !${ref.number}`);
    return approvals.approved_by.map(({ user, approved_at: at }) => ({
      user: { provider: 'gitlab', id: user.id, login: user.username, ...(user.name !== undefined && { name: user.name }) },
      ...(at !== undefined && { at }),
    }));
  }

  /** `GET /projects/:id/repository/commits/:sha/statuses`: CI jobs and external statuses, the latest of each name. */
  async getChecks(repository: RepositoryRef, sha: string): Promise<readonly CheckResult[]> {
    const project = projectOf(repository);
    const statuses = await this.http.getAll(`${apiPath`/projects/${project}/repository/commits/${sha}/statuses`}?${PAGE}`, StatusesSchema, `the statuses of commit ${sha.slice(0, 7)}`, nextPage, MAX_PAGES);
    const latestFirst = [...statuses].sort((a, b) => b.id - a.id);
    const seen = new Set<string>();
    return latestFirst.flatMap((status) => {
      if (seen.has(status.name)) return [];
      seen.add(status.name);
      return [{ name: status.name, state: gitlabStatusState(status.status), ...(status.target_url && { url: status.target_url }) }];
    });
  }

  /** `GET /projects/:id/repository/commits/:sha/merge_requests`: the merge requests of this project that contain the commit. */
  async changeRequestsFor(repository: RepositoryRef, sha: string): Promise<readonly ChangeRequestRef[]> {
    const project = projectOf(repository);
    const mergeRequests = await this.http.get(apiPath`/projects/${project}/repository/commits/${sha}/merge_requests`, CommitMergeRequestsSchema, `the merge requests of commit ${sha.slice(0, 7)}`);
    return mergeRequests.filter((mr) => mr.project_id === project).map((mr) => ({ repository, number: mr.iid }));
  }
}
