// A fake GitHub REST API for tests: the endpoints the gate reads, answering with the documented payloads of
// test/fixtures/github/ (acme/addon-operator, pull request #7) and the changes a test makes (reviews, pushes, checks).
import type { FakeServer } from './fake-provider-server';
import { page, startFakeServer } from './fake-provider-server';
import { providerFixture } from './provider-fixtures';

type Json = Record<string, unknown>;

export interface GitHubUser {
  readonly id: number;
  readonly login: string;
}

export interface GitHubCheckRun {
  readonly name: string;
  /** queued, in_progress, completed */
  readonly status: string;
  readonly conclusion: string | null;
  readonly html_url?: string | null;
}

export interface GitHubStatus {
  readonly context: string;
  /** success, failure, error, pending */
  readonly state: string;
  readonly target_url?: string | null;
}

export interface FakeGitHub extends FakeServer {
  /** The API root to give the client (GitHub.com's is https://api.github.com). */
  readonly apiUrl: string;
  readonly token: string;
  /** A submitted review (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED) on the pull request's current head. */
  review(number: number, user: GitHubUser, state: string): void;
  /** New commits on the head branch. */
  push(number: number, sha: string): void;
  /** A check run for a commit; a later run of the same name replaces the earlier (GitHub's `filter=latest`). */
  checkRun(sha: string, run: GitHubCheckRun): void;
  status(sha: string, status: GitHubStatus): void;
}

const OWNER = 'acme';
const REPO = 'addon-operator';

/**
 * Starts the fake on a free loopback port.
 * @example const github = await startFakeGitHub(); const client = new GitHubClient({ apiUrl: github.apiUrl, token: github.token });
 */
export async function startFakeGitHub(token = 'github_pat_fake'): Promise<FakeGitHub> {
  const pull = providerFixture('github', 'api-pull').payload as Json;
  const pulls = new Map<number, { pull: Json; reviews: Json[]; commits: string[] }>([
    [7, { pull, reviews: providerFixture('github', 'api-pull-reviews').payload as Json[], commits: [(pull['head'] as Json)['sha'] as string] }],
  ]);
  const firstHead = (pull['head'] as Json)['sha'] as string;
  const checkRuns = new Map<string, Json[]>([[firstHead, (providerFixture('github', 'api-check-runs').payload as { check_runs: Json[] }).check_runs]]);
  const combined = providerFixture('github', 'api-combined-status').payload as Json;
  const statuses = new Map<string, Json[]>([[firstHead, combined['statuses'] as Json[]]]);
  let nextId = 1000;
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

  const inRepo = (params: Readonly<Record<string, string>>) => params['owner'] === OWNER && params['repo'] === REPO;
  const pullOf = (params: Readonly<Record<string, string>>) => (inRepo(params) ? pulls.get(Number(params['number'])) : undefined);
  let origin = '';
  const link = (url: URL, next: number | undefined) => {
    if (next === undefined) return {};
    const target = new URL(`${origin}${url.pathname}`);
    url.searchParams.forEach((value, name) => target.searchParams.set(name, value));
    target.searchParams.set('page', String(next));
    return { link: `<${target.href}>; rel="next"` };
  };

  const server = await startFakeServer(
    {
      '/repos/:owner/:repo/pulls/:number': (params) => {
        const found = pullOf(params);
        return found ? { status: 200, body: found.pull } : notFound;
      },
      '/repos/:owner/:repo/pulls/:number/reviews': (params, url) => {
        const found = pullOf(params);
        if (found === undefined) return notFound;
        const { items, next } = page(found.reviews, url, 30);
        return { status: 200, body: items, headers: link(url, next) };
      },
      '/repos/:owner/:repo/commits/:ref/check-runs': (params, url) => {
        if (!inRepo(params)) return notFound;
        const runs = checkRuns.get(params['ref'] ?? '') ?? [];
        const { items, next } = page(runs, url, 30);
        return { status: 200, body: { total_count: runs.length, check_runs: items }, headers: link(url, next) };
      },
      '/repos/:owner/:repo/commits/:ref/status': (params) => {
        if (!inRepo(params)) return notFound;
        const list = statuses.get(params['ref'] ?? '') ?? [];
        const state = list.some((s) => s['state'] === 'failure' || s['state'] === 'error') ? 'failure' : list.every((s) => s['state'] === 'success') ? 'success' : 'pending';
        return { status: 200, body: { ...combined, state, statuses: list, sha: params['ref'], total_count: list.length } };
      },
      '/repos/:owner/:repo/commits/:sha/pulls': (params) => {
        if (!inRepo(params)) return notFound;
        const found = [...pulls.values()].filter(({ commits }) => commits.includes(params['sha'] ?? ''));
        return { status: 200, body: found.map(({ pull: p }) => ({ url: p['url'], id: p['id'], number: p['number'], state: p['state'], title: p['title'], html_url: p['html_url'], head: p['head'], base: p['base'], draft: false })) };
      },
    },
    (request) => {
      // As GitHub documents: no User-Agent is refused, a missing or wrong token is "Bad credentials".
      if (!request.headers['user-agent']) return { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).' } };
      if (request.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
      return undefined;
    },
    { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
  );
  origin = server.origin;

  const existing = (number: number) => {
    const found = pulls.get(number);
    if (found === undefined) throw new Error(`The fake GitHub has no pull request #${number}`);
    return found;
  };
  return {
    ...server,
    apiUrl: server.origin,
    token,
    review(number, user, state) {
      const found = existing(number);
      const id = nextId++;
      found.reviews.push({
        id,
        user: { ...user, type: 'User', site_admin: false },
        body: '',
        state,
        html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}#pullrequestreview-${id}`,
        submitted_at: '2026-03-03T09:00:00Z',
        commit_id: (found.pull['head'] as Json)['sha'],
        author_association: 'MEMBER',
      });
    },
    push(number, sha) {
      const found = existing(number);
      found.pull = { ...found.pull, head: { ...(found.pull['head'] as Json), sha } };
      found.commits.push(sha);
    },
    checkRun(sha, run) {
      const others = (checkRuns.get(sha) ?? []).filter((r) => r['name'] !== run.name);
      checkRuns.set(sha, [...others, { id: nextId++, head_sha: sha, ...run }]);
    },
    status(sha, status) {
      const others = (statuses.get(sha) ?? []).filter((s) => s['context'] !== status.context);
      statuses.set(sha, [...others, { id: nextId++, ...status }]);
    },
  };
}
