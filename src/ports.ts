import type { GateConfig } from './gate/config';

/**
 * What the use cases need from the outside world. `src/forge/` implements these with
 * @forge/api and @forge/kvs; nothing else in `src/app/` touches the platform.
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

export type WriteOutcome = 'pending' | 'applied' | 'failed';

export interface AuditEvent {
  readonly issueId: string;
  readonly at: string;
  readonly actor: string;
  /** decide | record-numbers | answer-questions | override | repair | config-saved ... */
  readonly action: string;
  readonly team?: string | undefined;
  readonly stage?: string | undefined;
  readonly detail: string;
  /** Names the event, so that its outcome can be recorded later under the same key. A record write uses `<propertyKey>#<seq>`. */
  readonly id?: string | undefined;
  /** The record write the event is about. */
  readonly propertyKey?: string | undefined;
  readonly seq?: number | undefined;
  /**
   * What became of a record write: `pending` from the moment its head is stored until the record is on the issue,
   * then `applied`, or `failed` with `outcomeDetail` saying how. Events without an outcome are not record writes, or
   * were written before schema version 2 (when the event was written with the digest).
   */
  readonly outcome?: WriteOutcome | undefined;
  readonly outcomeDetail?: string | undefined;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly nextCursor?: string | undefined;
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

/** A caller lacks a permission; the message says which. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}
/** The issue or project does not exist or the caller cannot see it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
/** Someone else changed the same thing first. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}
/** Untrusted input is invalid; `fieldErrors` says where. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly fieldErrors: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
  }
}
/** A property value would exceed Jira's 32,768-character limit. */
export class PropertyTooLargeError extends Error {
  override readonly name = 'PropertyTooLargeError';
}
/** Jira or KVS failed after bounded retries. */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}
