import { route } from '@forge/api';
import { z } from 'zod/mini';
import { PROPERTY_PREFIX } from '../gate/records';
import type { IssueStore, IssueView } from '../ports';
import { PropertyTooLargeError, UnavailableError } from '../errors';
import { PROPERTY_VALUE_LIMIT } from '../gate/summary';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON, SEND_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

/** The part of Jira's issue answer the gate reads; anything else Jira sends is ignored. */
const IssueResponseSchema = lazySchema(() => z.object({
  id: z.string().check(z.minLength(1)),
  key: z.string().check(z.minLength(1)),
  fields: z.object({
    summary: z.nullish(z.string()),
    status: z.nullish(z.object({ name: z.string(), id: z.optional(z.string()) })),
    issuetype: z.nullish(z.object({ name: z.string() })),
    labels: z.nullish(z.array(z.string())),
    components: z.nullish(z.array(z.object({ name: z.string() }))),
    project: z.object({ id: z.string().check(z.minLength(1)), key: z.string().check(z.minLength(1)) }),
    reporter: z.nullish(z.object({ accountId: z.string().check(z.minLength(1)) })),
    created: z.nullish(z.string()),
    fixVersions: z.nullish(z.array(z.object({ id: z.string().check(z.minLength(1)), name: z.string(), releaseDate: z.pipe(z.nullish(z.string()), z.transform((v) => v ?? undefined)) }))),
    /** Issue links (Jira's `IssueLink`): each lists the other end, inward or outward. */
    issuelinks: z.catch(z.nullish(z.array(
        z.object({
          type: z.object({ name: z.string() }),
          inwardIssue: z.nullish(z.object({ id: z.string().check(z.minLength(1)), key: z.string().check(z.minLength(1)) })),
          outwardIssue: z.nullish(z.object({ id: z.string().check(z.minLength(1)), key: z.string().check(z.minLength(1)) })),
        }),
      )), undefined),
  }),
  properties: z.nullish(z.record(z.string(), z.unknown())),
}));

/**
 * The issue and its `golive-gate.*` properties in one request, and issue property writes.
 * Reads go through `reader` (as the caller for resolvers, so Jira hides issues they cannot see). Writes go through
 * `writer`, the app: the use case has already checked the caller may act, and an approver who may see but not edit
 * the issue must still be able to decide, without a refused write leaving a half-written record behind.
 */
export class JiraIssueStore implements IssueStore {
  constructor(
    private readonly reader: JiraClient,
    private readonly writer: JiraClient = reader,
  ) {}

  async getIssue(issueIdOrKey: string): Promise<IssueView> {
    const body = await this.reader.json((jira, signal) =>
      jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=summary,status,project,reporter,created,fixVersions,issuelinks,issuetype,labels,components&properties=*all`, { signal, headers: ACCEPT_JSON }),
    );
    const parsed = IssueResponseSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with an issue the app could not read; try again in a minute.');
    const { id, key, fields, properties } = parsed.data;
    return {
      id,
      key,
      summary: fields.summary ?? '',
      projectId: fields.project.id,
      projectKey: fields.project.key,
      reporterAccountId: fields.reporter?.accountId,
      status: fields.status?.name ?? '',
      ...(fields.status?.id !== undefined && { statusId: fields.status.id }),
      issueType: fields.issuetype?.name ?? '',
      labels: fields.labels ?? [],
      components: (fields.components ?? []).map((c) => c.name),
      created: fields.created ?? '',
      fixVersions: (fields.fixVersions ?? []).map(({ id, name, releaseDate }) => ({ id, name, ...(releaseDate !== undefined && { releaseDate }) })),
      links: (fields.issuelinks ?? []).flatMap((link) => {
        const other = link.inwardIssue ?? link.outwardIssue;
        return other ? [{ type: link.type.name, issueId: other.id, issueKey: other.key }] : [];
      }),
      properties: Object.fromEntries(Object.entries(properties ?? {}).filter(([name]) => name.startsWith(PROPERTY_PREFIX))),
    };
  }

  async putProperty(issueId: string, propertyKey: string, value: unknown): Promise<void> {
    const body = JSON.stringify(value);
    if (body.length > PROPERTY_VALUE_LIMIT) {
      throw new PropertyTooLargeError(
        `The record ${propertyKey} would be ${body.length.toLocaleString('en-US')} characters; Jira keeps at most ${PROPERTY_VALUE_LIMIT.toLocaleString('en-US')}. Shorten the text and try again.`,
      );
    }
    await this.writer.send((jira, signal) =>
      jira.requestJira(route`/rest/api/3/issue/${issueId}/properties/${propertyKey}`, { method: 'PUT', signal, headers: SEND_JSON, body }),
    );
  }
}
