import { route } from '@forge/api';
import { z } from 'zod/mini';
import type { IssueSearch, SearchPage, SearchRequest } from '../ports';
import { UnavailableError } from '../errors';
import type { JiraClient } from './jira-client';
import { fieldWords } from './issue-store';
import { SEND_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

/** The part of Jira's search answer the reviews page reads; anything else Jira sends is ignored. */
const SearchAnswerSchema = lazySchema(() => z.object({
  issues: z.array(
    z.object({
      key: z.string().check(z.minLength(1)),
      id: z.optional(z.string().check(z.minLength(1))),
      fields: z._default(z.object({
          summary: z.pipe(z.nullish(z.string()), z.transform((v) => v ?? undefined)),
          created: z.pipe(z.nullish(z.string()), z.transform((v) => v ?? undefined)),
          status: z.pipe(z.nullish(z.object({ name: z.string(), statusCategory: z.pipe(z.nullish(z.object({ key: z.string() })), z.transform((v) => v ?? undefined)) })), z.transform((v) => v ?? undefined)),
          fixVersions: z.pipe(z.nullish(z.array(z.object({ id: z.string().check(z.minLength(1)), name: z.string(), releaseDate: z.pipe(z.nullish(z.string()), z.transform((v) => v ?? undefined)) }))), z.transform((v) => v ?? undefined)),
        }), { summary: undefined, created: undefined, status: undefined, fixVersions: undefined }),
      properties: z.pipe(z.nullish(z.record(z.string(), z.unknown())), z.transform((v) => v ?? undefined)),
    }),
  ),
  nextPageToken: z.pipe(z.nullish(z.string()), z.transform((v) => v ?? undefined)),
}));

/** Requested fields the answer carries as words (`ticketFields`): custom fields and components, which approvers may come from. */
const isWordField = (field: string): boolean => field === 'components' || /^customfield_\d+$/.test(field);

/** A ticket's value of each word field, as words; one Jira answers in a shape the app cannot read names nobody here, so one odd ticket does not take the reviews page down. */
function ticketFieldsOf(fields: readonly string[], raw: unknown): Record<string, string[]> {
  const values = raw !== null && typeof raw === 'object' && 'fields' in raw && raw.fields !== null && typeof raw.fields === 'object' ? (raw.fields as Record<string, unknown>) : {};
  return Object.fromEntries(
    fields.map((field) => {
      try {
        return [field, fieldWords(field, values[field])];
      } catch {
        return [field, []];
      }
    }),
  );
}

/** JQL search as the calling user (Jira shows them only tickets they may browse), one request per page. */
export class JiraIssueSearch implements IssueSearch {
  constructor(private readonly jira: JiraClient) {}

  async search(request: SearchRequest): Promise<SearchPage> {
    const body = JSON.stringify(request);
    const answer = await this.jira.json((jira, signal) => jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', signal, headers: SEND_JSON, body }));
    const parsed = SearchAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new UnavailableError('Jira answered the search with something the app could not read; try again in a minute.');
    const wordFields = request.fields.filter(isWordField);
    if (wordFields.length === 0) return parsed.data;
    const raw = (answer as { issues: readonly unknown[] }).issues;
    return { ...parsed.data, issues: parsed.data.issues.map((issue, i) => ({ ...issue, ticketFields: ticketFieldsOf(wordFields, raw[i]) })) };
  }
}
