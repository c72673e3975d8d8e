import type { IncomingMessage } from 'node:http';
import type { Database } from '../db';
import type { FaultPlan } from '../faults';
import type { Metrics } from '../metrics';
import type { IndexedValue } from './entity-properties';
import type { IssueEventQueue } from './issue-events';
import type { Reply } from './http';
import { issueNotFound, JiraError, projectNotFound } from './http';
import type { IssueRow, ProjectRow, SiteStore } from './store';

export interface ValidatorCall {
  moduleKey: string;
  configuration: string;
  issue: { key: string };
  transition: { id: string; name: string; from: { id: string }; to: { id: string } };
}

/** One changed field of `avi:jira:updated:issue`, as Jira's changelog has it. */
export interface ChangelogItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** What every Jira product event carries, as Forge delivers it to `trigger` modules. */
interface IssueEventBase {
  /** The issue after the change, as `GET /rest/api/3/issue/{id}` renders it (id, key, self, fields). */
  issue: { id: string; key: string; fields: Record<string, unknown> };
  /** Who caused the event; absent when the app did (asApp). */
  atlassianId?: string;
  associatedUsers?: { accountId: string }[];
  /** True when the app caused the event (asApp): `filter.ignoreSelf` triggers do not receive it. */
  selfGenerated: boolean;
}

/**
 * A Jira product event (developer.atlassian.com/platform/forge/events-reference/jira): issue created or updated (with
 * its changelog), and comment events: `avi:jira:commented:issue` is sent when a comment is created or edited,
 * `avi:jira:deleted:comment` when one is deleted, both with the comment.
 */
export type IssueEvent =
  | (IssueEventBase & { eventType: 'avi:jira:created:issue' })
  | (IssueEventBase & {
      eventType: 'avi:jira:updated:issue';
      changelog: { id: string; items: ChangelogItem[] };
      associatedStatuses?: { id: string; name: string }[];
    })
  | (IssueEventBase & { eventType: 'avi:jira:commented:issue' | 'avi:jira:deleted:comment'; comment: Record<string, unknown> });

/** The site clock and the scheduled triggers, as the platform runs them (absent: the clock cannot be moved here). */
export interface TimeControl {
  /** The clock and each scheduled trigger's next and last run. */
  state(): unknown;
  /** Moves the clock forward to `targetMs`, running the scheduled triggers due on the way; answers the runs. */
  advanceTo(targetMs: number, settle: () => Promise<void>): Promise<unknown[]>;
  /** Runs a scheduled trigger now; throws for a key that is none. */
  runScheduledTrigger(moduleKey: string, settle: () => Promise<void>): Promise<unknown>;
}

export interface SiteOptions {
  db: Database;
  appSecret: string;
  metrics: Metrics;
  faults: FaultPlan;
  runValidator(call: ValidatorCall): Promise<{ result: boolean; errorMessage?: string | undefined }>;
  /** Delivers an issue event to the app's triggers; called after the change is committed and answered. Default: events go nowhere. */
  onIssueEvent?(event: IssueEvent): Promise<void>;
  /** The manifest whose `jira:entityProperty` values are indexed for JQL; default: the repository's manifest.yml. */
  manifestFile?: string;
  /** The clock for created/updated times and relative JQL dates; default Date.now. */
  now?: () => number;
  /** The platform's clock control (`/__site/clock`); without it those endpoints answer 501. */
  timeControl?: TimeControl;
}

export interface SiteUser {
  accountId: string;
  emailAddress: string;
  displayName: string;
  groups: string[];
}

/** Who is calling: a site user (Basic, Forge principal or the user-switcher cookie) or the app itself (asApp). */
export type Principal = SiteUser | 'app';

export interface SiteContext {
  readonly store: SiteStore;
  readonly options: SiteOptions;
  readonly indexedValues: readonly IndexedValue[];
  readonly now: () => number;
  readonly issueEvents: IssueEventQueue;
}

export interface SiteRequest {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly principal: Principal;
  /** The site's base URL for `self` links, e.g. `http://localhost:8080`. */
  readonly base: string;
}

export type Handler = (context: SiteContext, request: SiteRequest) => Reply | Promise<Reply>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Jira's path template, also the metrics kind: `jira:GET /rest/api/3/issue/{issueIdOrKey}`. */
  readonly template: string;
  readonly handler: Handler;
}

export const accountIdOf = (principal: Principal): string | undefined => (principal === 'app' ? undefined : principal.accountId);

/**
 * Every site user may browse and edit every project's issues (all of them hold the Jira Software licence
 * and the project's "Users" role); administering a project takes the project's Administrators role.
 */
export function canAdminister(context: SiteContext, principal: Principal, projectId: number): boolean {
  return principal === 'app' || context.store.isProjectAdmin(projectId, principal.accountId);
}

/** The issue the caller asked for; 404 as Jira answers when it does not exist or cannot be seen. */
export function visibleIssue(context: SiteContext, request: SiteRequest): IssueRow {
  const issue = context.store.issue(request.params['issueIdOrKey'] ?? '');
  if (!issue) throw issueNotFound();
  return issue;
}

export function visibleProject(context: SiteContext, request: SiteRequest): ProjectRow {
  const idOrKey = request.params['projectIdOrKey'] ?? '';
  const project = context.store.project(idOrKey);
  if (!project) throw projectNotFound(idOrKey);
  return project;
}

export const unauthorized = (): JiraError => new JiraError(401, ['Client must be authenticated to access this resource.']);
