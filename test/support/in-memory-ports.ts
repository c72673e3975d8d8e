// In-memory implementations of the app's ports (src/ports.ts) for the use-case and resolver tests.
import type { GateConfig } from '../../src/gate/config';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import { parseGateConfigV2 } from '../../src/gate/v2/config';
import { migrateConfig } from '../../src/gate/v2/migrate';
import { PROPERTY_VALUE_LIMIT } from '../../src/gate/summary';
import { templateConfig } from './v1-templates';
import type { ReviewEvent, ReviewEventKind, ReviewEventOf } from '../../src/gate/review-history';
import { isKind } from '../../src/gate/review-history';
import type { BenchSnapshot } from '../../src/gate/review-bench-trend';
import type { AppValidator, AuditLog, BenchSnapshots, CommentPorts, CommentStore, ConfigStore, Directory, IssueStore, IssueView, JiraComment, NotificationLog, PanelPorts, RecordHead, RecordStore, RecordWrite, ReviewHistory, StoredConfig } from '../../src/ports';
import type { AuditEvent, AuditPage } from '../../src/contract';
import { ConflictError, NotFoundError, PropertyTooLargeError, ValidationError } from '../../src/errors';

/** Lets other work run between two steps, as a real request would. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface MemoryIssue {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  reporterAccountId?: string;
  /** The status (name and id); absent: In Review, without an id. */
  status?: { readonly name: string; readonly id: string };
  properties: Record<string, unknown>;
  /** Custom field values as the store answers them (an option's value, a group's name), by field id. */
  fields?: Record<string, string[]>;
  /** Account ids that may not see the issue (Jira answers not-found to them). */
  hiddenFrom: Set<string>;
}

/** Jira's issues and properties; every read names who reads, as asUser() does (issuesAs gives the port). */
export class MemoryIssues {
  readonly issues = new Map<string, MemoryIssue>();
  requests = 0;
  /** Set to make the next requests fail, as a Jira outage would. */
  failGet?: Error;
  failPut?: Error;

  add(issue: Omit<MemoryIssue, 'properties' | 'hiddenFrom'> & Partial<Pick<MemoryIssue, 'properties' | 'hiddenFrom'>>): MemoryIssue {
    const full = { properties: {}, hiddenFrom: new Set<string>(), ...issue };
    this.issues.set(issue.id, full);
    return full;
  }

  private find(idOrKey: string, viewer: string): MemoryIssue {
    const issue = [...this.issues.values()].find((i) => i.id === idOrKey || i.key === idOrKey);
    if (issue === undefined || issue.hiddenFrom.has(viewer)) throw new NotFoundError('Jira did not find it, or you do not have permission to see it.');
    return issue;
  }

  async getIssue(viewer: string, issueIdOrKey: string, customFields: readonly string[] = []): Promise<IssueView> {
    this.requests++;
    await tick();
    if (this.failGet) throw this.failGet;
    const issue = this.find(issueIdOrKey, viewer);
    return {
      id: issue.id,
      key: issue.key,
      summary: 'Go live for add-on X',
      projectId: issue.projectId,
      projectKey: issue.projectKey,
      reporterAccountId: issue.reporterAccountId,
      status: issue.status?.name ?? 'In Review',
      ...(issue.status !== undefined && { statusId: issue.status.id }),
      created: '2026-01-01T00:00:00.000Z',
      properties: clone(issue.properties),
      ...(customFields.length > 0 && { customFields: Object.fromEntries(customFields.map((field) => [field, [...(issue.fields?.[field] ?? [])]])) }),
    };
  }

  async putProperty(viewer: string, issueId: string, propertyKey: string, value: unknown): Promise<void> {
    this.requests++;
    await tick();
    if (this.failPut) throw this.failPut;
    if (JSON.stringify(value).length > PROPERTY_VALUE_LIMIT) throw new PropertyTooLargeError(`${propertyKey} is too large`);
    this.find(issueId, viewer).properties[propertyKey] = clone(value);
  }

  /** The IssueStore port as `viewer` sees it: Jira's permission checks apply. */
  issuesAs(viewer: string): IssueStore {
    return new MemoryIssueStore(this, viewer);
  }
}

/** The IssueStore port of one caller over the in-memory issues. */
export class MemoryIssueStore implements IssueStore {
  constructor(
    private readonly jira: MemoryIssues,
    private readonly viewer: string,
  ) {}

