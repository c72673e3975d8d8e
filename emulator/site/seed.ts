import { createHash } from 'node:crypto';
import type { DemoUser, StatusCategoryKey } from './demo';
import {
  DEMO_ISSUES,
  DEMO_PM,
  DEMO_PROJECT,
  DEMO_RELEASES,
  DEMO_STATUSES,
  DEMO_TOKEN,
  DEMO_TRANSITIONS,
  KEP_DEMO_GROUPS,
  KEP_DEMO_USERS,
  KEP_ISSUES,
  KEP_PROJECT,
  KEP_STATUSES,
  KEP_TRANSITIONS,
  SKU_DEMO_GROUPS,
  SKU_DEMO_USERS,
  TASK_ISSUE_TYPE,
} from './demo';
import { fieldEdit } from './issue-fields';
import type { SiteStore } from './store';

const DAY_MS = 86_400_000;

/** A stable UUID-shaped group id (Jira's groupIds are UUIDs), so ids survive re-seeding a fresh database. */
export function groupIdOf(name: string): string {
  const hex = createHash('sha1').update(`group:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface DemoProject {
  readonly project: { readonly id: string; readonly key: string; readonly name: string; readonly leadAccountId: string; readonly adminAccountIds: readonly string[] };
  readonly statuses: Readonly<Record<string, { readonly id: string; readonly name: string; readonly category: StatusCategoryKey }>>;
  readonly transitions: Readonly<Record<string, { readonly id: string; readonly name: string; readonly from: { readonly id: string }; readonly to: { readonly id: string }; readonly validators: readonly { moduleKey: string; configuration: string }[] }>>;
  readonly issues: readonly { readonly summary: string; readonly status: { readonly id: string }; readonly daysOld: number; readonly fields?: Readonly<Record<string, unknown>> }[];
  readonly initialStatusId: string;
}

/** Adds the groups and users that are not there yet (so a later seed can add its own to an older database). */
function seedPeople(store: SiteStore, groups: readonly string[], users: readonly DemoUser[]): void {
  for (const name of groups) if (!store.groupByName(name)) store.insertGroup(groupIdOf(name), name);
  for (const user of users) {
    if (store.userById(user.accountId)) continue;
    store.insertUser({ accountId: user.accountId, email: user.emailAddress, displayName: user.displayName, apiToken: DEMO_TOKEN });
    for (const group of user.groups) store.addGroupMember(groupIdOf(group), user.accountId);
  }
}

/** A project with its statuses (those not there yet), workflow, validators and tickets. */
function seedProject(store: SiteStore, demo: DemoProject, nowMs: number): void {
  for (const status of Object.values(demo.statuses)) {
    if (store.statusesMatching(status.id).length === 0) store.insertStatus({ id: Number(status.id), name: status.name, category: status.category });
  }
  const projectId = Number(demo.project.id);
  store.insertProject({ id: projectId, key: demo.project.key, name: demo.project.name, leadAccountId: demo.project.leadAccountId, initialStatusId: Number(demo.initialStatusId) });
  for (const accountId of demo.project.adminAccountIds) store.addProjectAdmin(projectId, accountId);
  Object.values(demo.transitions).forEach((transition, position) => {
    store.insertTransition({ id: Number(transition.id), projectId, name: transition.name, fromStatusId: Number(transition.from.id), toStatusId: Number(transition.to.id), position });
    store.setValidators(Number(transition.id), transition.validators);
  });
  for (const issue of demo.issues) {
    const created = store.createIssue({
      projectId,
      summary: issue.summary,
      description: null,
      issueTypeId: TASK_ISSUE_TYPE.id,
      reporterAccountId: DEMO_PM.accountId,
      statusId: Number(issue.status.id),
      createdMs: nowMs - issue.daysOld * DAY_MS,
    });
    for (const [fieldId, value] of Object.entries(issue.fields ?? {})) {
      const checked = fieldEdit(store, demo.project.key, fieldId, value);
      if (checked === undefined || 'error' in checked) throw new Error(`The demo ticket "${issue.summary}" cannot have ${fieldId}: ${checked === undefined ? 'no such field' : checked.error}`);
      store.fieldValues.set(created.id, fieldId, checked.value);
    }
  }
}

/**
 * Seeds the demo's Jira data (users, groups, project SKU, its workflow and validators, four tickets) when the
 * database holds no users yet; one transaction, so a crash leaves either nothing or everything.
 *
 * @example
 * seedDemoData(store, Date.now()); // true on a fresh database, false afterwards
 */
export function seedDemoData(store: SiteStore, nowMs: number): boolean {
  return store.transaction(() => {
    if (store.hasUsers()) return false;
    seedPeople(store, SKU_DEMO_GROUPS, SKU_DEMO_USERS);
    seedProject(store, { project: DEMO_PROJECT, statuses: DEMO_STATUSES, transitions: DEMO_TRANSITIONS, issues: DEMO_ISSUES, initialStatusId: DEMO_STATUSES.toDo.id }, nowMs);
    return true;
  });
}

const KEP_SEEDED = 'demo-kep-seeded';

/**
 * Seeds the second demo project, KEP (the Kubernetes production readiness review: Provisional → Alpha → Beta → GA,
 * its two teams' groups and approvers), once: also into a database seeded before KEP existed, never again after.
 *
 * @example seedDemoKep(store, Date.now()); // true the first time
 */
export function seedDemoKep(store: SiteStore, nowMs: number): boolean {
  return store.transaction(() => {
    // People added to the demo later (the SIGs an Owning SIG field names) join a database seeded before them.
    seedPeople(store, KEP_DEMO_GROUPS, KEP_DEMO_USERS);
    if (store.metaValue(KEP_SEEDED) !== undefined || store.project(KEP_PROJECT.key)) return false;
    seedProject(store, { project: KEP_PROJECT, statuses: KEP_STATUSES, transitions: KEP_TRANSITIONS, issues: KEP_ISSUES, initialStatusId: KEP_STATUSES.provisional.id }, nowMs);
    store.setMetaValue(KEP_SEEDED, new Date(nowMs).toISOString());
    return true;
  });
}

const VERSIONS_SEEDED = 'demo-versions-seeded';

/**
 * Seeds the demo project's releases (named by their month, e.g. `2030.04`) and the demo tickets' fix versions, once:
 * also on a database seeded before versions existed, never again after (an admin may have changed them since).
 *
 * @example seedDemoVersions(store, Date.now()); // true the first time
 */
export function seedDemoVersions(store: SiteStore, nowMs: number): boolean {
  return store.transaction(() => {
    const project = store.project(DEMO_PROJECT.key);
    if (store.metaValue(VERSIONS_SEEDED) !== undefined || !project || store.versions.ofProject(project.id).length > 0) return false;
    for (const release of DEMO_RELEASES) {
      const date = new Date(nowMs + release.daysFromNow * DAY_MS).toISOString().slice(0, 10);
      const version = store.versions.create(project.id, {
        name: date.slice(0, 7).replace('-', '.'),
        description: release.released ? 'Shipped.' : 'Planned release.',
        startDate: null,
        releaseDate: date,
        released: release.released,
        archived: false,
      });
      for (const key of release.issues) {
        const issue = store.issue(key);
        if (issue) store.versions.setFixVersions(issue.id, [version.id]);
      }
    }
    store.setMetaValue(VERSIONS_SEEDED, new Date(nowMs).toISOString());
    return true;
  });
}
