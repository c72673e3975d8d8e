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

/** A Jira product event as Forge delivers it to `trigger` modules, e.g. `avi:jira:created:issue`. */
export interface IssueEvent {
  eventType: 'avi:jira:created:issue';
  /** The issue as `GET /rest/api/3/issue/{id}` renders it (id, key, self, fields). */
  issue: { id: string; key: string; fields: Record<string, unknown> };
  /** Who caused the event; absent when the app did. */
  atlassianId?: string;
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