  getIssue(issueIdOrKey: string, customFields?: readonly string[]): Promise<IssueView> {
    return this.jira.getIssue(this.viewer, issueIdOrKey, customFields);
  }

  putProperty(issueId: string, propertyKey: string, value: unknown): Promise<void> {
    return this.jira.putProperty(this.viewer, issueId, propertyKey, value);
  }
}

export class MemoryConfigs implements ConfigStore {
  readonly stored = new Map<string, StoredConfig>();
  requests = 0;

  async get(projectId: string, projectKey?: string): Promise<StoredConfig | undefined> {
    this.requests++;
    await tick();
    const stored = this.stored.get(projectId);
    if (stored !== undefined && projectKey !== undefined && this.keys.get(projectKey) !== projectId) {
      this.requests++;
      for (const [key, id] of this.keys) if (id === projectId) this.keys.delete(key);
      this.keys.set(projectKey, projectId);
    }
    return stored && clone(stored);
  }

  constructor(private readonly audit: MemoryAudit) {}

  /** Project ids by the key they were saved under (as the KVS entity's `projectKey` index finds them). */
  readonly keys = new Map<string, string>();

  async getByProjectKey(projectKey: string): Promise<{ readonly projectId: string; readonly stored: StoredConfig } | undefined> {
    this.requests++;
    await tick();
    const projectId = this.keys.get(projectKey);
    const stored = projectId === undefined ? undefined : this.stored.get(projectId);
    return projectId === undefined || stored === undefined ? undefined : { projectId, stored: clone(stored) };
  }

  async save(projectId: string, config: GateConfigV2, expectedVersion: number, savedBy: string, savedAt: string, event?: AuditEvent, projectKey?: string): Promise<StoredConfig> {
    this.requests++;
    await tick();
    const parsed = parseGateConfigV2({ ...config, version: expectedVersion + 1 });
    if (!parsed.ok) throw new ValidationError('invalid', parsed.errors);
    if ((this.stored.get(projectId)?.config.version ?? 0) !== expectedVersion) throw new ConflictError('Someone else changed the configuration.');
    const stored: StoredConfig = { config: parsed.value, warnings: [], savedBy, savedAt };
    this.stored.set(projectId, stored);
    if (projectKey !== undefined) this.keys.set(projectKey, projectId);
    if (event !== undefined) this.audit.events.push(clone(event));
    return clone(stored);
  }
}

export class MemoryRecords implements RecordStore {
  /** Heads by `<issueId>:<propertyKey>`. */
  readonly stored = new Map<string, RecordHead>();
  /** Digests as version 1 of the app kept them (`<issueId>:<propertyKey>`). */
  readonly legacy = new Map<string, string>();
  requests = 0;
  failCommit?: Error;

  constructor(
    private readonly audit: MemoryAudit,
    private readonly history?: MemoryReviewHistory,
  ) {}

  private ofIssue<T>(map: ReadonlyMap<string, T>, issueId: string): Record<string, T> {
    const prefix = `${issueId}:`;
    return Object.fromEntries([...map].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), clone(value)]));
  }

  async heads(issueId: string): Promise<Record<string, RecordHead>> {
    this.requests++;
    await tick();
    return this.ofIssue(this.stored, issueId);
  }

  async legacyDigests(issueId: string): Promise<Record<string, string>> {
    this.requests++;
    await tick();
    return this.ofIssue(this.legacy, issueId);
  }

  async commit(write: RecordWrite): Promise<void> {
    this.requests++;
    await tick();
    if (this.failCommit) throw this.failCommit;
    const key = `${write.issueId}:${write.propertyKey}`;
    if ((this.stored.get(key)?.seq ?? 0) !== write.replaces) throw new ConflictError('Someone else wrote the record first.');
    this.stored.set(key, { seq: write.replaces + 1, digest: write.digest, record: clone(write.record) });
    await this.audit.append(write.event);
    for (const event of write.history ?? []) this.history?.store(event);
  }
}

/** Daily bench snapshots in memory; the first of a day stays. */
export class MemoryBenchSnapshots implements BenchSnapshots {
  readonly snapshots: BenchSnapshot[] = [];

  async list(projectId: string, fromDay: string, toDay: string): Promise<BenchSnapshot[]> {
    await tick();
    return this.snapshots.filter((s) => s.projectId === projectId && s.day >= fromDay && s.day <= toDay).sort((a, b) => a.day.localeCompare(b.day)).map(clone);
  }

