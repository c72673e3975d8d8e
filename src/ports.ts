import type { AuditEvent, AuditPage } from './contract';
import type { FieldError } from './gate/config';
import type { GateConfigV2 } from './gate/v2/config';
import type { BenchSnapshot } from './gate/review-bench-trend';
import type { ReviewEvent, ReviewEventKind, ReviewEventOf } from './gate/review-history';
import type { ChangeRequest, ChangeRequestRef, CheckResult, Provider, ProviderApproval, RepositoryRef } from './gate/provider-refs';
import type { WebhookCrypto } from './gate/webhook-delivery';
import type { RefreshProgress } from './gate/refresh-progress';
import type { LinkedAddress } from './gate/remote-links';
import type { RemindersProgress } from './gate/reminders-progress';
import type { TargetVersion } from './gate/target-release';

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
  /** Gate model v2 reads these for its scope and conditions; absent when the store does not read them. */
  readonly statusId?: string | undefined;
  readonly issueType?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly components?: readonly string[] | undefined;
  readonly created: string;
  /** The ticket's fix versions (its target release); absent when the store does not read them. */
  readonly fixVersions?: readonly TargetVersion[] | undefined;
  /** Every `golive-gate.*` issue property, by key, exactly as Jira returned it. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The ticket's issue links (type name and the other issue); absent when the store does not read them. */
  readonly links?: readonly { readonly type: string; readonly issueId: string; readonly issueKey: string }[] | undefined;
  /**
   * The linked tickets whose approvals count here (issue 15, `linkedApprovals`), with what the app wrote for them:
   * filled by the app (withLinkedTickets), never by the store.
   */
  readonly linkedTickets?: readonly LinkedTicket[] | undefined;
  /**
   * The custom fields the store was asked for, each as plain strings (an option's value, a group's or a component's
   * name; [] when unset); absent when it was asked for none.
   */
  readonly customFields?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** A linked ticket as the gate reads it for agreement given there: its `golive-gate.*` properties and the app's heads. */
export interface LinkedTicket {
  readonly id: string;
  readonly key: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly heads: Readonly<Record<string, RecordHead>>;
}

export interface IssueStore {
  /**
   * One Jira request: the issue with its fields, the custom fields named (`customFieldIdsOf(config)`) and all
   * `golive-gate.*` properties. Throws NotFoundError when the caller cannot see it.
   */
  getIssue(issueIdOrKey: string, customFields?: readonly string[]): Promise<IssueView>;
  /** Writes one issue property. Throws PropertyTooLargeError before sending a value over Jira's limit. */
  putProperty(issueId: string, propertyKey: string, value: unknown): Promise<void>;
}

export interface StoredConfig {
  /** The configuration in force as gate model v2 reads it: one stored by model v1 is migrated on read (migrateConfig). */
  readonly config: GateConfigV2;
  /** Set when the stored configuration was written by model v1; the next save stores schema version 2. */
  readonly migratedFrom?: 1 | undefined;
  /** What v2's rules refuse in a migrated v1 configuration: it keeps working, and the settings page asks for the fix. */
  readonly warnings: readonly FieldError[];
  readonly savedBy: string;
  readonly savedAt: string;
}

