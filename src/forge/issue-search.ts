import { route } from '@forge/api';
import { z } from 'zod';
import type { IssueSearch, SearchPage, SearchRequest } from '../ports';
import { UnavailableError } from '../errors';
import type { JiraClient } from './jira-client';
import { SEND_JSON } from './jira-client';

/** The part of Jira's search answer the reviews page reads; anything else Jira sends is ignored. */
const SearchAnswerSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string().min(1),
      id: z.string().min(1).optional(),
      fields: z
        .object({
          summary: z.string().nullish().transform((v) => v ?? undefined),
          created: z.string().nullish().transform((v) => v ?? undefined),
          status: z
            .object({ name: z.string(), statusCategory: z.object({ key: z.string() }).nullish().transform((v) => v ?? undefined) })
            .nullish()
            .transform((v) => v ?? undefined),
          fixVersions: z
            .array(z.object({ id: z.string().min(1), name: z.string(), releaseDate: z.string().nullish().transform((v) => v ?? undefined) }))
            .nullish()
            .transform((v) => v ?? undefined),
        })
        .default({ summary: undefined, created: undefined, status: undefined, fixVersions: undefined }),
      properties: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? undefined),
    }),
  ),
  nextPageToken: z.string().nullish().transform((v) => v ?? undefined),
});

/** JQL search as the calling user (Jira shows them only tickets they may browse), one request per page. */
export class JiraIssueSearch implements IssueSearch {
  constructor(private readonly jira: JiraClient) {}

  async search(request: SearchRequest): Promise<SearchPage> {
    const body = JSON.stringify(request);
    const answer = await this.jira.json((jira, signal) => jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', signal, headers: SEND_JSON, body }));
    const parsed = SearchAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new UnavailableError('Jira answered the search with something the app could not read; try again in a minute.');
    return parsed.data;
  }
}
