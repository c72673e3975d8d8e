import { route } from '@forge/api';
import { z } from 'zod/mini';
import type { Directory } from '../ports';
import { NotFoundError, UnavailableError } from '../errors';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

const GroupsSchema = lazySchema(() => z.array(z.object({ name: z.string() })));
const MyPermissionsSchema = lazySchema(() => z.object({
  permissions: z.object({ ADMINISTER_PROJECTS: z.optional(z.object({ havePermission: z.boolean() })) }),
}));
const MembersPageSchema = lazySchema(() => z.object({
  values: z.array(z.object({ accountId: z.string() })),
  isLast: z.optional(z.boolean()),
  startAt: z.optional(z.number()),
  maxResults: z.optional(z.number()),
  total: z.optional(z.number()),
}));

const MEMBERS_PAGE_SIZE = 50;
/** Bench depth needs to know whether a team has one, two or a few approvers; 1,000 members is plenty. */
const MAX_MEMBER_PAGES = 20;

function parseOrUnavailable<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UnavailableError(`Jira answered with ${what} the app could not read; try again in a minute.`);
  return parsed.data;
}

/**
 * Users, groups and permissions from Jira. Group look-ups run as the app (any approver may need them, whether or not
 * they may browse users); "may I administer this project" runs as the caller, because it is about the caller.
 */
export class JiraDirectory implements Directory {
  constructor(
    private readonly asCaller: JiraClient,
    private readonly asApp: JiraClient,
  ) {}

  async groupsOf(accountId: string): Promise<readonly string[]> {
    try {
      const body = await this.asApp.json((jira, signal) => jira.requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`, { signal, headers: ACCEPT_JSON }));
      return parseOrUnavailable(GroupsSchema, body, 'group memberships').map((group) => group.name);
    } catch (error) {
      // An account Jira does not know belongs to no group.
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  }

  async canAdministerProject(projectIdOrKey: string): Promise<boolean> {
    const body = await this.asCaller.json((jira, signal) =>
      /^\d+$/.test(projectIdOrKey)
        ? jira.requestJira(route`/rest/api/3/mypermissions?projectId=${projectIdOrKey}&permissions=ADMINISTER_PROJECTS`, { signal, headers: ACCEPT_JSON })
        : jira.requestJira(route`/rest/api/3/mypermissions?projectKey=${projectIdOrKey}&permissions=ADMINISTER_PROJECTS`, { signal, headers: ACCEPT_JSON }),
    );
    return parseOrUnavailable(MyPermissionsSchema, body, 'permissions').permissions.ADMINISTER_PROJECTS?.havePermission ?? false;
  }

  async membersOf(groupName: string): Promise<readonly string[]> {
    // A group that does not exist has no members: bench depth then warns that nobody can approve.
    return (await this.groupMembers(groupName)) ?? [];
  }

  async groupMembers(groupName: string): Promise<readonly string[] | undefined> {
    const members: string[] = [];
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const startAt = page * MEMBERS_PAGE_SIZE;
      let body: unknown;
      try {
        body = await this.asApp.json((jira, signal) =>
          jira.requestJira(route`/rest/api/3/group/member?groupname=${groupName}&startAt=${startAt}&maxResults=${MEMBERS_PAGE_SIZE}`, { signal, headers: ACCEPT_JSON }),
        );
      } catch (error) {
        // Jira answers 404 "the group is not found" (its REST description, getUsersFromGroup); an empty group is 200 with no values.
        if (error instanceof NotFoundError) return page === 0 ? undefined : members;
        throw error;
      }
      const { values, isLast } = parseOrUnavailable(MembersPageSchema, body, 'group members');
      members.push(...values.map((member) => member.accountId));
      if (isLast !== false || values.length === 0) break;
    }
    return members;
  }
}
