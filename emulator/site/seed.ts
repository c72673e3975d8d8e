import { createHash } from 'node:crypto';
import type { StatusCategoryKey } from './demo';
import { DEMO_GROUPS, DEMO_ISSUES, DEMO_PM, DEMO_PROJECT, DEMO_RELEASES, DEMO_STATUSES, DEMO_TOKEN, DEMO_TRANSITIONS, DEMO_USERS, TASK_ISSUE_TYPE } from './demo';
import type { SiteStore } from './store';

const DAY_MS = 86_400_000;

/** A stable UUID-shaped group id (Jira's groupIds are UUIDs), so ids survive re-seeding a fresh database. */
export function groupIdOf(name: string): string {
  const hex = createHash('sha1').update(`group:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
    for (const status of Object.values(DEMO_STATUSES) as { id: string; name: string; category: StatusCategoryKey }[]) {
      store.insertStatus({ id: Number(status.id), name: status.name, category: status.category });
    }
    for (const name of DEMO_GROUPS) store.insertGroup(groupIdOf(name), name);
    for (const user of DEMO_USERS) {
      store.insertUser({ accountId: user.accountId, email: user.emailAddress, displayName: user.displayName, apiToken: DEMO_TOKEN });
      for (const group of user.groups) store.addGroupMember(groupIdOf(group), user.accountId);
    }
    const projectId = Number(DEMO_PROJECT.id);
    store.insertProject({ id: projectId, key: DEMO_PROJECT.key, name: DEMO_PROJECT.name, leadAccountId: DEMO_PROJECT.leadAccountId, initialStatusId: Number(DEMO_STATUSES.toDo.id) });
    for (const accountId of DEMO_PROJECT.adminAccountIds) store.addProjectAdmin(projectId, accountId);
    Object.values(DEMO_TRANSITIONS).forEach((transition, position) => {
      store.insertTransition({ id: Number(transition.id), projectId, name: transition.name, fromStatusId: Number(transition.from.id), toStatusId: Number(transition.to.id), position });
      store.setValidators(Number(transition.id), transition.validators);
    });
    for (const issue of DEMO_ISSUES) {
      store.createIssue({
        projectId,
        summary: issue.summary,
        description: null,
        issueTypeId: TASK_ISSUE_TYPE.id,
        reporterAccountId: DEMO_PM.accountId,
        statusId: Number(issue.status.id),
        createdMs: nowMs - issue.daysOld * DAY_MS,
      });
    }
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