  async record(snapshot: BenchSnapshot): Promise<void> {
    await tick();
    if (!this.snapshots.some((s) => s.projectId === snapshot.projectId && s.day === snapshot.day)) this.snapshots.push(clone(snapshot));
  }
}

/** The review history in memory: events in the order stored, each key once (as the KVS adapter's condition). */
export class MemoryReviewHistory implements ReviewHistory {
  readonly events: ReviewEvent[] = [];
  requests = 0;

  constructor(private readonly audit?: MemoryAudit) {}

  async list<K extends ReviewEventKind>(projectId: string, kind: K, from: string, to: string): Promise<ReviewEventOf<K>[]> {
    this.requests++;
    await tick();
    return this.events.filter((e): e is ReviewEventOf<K> => isKind(e, kind) && e.projectId === projectId && e.at >= from && e.at < to).sort((a, b) => a.at.localeCompare(b.at)).map(clone);
  }

  async listForIssue<K extends ReviewEventKind>(issueId: string, kind: K): Promise<ReviewEventOf<K>[]> {
    this.requests++;
    await tick();
    return this.events.filter((e): e is ReviewEventOf<K> => isKind(e, kind) && e.issueId === issueId).sort((a, b) => a.at.localeCompare(b.at)).map(clone);
  }

  async append(event: ReviewEvent, audit?: AuditEvent): Promise<void> {
    this.requests++;
    await tick();
    if (this.store(event) && audit !== undefined) await this.audit?.append(audit);
  }

  /** Stores an event unless its key is taken; true when stored. */
  store(event: ReviewEvent): boolean {
    if (this.events.some((e) => e.issueId === event.issueId && e.kind === event.kind && e.id === event.id)) return false;
    this.events.push(clone(event));
    return true;
  }
}

export class MemoryAudit implements AuditLog {
  readonly events: AuditEvent[] = [];
  requests = 0;

  async append(event: AuditEvent): Promise<void> {
    this.requests++;
    await tick();
    this.events.push(clone(event));
  }

  async settle(event: AuditEvent): Promise<void> {
    this.requests++;
    await tick();
    const index = this.events.findIndex((e) => e.issueId === event.issueId && e.id === event.id);
    if (index >= 0) this.events[index] = clone(event);
  }

  async list(issueId: string, limit: number, cursor?: string): Promise<AuditPage> {
    this.requests++;
    await tick();
    const newestFirst = this.events.filter((e) => e.issueId === issueId).reverse();
    const start = cursor === undefined ? 0 : Number(cursor);
    const events = newestFirst.slice(start, start + limit);
    return { events, nextCursor: start + limit < newestFirst.length ? String(start + limit) : undefined };
  }
}

/** Jira's users, groups and project admins (directoryAs gives the port). */
export class MemoryDirectory {
  readonly groups = new Map<string, string[]>();
  readonly admins = new Set<string>();
  /** Groups that exist with nobody in them (a group anyone is in exists anyway). */
  readonly emptyGroups = new Set<string>();

  /** The Directory port as `viewer` sees it: the admin check is about them. */
  directoryAs(viewer: string): Directory {
    return new MemoryDirectoryView(this, viewer);
  }
}

/** The Directory port of one caller over the in-memory users and groups. */
export class MemoryDirectoryView implements Directory {
  constructor(
    private readonly people: MemoryDirectory,
    private readonly viewer: string,
  ) {}

  async groupsOf(accountId: string): Promise<readonly string[]> {
    await tick();
    return this.people.groups.get(accountId) ?? [];
  }

  async canAdministerProject(): Promise<boolean> {
    await tick();
    return this.people.admins.has(this.viewer);
  }

  async membersOf(groupName: string): Promise<readonly string[]> {
    await tick();
    return [...this.people.groups].filter(([, groups]) => groups.includes(groupName)).map(([accountId]) => accountId);
  }

  async groupMembers(groupName: string): Promise<readonly string[] | undefined> {
    const members = await this.membersOf(groupName);
    return members.length > 0 || this.people.emptyGroups.has(groupName) ? members : undefined;
  }
}

/** A small world: the use cases' ports in memory, as seen by one caller at a time. */
export class MemoryWorld {
  now = new Date('2026-03-01T10:00:00.000Z');
  readonly issues = new MemoryIssues();
  readonly audit = new MemoryAudit();
  readonly configs = new MemoryConfigs(this.audit);
  readonly history = new MemoryReviewHistory(this.audit);
  readonly records = new MemoryRecords(this.audit, this.history);
  readonly directory = new MemoryDirectory();
  /** The app's workflow validators, as Jira's transition rules would list them, with the project whose workflow has each. */
  readonly validators: (AppValidator & { readonly projectId: string })[] = [];

