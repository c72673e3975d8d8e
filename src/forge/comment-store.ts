import { route } from '@forge/api';
import { z } from 'zod/mini';
import { UnavailableError } from '../errors';
import type { CommentStore, JiraComment } from '../ports';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON, SEND_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

/** The part of Jira's comment answer the gate reads: the author as Jira knows them, and the ADF body. */
const CommentResponseSchema = lazySchema(() => z.object({
  id: z.string().check(z.minLength(1)),
  author: z.object({ accountId: z.string().check(z.minLength(1)), accountType: z.optional(z.string()) }),
  body: z.unknown(),
}));

/** Issue comments through Jira REST v3 (ADF bodies), as the app: a comment trigger has no user to act as. */
export class JiraCommentStore implements CommentStore {
  constructor(private readonly jira: JiraClient) {}

  async getComment(issueIdOrKey: string, commentId: string): Promise<JiraComment> {
    const body = await this.jira.json((jira, signal) => jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment/${commentId}`, { signal, headers: ACCEPT_JSON }));
    const parsed = CommentResponseSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with a comment the app could not read; try again in a minute.');
    const { id, author } = parsed.data;
    return { id, authorAccountId: author.accountId, authorAccountType: author.accountType ?? 'atlassian', body: parsed.data.body };
  }

  async addComment(issueIdOrKey: string, adf: unknown): Promise<void> {
    const body = JSON.stringify({ body: adf });
    await this.jira.send((jira, signal) => jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment`, { method: 'POST', signal, headers: SEND_JSON, body }));
  }
}
