import type { ChangeRequest, ChangeRequestRef, CheckResult, Provider, ProviderApproval, RepositoryRef } from '../gate/provider-refs';

/**
 * What agreement from comments, merge requests and pipelines needs from the outside world (issue 15). `src/forge/`
 * implements these: KvsDeliveryLog, GitLabClient and GitHubClient.
 */

/** Remembers webhook deliveries, so a replayed delivery is refused. */
export interface DeliveryLog {
  /** Claims a delivery for processing: true when it was not seen before. Of two concurrent claims exactly one wins. */
  claim(provider: Provider, deliveryId: string, at: string): Promise<boolean>;
  /** Forgets a claim whose processing failed, so that the provider's retry of the same delivery is processed. */
  release(provider: Provider, deliveryId: string): Promise<void>;
}

/** Finds Jira issues by the remote links on them (Jira's `issue in issuesWithRemoteLinksByGlobalId(...)`). */
export interface RemoteLinkLookup {
  /** Keys of the issues with a remote link to this URL, oldest first. */
  issuesLinkedTo(url: string): Promise<readonly string[]>;
}

/**
 * A provider's API, read as the truth before anything is recorded: what a webhook says is only a hint of what to read.
 * Every method throws NotFoundError when the provider does not know the thing (or the token may not see it),
 * ForbiddenError when the token is refused, UnavailableError when the provider does not answer.
 */
export interface ChangeRequestSource {
  readonly provider: Provider;
  getChangeRequest(ref: ChangeRequestRef): Promise<ChangeRequest>;
  /** The approvals that stand now (GitLab: approved_by; GitHub: each reviewer's latest approving or rejecting review). */
  getApprovals(ref: ChangeRequestRef): Promise<readonly ProviderApproval[]>;
  /** The latest result of every check (CI job, check run, commit status) reported for a commit. */
  getChecks(repository: RepositoryRef, sha: string): Promise<readonly CheckResult[]>;
  /** The merge or pull requests whose head is, or once was, this commit (to find the ticket of a check). */
  changeRequestsFor(repository: RepositoryRef, sha: string): Promise<readonly ChangeRequestRef[]>;
}
