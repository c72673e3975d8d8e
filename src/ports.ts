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
  get(projectId: string): Promise<StoredConfig | undefined>;
  /**
   * Stores a validated configuration as version `expectedVersion + 1`. Throws ConflictError when the stored version
   * is not `expectedVersion` (someone else saved in between), ValidationError when the config is invalid.
   */
  save(projectId: string, config: GateConfig, expectedVersion: number, savedBy: string, savedAt: string): Promise<StoredConfig>;
}

/** The digest of every record the app wrote, kept where only the app can write (Forge KVS). */
export interface DigestStore {
  /** Every digest recorded for the issue, by property key: one KVS request. */
  getAll(issueId: string): Promise<Record<string, string>>;
  /**
   * Records the digest of a record the app is about to write together with the audit event of that write, in one
   * atomic step: the trail never lacks an event for a record the gate trusts.
   */
  put(issueId: string, propertyKey: string, digest: string, event: AuditEvent): Promise<void>;
}

export interface AuditEvent {
  readonly issueId: string;
  readonly at: string;
  readonly actor: string;
  /** decide | record-numbers | answer-questions | override | repair | config-saved ... */
  readonly action: string;
  readonly team?: string | undefined;
  readonly stage?: string | undefined;
  readonly detail: string;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly nextCursor?: string | undefined;
}

export interface AuditLog {
  /** One KVS key per event: no read-modify-write, so concurrent events are never lost. */
  append(event: AuditEvent): Promise<void>;
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
