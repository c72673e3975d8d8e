import { route } from '@forge/api';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { GetReviewsPayloadSchema, loadReviews } from '../app/reviews';
import type { IssueSearch, SearchPage, SearchRequest } from '../app/reviews';
import { JiraClient } from '../forge/jira-client';
import { UnavailableError } from '../ports';
import { projectInvocation } from './invocation';
import { userPorts } from './ports';
import { answer } from './resolver-result';

/** The part of Jira's search answer the reviews page reads; anything else Jira sends is ignored. */
const SearchAnswerSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string().min(1),
      fields: z
        .object({
          summary: z.string().nullish().transform((v) => v ?? undefined),
          created: z.string().nullish().transform((v) => v ?? undefined),
          status: z
            .object({ name: z.string(), statusCategory: z.object({ key: z.string() }).nullish().transform((v) => v ?? undefined) })
            .nullish()
            .transform((v) => v ?? undefined),
        })
        .default({ summary: undefined, created: undefined, status: undefined }),
      properties: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? undefined),
    }),
  ),
  nextPageToken: z.string().nullish().transform((v) => v ?? undefined),
});

/** JQL search as the calling user (Jira shows them only tickets they may browse), one request per page. */
class JiraIssueSearch implements IssueSearch {
  constructor(private readonly jira: JiraClient) {}

  async search(request: SearchRequest): Promise<SearchPage> {
    const response = await this.jira.send(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    const parsed = SearchAnswerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new UnavailableError('Jira answered the search with something the app could not read; try again in a minute.');
    return parsed.data;
  }
}

const resolver = new Resolver();

resolver.define('getReviews', ({ payload, context }) =>
  answer(GetReviewsPayloadSchema, payload, (input) => {
    const { caller, project } = projectInvocation(context);
    const ports = { ...userPorts(), search: new JiraIssueSearch(JiraClient.asUser()) };
    return loadReviews(ports, { projectId: project.id, projectKey: project.key, accountId: caller.accountId, from: input.from, to: input.to });
  }),
);

/** The reviews project page's resolver (manifest function `reviews-resolver`). */
export const reviewsResolver = resolver.getDefinitions();
