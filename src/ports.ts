import type { AuditEvent, AuditPage } from './contract';
import type { GateConfig } from './gate/config';
import type { BenchSnapshot } from './gate/review-bench-trend';
import type { ReviewEvent, ReviewEventKind, ReviewEventOf } from './gate/review-history';
import type { ChangeRequest, ChangeRequestRef, CheckResult, Provider, ProviderApproval, RepositoryRef } from './gate/provider-refs';

/**
 * Every port: what the use cases need from the outside world, and the bundles each entry point passes them.
 * `src/forge/` implements these with @forge/api and @forge/kvs; nothing in `src/app/` touches the platform;
 * `src/entry/composition-root.ts` wires the adapters in.
 */

/** An issue as the gate needs it: identity, project, reporter, status and its `golive-gate.*` properties. */
export interface IssueView {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly projectId: string;
  readonly projectKey: string;
  readonly reporterAccountId?: string | undefined;
  readonly status: string;
  readonly created: string;
  /** Every `golive-gate.*` issue property, by key, exactly as Jira returned it. */
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface IssueStore {
  /** One Jira request: the issue with its fields and all `golive-gate.*` properties. Throws NotFoundError when the caller cannot see it. */
  getIssue(issueIdOrKey: string): Promise<IssueView>;
  /** Writes one issue property. Throws PropertyTooLargeError before sending a value over Jira's limit. */
  putProperty(issueId: string, propertyKey: string, value: unknown): Promise<void>;
}

export interface StoredConfig {
  readonly config: GateConfig;
  readonly savedBy: string;
  readonly savedAt: string;
}

export interface ConfigStore {
  /** The configuration in force: one KVS request (one more, once, for a configuration stored before schema version 2). */
  get(projectId: string): Promise<StoredConfig | undefined>;
  /**
   * Stores a validated configuration as version `expectedVersion + 1`, with a compare-and-set on the version: a save is
   * in force only once acknowledged, and a delayed write of an earlier save can never replace a later one. Throws
   * ConflictError when the stored version is not `expectedVersion` (someone else saved in between), ValidationError
   * when the config is invalid. `event`, when given, is stored in the same step: the trail names every version in force.
   */
  save(projectId: string, config: GateConfig, expectedVersion: number, savedBy: string, savedAt: string, event?: AuditEvent): Promise<StoredConfig>;
}

/**
 * The last record the app wrote under one issue property key (its head), kept where only the app can write (Forge
 * KVS). The property on the issue is a mirror: it counts only while it matches the head's digest.
 */
export interface RecordHead {
  /**
   * Increases by one with every write of the key, so each write names the head it replaces (compare-and-set): a late
   * write can never replace a newer one. 0 for a digest written before schema version 2, which has no head yet.
   */
  readonly seq: number;
  readonly digest: string;
  /** The record as the app wrote it; absent for digests written before schema version 2, which kept only the digest. */
  readonly record?: unknown;
}

/** One record write: the new head, the head it replaces, and the audit event stored with it. */
export interface RecordWrite {
  readonly issueId: string;
  readonly propertyKey: string;
  /** The sequence of the head this write replaces; 0 when the key has no head in KVS yet. */
  readonly replaces: number;
  readonly digest: string;
  readonly record: unknown;
  readonly event: AuditEvent;
  /**
   * Review history events stored in the same transaction as the head: the decision this write records, and the one it
   * replaces (so a decision made before the history existed joins it when it is replaced; storing one again changes nothing).
   */
  readonly history?: readonly ReviewEvent[] | undefined;
}

/** The heads of the records the app wrote: Forge KVS custom entities, one per issue and property key. */
export interface RecordStore {
  /** Every head of the issue, by property key: one KVS query (one more per 100 records). */
  heads(issueId: string): Promise<Record<string, RecordHead>>;
  /** Digests written before schema version 2 (`digest:<issueId>:<propertyKey>` keys), by property key: one KVS query. */
  legacyDigests(issueId: string): Promise<Record<string, string>>;
  /**
   * Makes `write` the head of its key, as sequence `replaces + 1`, together with its audit event, in one KVS transaction
   * that applies only while the head is still `replaces`. Throws ConflictError when someone else wrote the key first
   * (or when an earlier attempt of this very write already landed: re-read the head to tell).
   */
  commit(write: RecordWrite): Promise<void>;
}

export interface AuditLog {
  /** One KVS key per event: no read-modify-write, so concurrent events are never lost. */
  append(event: AuditEvent): Promise<void>;
  /** Records the outcome of an event stored earlier (it has an `id`): the event is rewritten under its own key. */
  settle(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(issueId: string, limit: number, cursor?: string): Promise<AuditPage>;
}

export interface Directory {
  /** Names of the Jira groups the account belongs to. */
  groupsOf(accountId: string): Promise<readonly string[]>;
  /** Whether the calling user may administer the project (ADMINISTER_PROJECTS). */
  canAdministerProject(projectIdOrKey: string): Promise<boolean>;
  /** Account ids of the members of a group (bench depth). */
  membersOf(groupName: string): Promise<readonly string[]>;
}

export interface Clock {
  now(): Date;
}

/** An e-mail to the members of some Jira groups about one issue (`POST /rest/api/3/issue/{key}/notify`). */
export interface TeamMessage {
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
  readonly groups: readonly string[];
}

export interface Notifier {
  notify(issueIdOrKey: string, message: TeamMessage): Promise<void>;
}

/** Which notifications were sent, kept where only the app writes (Forge KVS). */
export interface NotificationLog {
  /** Records the key unless it exists (KVS FAIL_IF_EXISTS): true when this call recorded it, false when it was already there. */
  claim(key: string): Promise<boolean>;
  /** Forgets a claim whose notification could not be sent, so the next write tries again. */
  release(key: string): Promise<void>;
}

export interface NotifyPorts {
  readonly notifier: Notifier;
  readonly notificationLog: NotificationLog;
}

/** One page of `POST /rest/api/3/search/jql`, as much of it as the reviews page reads. */
export interface SearchPage {
  readonly issues: readonly {
    readonly key: string;
    /** Jira always sends it; optional so that a page without it still reads (the ticket then matches no history). */
    readonly id?: string | undefined;
    readonly fields: { readonly summary?: string | undefined; readonly created?: string | undefined; readonly status?: { readonly name: string; readonly statusCategory?: { readonly key: string } | undefined } | undefined };
    readonly properties?: Readonly<Record<string, unknown>> | undefined;
  }[];
  readonly nextPageToken?: string | undefined;
}

export interface SearchRequest {
  readonly jql: string;
  readonly fields: readonly string[];
  readonly properties: readonly string[];
  readonly maxResults: number;
  readonly nextPageToken?: string | undefined;
}

/** JQL search with the issue properties in the answer: one request per page. */
export interface IssueSearch {
  search(request: SearchRequest): Promise<SearchPage>;
}

/** Everything the panel's use cases reach the outside world through. */
export interface PanelPorts {
  readonly issues: IssueStore;
  readonly configs: ConfigStore;
  readonly records: RecordStore;
  readonly audit: AuditLog;
  readonly directory: Directory;
  readonly clock: Clock;
  /** E-mails teams when the gate starts waiting on them; without it nobody is notified. */
  readonly notify?: NotifyPorts | undefined;
  /** The review history (shadow reviews on the panel); the panel's other actions never need it. */
  readonly history?: ReviewHistory | undefined;
}

export type SettingsPorts = Pick<PanelPorts, 'configs' | 'directory' | 'audit' | 'clock'>;

/** The validator reads: one issue, the configuration, the record heads, and the approvers' groups to re-check them. */
export type ValidatorPorts = Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'directory' | 'clock'>;

/** An issue event (a trigger) runs as the app: it reads one issue, the configuration and the record heads, writes the summary and notifies. */
export type IssueEventPorts = Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'clock' | 'notify'>;

/**
 * The review history of each project (decisions, stage entries) in Forge KVS: append-only, written only by the app.
 * Decisions are added with the head of their record (RecordWrite.history).
 */
export interface ReviewHistory {
  /** The project's events of one kind with `from <= at < to`, oldest first: one KVS query per 100 events. */
  list<K extends ReviewEventKind>(projectId: string, kind: K, from: string, to: string): Promise<ReviewEventOf<K>[]>;
  /** One issue's events of one kind, oldest first: one KVS query per 100 events. */
  listForIssue<K extends ReviewEventKind>(issueId: string, kind: K): Promise<ReviewEventOf<K>[]>;
  /** Stores an event (with its audit event, when given) in one transaction; storing the same event again changes nothing. */
  append(event: ReviewEvent, audit?: AuditEvent): Promise<void>;
}

/** Who could approve for each team, day by day (Forge KVS): the reviews page keeps one snapshot a day. */
export interface BenchSnapshots {
  /** The project's snapshots with `fromDay <= day <= toDay`, oldest first: one KVS query per 100 days. */
  list(projectId: string, fromDay: string, toDay: string): Promise<BenchSnapshot[]>;
  /** Keeps the day's snapshot unless one is kept already (the first of the day stays). */
  record(snapshot: BenchSnapshot): Promise<void>;
}

/** The reviews page reads the configuration, searches the gated tickets and asks who is in which group. */
export interface ReviewsPorts {
  readonly search: IssueSearch;
  readonly configs: ConfigStore;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly history: ReviewHistory;
  readonly benchSnapshots: BenchSnapshots;
}

/** Recording stage entries: the configuration and the history (the event names the issue, its project and status). */
export type StageEntryPorts = Pick<PanelPorts, 'configs' | 'clock'> & { readonly history: ReviewHistory };

/** The signed-in user a resolver runs for (from the invocation context, never from the payload). */
export interface Caller {
  readonly accountId: string;
}

/** The project a settings or reviews resolver runs in (from the invocation context). */
export interface ProjectRef {
  readonly id: string;
  readonly key: string;
}

// Agreement from comments, merge requests and pipelines (issue 15).

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

// The validator configuration screen (Forge gives it no project for a company-managed workflow).

/** Every project's current gate configuration (Forge KVS). */
export interface ConfiguredProjects {
  listAll(): Promise<readonly { readonly projectId: string; readonly stored: StoredConfig }[]>;
}

/** A project as the caller may see it in Jira; NotFoundError when they may not. */
export interface ProjectLookup {
  projectOf(projectId: string): Promise<{ readonly id: string; readonly key: string; readonly name: string }>;
}

export interface ValidatorConfigPorts {
  readonly configs: ConfiguredProjects;
  readonly projects: ProjectLookup;
}
