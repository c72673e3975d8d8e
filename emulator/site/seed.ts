import { createHash } from 'node:crypto';
import type { StatusCategoryKey } from './demo';
import { DEMO_GROUPS, DEMO_ISSUES, DEMO_PM, DEMO_PROJECT, DEMO_STATUSES, DEMO_TOKEN, DEMO_TRANSITIONS, DEMO_USERS, TASK_ISSUE_TYPE } from './demo';
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
  const { db } = store;
  return db.transaction(() => {
    if (store.sql('SELECT 1 FROM users LIMIT 1').get() !== undefined) return false;
    for (const status of Object.values(DEMO_STATUSES) as { id: string; name: string; category: StatusCategoryKey }[]) {
      store.sql('INSERT INTO statuses (id, name, category) VALUES (?, ?, ?)').run(Number(status.id), status.name, status.category);
    }
    for (const name of DEMO_GROUPS) store.sql('INSERT INTO user_groups (group_id, name) VALUES (?, ?)').run(groupIdOf(name), name);
    for (const user of DEMO_USERS) {
      store.sql('INSERT INTO users (account_id, email, display_name, api_token) VALUES (?, ?, ?, ?)').run(user.accountId, user.emailAddress, user.displayName, DEMO_TOKEN);
      for (const group of user.groups) store.sql('INSERT INTO group_members (group_id, account_id) VALUES (?, ?)').run(groupIdOf(group), user.accountId);
    }
    store
      .sql('INSERT INTO projects (id, key, name, lead_account_id, initial_status_id) VALUES (?, ?, ?, ?, ?)')
      .run(Number(DEMO_PROJECT.id), DEMO_PROJECT.key, DEMO_PROJECT.name, DEMO_PROJECT.leadAccountId, Number(DEMO_STATUSES.toDo.id));
    for (const accountId of DEMO_PROJECT.adminAccountIds) store.sql('INSERT INTO project_admins (project_id, account_id) VALUES (?, ?)').run(Number(DEMO_PROJECT.id), accountId);
    Object.values(DEMO_TRANSITIONS).forEach((transition, position) => {
      store
        .sql('INSERT INTO transitions (id, project_id, name, from_status_id, to_status_id, position) VALUES (?, ?, ?, ?, ?, ?)')
        .run(Number(transition.id), Number(DEMO_PROJECT.id), transition.name, Number(transition.from.id), Number(transition.to.id), position);
      store.setValidators(Number(transition.id), transition.validators);
    });
    for (const issue of DEMO_ISSUES) {
      store.createIssue({
        projectId: Number(DEMO_PROJECT.id),
        summary: issue.summary,
        description: null,
        issueTypeId: TASK_ISSUE_TYPE.id,
        reporterAccountId: DEMO_PM.accountId,
        statusId: Number(issue.status.id),
        createdMs: nowMs - issue.daysOld * DAY_MS,
      });
    }
    return true;
  })();
}