  /** Ports as seen by one caller: Jira's permission checks apply to them. */
  portsFor(accountId: string): PanelPorts {
    return {
      issues: this.issues.issuesAs(accountId),
      configs: this.configs,
      records: this.records,
      audit: this.audit,
      directory: this.directory.directoryAs(accountId),
      clock: { now: () => this.now },
      workflowRules: { appValidators: (projectId) => Promise.resolve(this.validators.filter((v) => v.projectId === projectId).map(({ projectId: _, ...v }) => v)) },
      history: this.history,
    };
  }
}

export const PROJECT = { id: '10000', key: 'SKU' } as const;

/**
 * A v1 configuration as the config store answers it today: migrated to gate model v2 on read, as `version`.
 *
 * @example
 * world.configs.stored.set(PROJECT.id, storedAsToday(templateConfig('kubernetes-prr')!, 3));
 */
export function storedAsToday(config: GateConfig, version = config.version): StoredConfig {
  return { config: migrateConfig({ ...config, version }), migratedFrom: 1, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' };
}
export const ISSUE_KEY = 'SKU-1';

/**
 * The demo in memory: project SKU gated by the managed add-on template, ticket SKU-1 reported by acc-pm, one approver
 * `acc-<team>` per team in `golive-<team>`, and acc-admin (project admin, override group).
 */
export function demoWorld(config: GateConfig | undefined = templateConfig('managed-addon')): MemoryWorld {
  const world = new MemoryWorld();
  if (config !== undefined) world.configs.stored.set(PROJECT.id, storedAsToday(config, 1));
  world.configs.keys.set(PROJECT.key, PROJECT.id);
  world.issues.add({ id: '10001', key: ISSUE_KEY, projectId: PROJECT.id, projectKey: PROJECT.key, reporterAccountId: 'acc-pm' });
  for (const team of config?.teams ?? []) world.directory.groups.set(`acc-${team.key}`, [...team.groups]);
  world.directory.groups.set('acc-admin', ['golive-overriders']);
  world.directory.admins.add('acc-admin');
  return world;
}

/** Jira's comments on the in-memory issues, and the replies the app posted (comment triggers, issue 15). */
export class MemoryComments implements CommentStore {
  readonly comments = new Map<string, JiraComment & { issue: string }>();
  readonly replies: { issue: string; body: unknown }[] = [];
  private nextId = 10_000;

  /** A comment as Jira would keep it; answers its id. */
  add(issue: string, authorAccountId: string, body: unknown, authorAccountType = 'atlassian'): string {
    const id = String(this.nextId++);
    this.comments.set(id, { id, issue, authorAccountId, authorAccountType, body });
    return id;
  }

  /** The author edits the comment: Jira keeps its id and author. */
  edit(id: string, body: unknown): void {
    const comment = this.comments.get(id);
    if (comment === undefined) throw new Error(`No comment ${id}`);
    this.comments.set(id, { ...comment, body });
  }

  async getComment(_issueIdOrKey: string, commentId: string): Promise<JiraComment> {
    await tick();
    const comment = this.comments.get(commentId);
    if (comment === undefined) throw new NotFoundError('Can not find a comment for the id.');
    return clone({ id: comment.id, authorAccountId: comment.authorAccountId, authorAccountType: comment.authorAccountType, body: comment.body });
  }

  async addComment(issueIdOrKey: string, body: unknown): Promise<void> {
    await tick();
    this.replies.push({ issue: issueIdOrKey, body: clone(body) });
  }
}

/** Claims kept in memory, as KVS FAIL_IF_EXISTS keeps them: of two claims of one key, one wins. */
export class MemoryClaims implements NotificationLog {
  readonly keys = new Set<string>();

  async claim(key: string): Promise<boolean> {
    await tick();
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  async release(key: string): Promise<void> {
    await tick();
    this.keys.delete(key);
  }
}

/** The comment trigger's ports over a world: everything as the app (Jira hides nothing from it). */
export function commentPortsOf(world: MemoryWorld, comments: MemoryComments, commandLog: MemoryClaims): CommentPorts {
  return { ...world.portsFor('app'), comments, commandLog };
}
