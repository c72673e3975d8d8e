import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

/** Where agreement comes from outside Jira: GitLab merge requests and GitHub pull requests, named the same way. */

export const PROVIDERS = ['gitlab', 'github'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = { gitlab: 'GitLab', github: 'GitHub' };

/** The public APIs, whose hosts manifest.yml declares as egress; a self-hosted instance needs its own host declared. */
export const PUBLIC_API_URLS: Readonly<Record<Provider, string>> = { gitlab: 'https://gitlab.com/api/v4', github: 'https://api.github.com' };

/** A repository: a GitLab project by its numeric id, a GitHub repository by owner and name. */
export type RepositoryRef = { readonly provider: 'gitlab'; readonly projectId: number } | { readonly provider: 'github'; readonly owner: string; readonly repo: string };

/** A merge request (GitLab: its iid within the project) or pull request (GitHub: its number). */
export interface ChangeRequestRef {
  readonly repository: RepositoryRef;
  readonly number: number;
}

/** A person on GitLab or GitHub. The numeric id is stable; the login can be renamed. */
export interface ProviderUser {
  readonly provider: Provider;
  readonly id: number;
  readonly login: string;
  readonly name?: string | undefined;
}

/** A merge or pull request as its provider's API says it is now. */
export interface ChangeRequest {
  readonly ref: ChangeRequestRef;
  readonly title: string;
  readonly sourceBranch: string;
  readonly headSha: string;
  readonly url: string;
  readonly state: 'open' | 'closed' | 'merged';
}

/** An approval as the provider's API shows it now. */
export interface ProviderApproval {
  readonly user: ProviderUser;
  /** When it was given, when the provider says. */
  readonly at?: string | undefined;
  /** The commit it was given for, when the provider says (GitHub does; GitLab resets approvals on push instead). */
  readonly commitSha?: string | undefined;
}

/** How a named check (a CI job, a check run, a commit status) stands for one commit. */
export type CheckState = 'passed' | 'failed' | 'pending' | 'skipped';

export interface CheckResult {
  readonly name: string;
  readonly state: CheckState;
  readonly url?: string | undefined;
}

/** A GitHub login or repository part, a GitLab username: what may go into an API path. */
export const ProviderNameSchema = lazySchema(() => z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,100}$/, 'use letters, digits, dots, dashes or underscores')));
/** A commit id: 40 (SHA-1) or 64 (SHA-256) hex digits. */
export const ShaSchema = lazySchema(() => z.pipe(z.string().check(z.regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i, 'is not a commit id')), z.transform((sha) => sha.toLowerCase())));
export const PositiveIdSchema = lazySchema(() => z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER)));

/**
 * A short human name for a merge or pull request, for replies and the panel.
 *
 * @example
 * describeChange({ repository: { provider: 'github', owner: 'acme', repo: 'addon' }, number: 7 }) // 'acme/addon#7'
 * describeChange({ repository: { provider: 'gitlab', projectId: 42 }, number: 3 }) // 'GitLab project 42 !3'
 */
export function describeChange(ref: ChangeRequestRef): string {
  const { repository, number } = ref;
  return repository.provider === 'github' ? `${repository.owner}/${repository.repo}#${number}` : `GitLab project ${repository.projectId} !${number}`;
}