export interface ConfigStore {
  /**
   * The configuration in force: one KVS request (one more, once, for a configuration stored before schema version 2).
   * Given the project's key, a configuration stored without it (saved before issue 13, or before the project's key
   * changed) is indexed under it, once and best effort, so `getByProjectKey` finds it from then on.
   */
  get(projectId: string, projectKey?: string): Promise<StoredConfig | undefined>;
  /**
   * Stores a validated configuration as version `expectedVersion + 1`, with a compare-and-set on the version: a save is
   * in force only once acknowledged, and a delayed write of an earlier save can never replace a later one. Throws
   * ConflictError when the stored version is not `expectedVersion` (someone else saved in between), ValidationError
   * when the config is invalid. `event`, when given, is stored in the same step: the trail names every version in force.
   */
  save(projectId: string, config: GateConfigV2, expectedVersion: number, savedBy: string, savedAt: string, event?: AuditEvent, projectKey?: string): Promise<StoredConfig>;
  /**
   * The configuration saved for the project with that key (one KVS request), found before its issue is read so the
   * issue is read with the custom fields the configuration names; undefined when none was saved under that key.
   */
  getByProjectKey(projectKey: string): Promise<{ readonly projectId: string; readonly stored: StoredConfig } | undefined>;
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
  /** Like membersOf, but undefined when Jira has no such group, to tell it from a group nobody is in. */
  groupMembers(groupName: string): Promise<readonly string[] | undefined>;
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
  /** Also (or only) the issue's reporter. */
  readonly reporter?: boolean | undefined;
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
    readonly fields: {
      readonly summary?: string | undefined;
      readonly created?: string | undefined;
      readonly status?: { readonly name: string; readonly statusCategory?: { readonly key: string } | undefined } | undefined;
      /** The ticket's target release, when the search asked for `fixVersions`. */
      readonly fixVersions?: readonly { readonly id: string; readonly name: string; readonly releaseDate?: string | undefined }[] | undefined;
    };
    readonly properties?: Readonly<Record<string, unknown>> | undefined;
    /**
     * The custom fields (and `components`) the search asked for, as the words a gate reads (an option's value, a group's
     * or a component's name; none when unset): who approves a ticket whose approvers come from a field.
     */
    readonly ticketFields?: Readonly<Record<string, readonly string[]>> | undefined;
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
/** One of this app's workflow validators, as Jira's transition rules list it. */
export interface AppValidator {
  readonly workflow: string;
  readonly transition: string;
  /** The stage key its configuration names; undefined when it enforces each project's strictest stage. */
  readonly stage?: string | undefined;
}

/** The app's own workflow rules (Jira lists an app only the rules it created). */
export interface WorkflowRules {
  /** The app's validators in the workflows the project uses (its workflow scheme). */
  appValidators(projectId: string): Promise<readonly AppValidator[]>;
}

/** A field of the Jira site, as Jira describes it (GET /rest/api/3/field). */
export interface JiraField {
  readonly id: string;
  readonly name: string;
  readonly custom: boolean;
  /** What the field holds; absent for the few fields Jira describes without a schema. */
  readonly schema?: { readonly type: string; readonly items?: string | undefined } | undefined;
}

/** The fields of the site, for the settings' approver sources and conditions. */
export interface FieldCatalog {
  /** Every field the caller may see, system and custom. */
  list(): Promise<readonly JiraField[]>;
}

export interface PanelPorts {
  readonly issues: IssueStore;
  readonly configs: ConfigStore;
  readonly records: RecordStore;
  readonly audit: AuditLog;
  readonly directory: Directory;
  readonly clock: Clock;
  /** E-mails teams when the gate starts waiting on them; without it nobody is notified. */
  readonly notify?: NotifyPorts | undefined;
  /** The app's workflow validators, for the settings' preview of a replaced configuration; without it none are listed. */
  readonly workflowRules?: WorkflowRules | undefined;
  /** The review history (shadow reviews on the panel; approvals gone stale or expired, noticed when the summary is written). */
  readonly history?: ReviewHistory | undefined;
  /** Attaches generated playbooks to the ticket; without it no playbook can be generated. */
  readonly attachments?: IssueAttachments | undefined;
  /** The site's fields, for the settings; without it none are listed. */
  readonly fields?: FieldCatalog | undefined;
}

export type SettingsPorts = Pick<PanelPorts, 'configs' | 'directory' | 'audit' | 'clock' | 'workflowRules' | 'fields'>;

/** The validator reads: one issue, the configuration, the record heads, and the approvers' groups to re-check them. */
export type ValidatorPorts = Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'directory' | 'clock'>;

/** An issue event (a trigger) runs as the app: it reads one issue, the configuration and the record heads, writes the summary and notifies. */
export type IssueEventPorts = Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'clock' | 'notify' | 'history'>;

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

/** A ticket's remote link (Jira's web link): the linked address and, when the linking tool set one, its global id. */
export type RemoteLink = LinkedAddress;

/** A ticket's remote links (`GET /rest/api/3/issue/{issueIdOrKey}/remotelink`): where its merge or pull request is linked. */
export interface RemoteLinks {
  linksOf(issueIdOrKey: string): Promise<readonly RemoteLink[]>;
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

/** The dashboard gadget: gated projects as the caller may see them, and the reviews page's reads per project. */
export interface GadgetPorts {
  readonly configs: ConfiguredProjects;
  readonly projects: ProjectLookup;
  readonly search: IssueSearch;
  readonly history: ReviewHistory;
  readonly clock: Clock;
}

export interface ValidatorConfigPorts {
  readonly configs: ConfiguredProjects;
  readonly projects: ProjectLookup;
}

// Usage against commitments (issue 18).

/** Each project's usage secret, which a billing or quota system signs its usage deliveries with (Forge KVS secret storage). */
export interface UsageSecrets {
  /** The project's secret; undefined when none was created yet. */
  get(projectId: string): Promise<string | undefined>;
  /** Creates a new random secret for the project, replacing the old one (deliveries signed with it are refused from now on). */
  rotate(projectId: string): Promise<string>;
}

/** A usage delivery runs as the app: the panel's stores, the project's secret, and HMAC from node:crypto. */
export interface UsageDeliveryPorts extends PanelPorts {
  readonly usageSecrets: UsageSecrets;
  readonly crypto: WebhookCrypto;
}

/** The settings page's view of the usage intake: the admin check, the project's secret and the web trigger's URL. */
export interface UsageIntakePorts {
  readonly directory: Directory;
  readonly usageSecrets: UsageSecrets;
  usageUrl(): Promise<string>;
}

// Commands in Jira comments (issue 15).

/** A Jira comment as the app re-reads it: who Jira says wrote it, and its ADF body. */
export interface JiraComment {
  readonly id: string;
  readonly authorAccountId: string;
  /** `atlassian` for people, `app` for apps (whose comments are never commands). */
  readonly authorAccountType: string;
  readonly body: unknown;
}

/** Issue comments, read and written as the app. */
export interface CommentStore {
  /** Throws NotFoundError when the comment (or the issue) is gone. */
  getComment(issueIdOrKey: string, commentId: string): Promise<JiraComment>;
  /** Posts a comment as the app, with an ADF body. */
  addComment(issueIdOrKey: string, body: unknown): Promise<void>;
}

/** A comment trigger decides as the comment's author through the panel's ports, reads and replies to comments, and remembers which commands it applied. */
export interface CommentPorts extends PanelPorts {
  readonly comments: CommentStore;
  /** Claims each command of each comment once (KVS FAIL_IF_EXISTS), so a redelivered or edited comment applies it once. */
  readonly commandLog: NotificationLog;
}

// Merge-request and pull-request approvals through web triggers (issue 15).

/** One project's connection to GitLab or GitHub, kept in Forge KVS secret storage (encrypted). */
export interface ProviderConnectionSettings {
  readonly projectId: string;
  readonly projectKey: string;
  /** The API root, e.g. https://gitlab.com/api/v4 (its host must be declared as egress in manifest.yml). */
  readonly apiUrl: string;
  /** The token the app reads the provider's API with (GitLab `read_api`; GitHub read access to pull requests, checks and statuses). */
  readonly apiToken: string;
  /** The webhook's shared secret (GitLab's secret token, GitHub's HMAC secret). */
  readonly webhookSecret: string;
}

export interface ProviderConnections {
  get(projectId: string, provider: Provider): Promise<ProviderConnectionSettings | undefined>;
  save(settings: ProviderConnectionSettings & { readonly provider: Provider }): Promise<void>;
}

/** The web trigger address a provider's webhooks are sent to (Forge `webTrigger.getUrl`). */
export interface WebhookAddresses {
  urlOf(provider: Provider): Promise<string>;
}

/** A provider's API client for one connection. */
export type ChangeRequestSourceFor = (provider: Provider, connection: ProviderConnectionSettings) => ChangeRequestSource;

/** A web trigger decides as the mapped approver through the panel's ports, reads the provider's API, and remembers deliveries. */
export interface WebhookPorts extends PanelPorts {
  readonly connections: ProviderConnections;
  readonly deliveries: DeliveryLog;
  readonly sourceFor: ChangeRequestSourceFor;
  /** The project's gated tickets, searched as the app, and their remote links: a merge request linked from a ticket is for it. */
  readonly search: IssueSearch;
  readonly remoteLinks: RemoteLinks;
}

/** The settings page's provider section: connections (secrets never shown again) and the web trigger addresses. */
export interface ConnectionSettingsPorts extends SettingsPorts {
  readonly connections: ProviderConnections;
  readonly webhooks: WebhookAddresses;
}

// The scheduled refresh (issue 16): verdicts that change with time alone.

/** Where a scheduled run stands between runs (Forge KVS): the refresh's and the reminders' cursors. */
export interface ProgressStore<T> {
  read(): Promise<T>;
  write(progress: T): Promise<void>;
}

/** Where the scheduled refresh stands between runs (Forge KVS). */
export type RefreshProgressStore = ProgressStore<RefreshProgress>;

/** How long the current invocation may still run, in milliseconds (Infinity without a deadline). */
export interface TimeBudget {
  remainingMs(): number;
}

/** The hourly refresh runs as the app: it searches every gated project, reads and re-verifies tickets, writes summaries. */
export interface RefreshPorts extends Pick<PanelPorts, 'issues' | 'records' | 'clock' | 'history'> {
  readonly search: IssueSearch;
  readonly projects: ConfiguredProjects;
  readonly progress: RefreshProgressStore;
  readonly budget: TimeBudget;
}

/** The hourly reminders read like the refresh and e-mail through Jira, remembering what they told in KVS. */
export interface ReminderPorts extends Pick<PanelPorts, 'issues' | 'records' | 'clock'> {
  readonly search: IssueSearch;
  readonly projects: ConfiguredProjects;
  readonly notify: NotifyPorts;
  readonly budget: TimeBudget;
  /** Where the last run stopped for time: the next carries on from there. */
  readonly progress: ProgressStore<RemindersProgress>;
}

// The playbook (issue 18).

/** A file attached to an issue. */
export interface AttachedFile {
  readonly id: string;
  readonly fileName: string;
}

/** Jira's issue attachments (`POST /rest/api/3/issue/{key}/attachments`), as the calling user. */
export interface IssueAttachments {
  attach(issueId: string, fileName: string, content: string, mimeType: string): Promise<AttachedFile>;
}
