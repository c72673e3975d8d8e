// A fake GitLab REST API (v4) for tests: the endpoints the gate reads, answering with the documented payloads of
// test/fixtures/gitlab/ (project 4242, merge request !12) and the changes a test makes (pushes, approvals, CI jobs).
import type { FakeServer } from './fake-provider-server';
import { page, startFakeServer } from './fake-provider-server';
import { providerFixture } from './provider-fixtures';

type Json = Record<string, unknown>;

export interface GitLabUser {
  readonly id: number;
  readonly username: string;
  readonly name: string;
}

export interface GitLabStatus {
  readonly id: number;
  readonly name: string;
  /** success, failed, running, pending, skipped, canceled, manual ... */
  readonly status: string;
  readonly target_url?: string | null;
}

export interface FakeGitLab extends FakeServer {
  /** The API root to give the client: `<origin>/api/v4`. */
  readonly apiUrl: string;
  /** The only token the fake accepts. */
  readonly token: string;
  readonly projectId: number;
  /** New commits on the source branch: the head moves and, as with "reset approvals on push", approvals are removed. */
  push(iid: number, sha: string): void;
  approve(iid: number, user: GitLabUser): void;
  unapprove(iid: number, userId: number): void;
  /** A CI job or external status reported for a commit (newer ids are newer). */
  report(sha: string, status: GitLabStatus): void;
  /** Opens another merge request like !12 (same head), with its own title and source branch, approved by nobody; answers its address. */
  open(iid: number, change: { readonly title: string; readonly source_branch: string }): string;
}

const PROJECT = 4242;

/**
 * Starts the fake on a free loopback port.
 * @example const gitlab = await startFakeGitLab(); const client = new GitLabClient({ apiUrl: gitlab.apiUrl, token: gitlab.token });
 */
export async function startFakeGitLab(token = 'glpat-fake-token'): Promise<FakeGitLab> {
  const template = providerFixture('gitlab', 'api-merge-request').payload as Json;
  const approvalsTemplate = providerFixture('gitlab', 'api-merge-request-approvals').payload as Json;
  const firstApprovals = (approvalsTemplate['approved_by'] as { user: GitLabUser }[]).map(({ user }) => user);
  const mergeRequests = new Map<number, { mr: Json; approvedBy: GitLabUser[]; commits: string[] }>([[12, { mr: template, approvedBy: firstApprovals, commits: [template['sha'] as string] }]]);
  const statuses = new Map<string, GitLabStatus[]>([[template['sha'] as string, providerFixture('gitlab', 'api-commit-statuses').payload as GitLabStatus[]]]);
  const notFound = { status: 404, body: { message: '404 Not found' } };

  const mergeRequest = (params: Readonly<Record<string, string>>) => (Number(params['id']) === PROJECT ? mergeRequests.get(Number(params['iid'])) : undefined);

  const server = await startFakeServer(
    {
      '/api/v4/projects/:id/merge_requests/:iid': (params) => {
        const found = mergeRequest(params);
        return found ? { status: 200, body: found.mr } : notFound;
      },
      '/api/v4/projects/:id/merge_requests/:iid/approvals': (params) => {
        const found = mergeRequest(params);
        if (found === undefined) return notFound;
        const approvedBy = found.approvedBy.map((user) => ({ user: { ...user, state: 'active', avatar_url: null, web_url: `https://gitlab.example.com/${user.username}` } }));
        const required = approvalsTemplate['approvals_required'] as number;
        return { status: 200, body: { ...approvalsTemplate, iid: found.mr['iid'], title: found.mr['title'], approved_by: approvedBy, approvals_left: Math.max(required - approvedBy.length, 0) } };
      },
      '/api/v4/projects/:id/repository/commits/:sha/statuses': (params, url) => {
        if (Number(params['id']) !== PROJECT) return notFound;
        const list = [...(statuses.get(params['sha'] ?? '') ?? [])].sort((a, b) => b.id - a.id);
        const { items, next } = page(list, url, 20);
        return { status: 200, body: items.map((s) => ({ ...s, sha: params['sha'], ref: 'refs/merge-requests/12/head', allow_failure: false })), headers: { 'x-next-page': next === undefined ? '' : String(next), 'x-total': String(list.length) } };
      },
      '/api/v4/projects/:id/repository/commits/:sha/merge_requests': (params) => {
        if (Number(params['id']) !== PROJECT) return notFound;
        const found = [...mergeRequests.values()].filter(({ commits }) => commits.includes(params['sha'] ?? ''));
        return { status: 200, body: found.map(({ mr }) => ({ id: mr['id'], iid: mr['iid'], project_id: PROJECT, title: mr['title'], state: mr['state'], source_branch: mr['source_branch'], sha: mr['sha'], web_url: mr['web_url'] })) };
      },
    },
    (request) => {
      const bearer = request.headers.authorization;
      const privateToken = request.headers['private-token'];
      return bearer === `Bearer ${token}` || privateToken === token ? undefined : { status: 401, body: { message: '401 Unauthorized' } };
    },
    { message: '404 Not found' },
  );

  const existing = (iid: number) => {
    const found = mergeRequests.get(iid);
    if (found === undefined) throw new Error(`The fake GitLab has no merge request !${iid}`);
    return found;
  };
  return {
    ...server,
    apiUrl: `${server.origin}/api/v4`,
    token,
    projectId: PROJECT,
    push(iid, sha) {
      const found = existing(iid);
      found.mr = { ...found.mr, sha, diff_refs: { ...(found.mr['diff_refs'] as Json), head_sha: sha } };
      found.commits.push(sha);
      found.approvedBy = [];
    },
    approve(iid, user) {
      const found = existing(iid);
      if (!found.approvedBy.some((u) => u.id === user.id)) found.approvedBy.push(user);
    },
    unapprove(iid, userId) {
      const found = existing(iid);
      found.approvedBy = found.approvedBy.filter((u) => u.id !== userId);
    },
    report(sha, status) {
      statuses.set(sha, [...(statuses.get(sha) ?? []), status]);
    },
    open(iid, change) {
      const web_url = String(template['web_url']).replace(/\/12$/, `/${iid}`);
      mergeRequests.set(iid, { mr: { ...template, ...change, id: 9900 + iid, iid, web_url }, approvedBy: [], commits: [template['sha'] as string] });
      return web_url;
    },
  };
}
