import { route } from '@forge/api';
import { z } from 'zod/mini';
import { UnavailableError } from '../errors';
import type { RemoteLink, RemoteLinks } from '../ports';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

/**
 * The part of Jira's remote issue links the gate reads (`GET /rest/api/3/issue/{issueIdOrKey}/remotelink`, schema
 * `RemoteIssueLink`: `globalId` and `object.url`); anything else is ignored.
 */
const RemoteLinksSchema = lazySchema(() => z.array(
    z.object({
      globalId: z.catch(z.nullish(z.string().check(z.maxLength(2048))), undefined),
      object: z.catch(z.nullish(z.object({ url: z.catch(z.nullish(z.string().check(z.maxLength(2048))), undefined) })), undefined),
    }),
  ).check(z.maxLength(5000)));

/** A ticket's remote links through Jira REST v3, as the app (a web trigger has no user to act as). */
export class JiraRemoteLinks implements RemoteLinks {
  constructor(private readonly jira: JiraClient) {}

  async linksOf(issueIdOrKey: string): Promise<readonly RemoteLink[]> {
    const body = await this.jira.json((jira, signal) => jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/remotelink`, { signal, headers: ACCEPT_JSON }));
    const parsed = RemoteLinksSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with remote links the app could not read; try again in a minute.');
    return parsed.data.map((link) => ({ ...(link.globalId && { globalId: link.globalId }), ...(link.object?.url && { url: link.object.url }) }));
  }
}
