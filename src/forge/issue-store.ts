import { route } from '@forge/api';
import { z } from 'zod';
import { PROPERTY_PREFIX } from '../gate/records';
import type { IssueStore, IssueView } from '../ports';
import { PropertyTooLargeError, UnavailableError } from '../errors';
import { PROPERTY_VALUE_LIMIT } from '../gate/summary';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON, SEND_JSON } from './jira-client';

/** The part of Jira's issue answer the gate reads; anything else Jira sends is ignored. */
const IssueResponseSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z.object({
    summary: z.string().nullish(),
    status: z.object({ name: z.string(), id: z.string().optional() }).nullish(),
    issuetype: z.object({ name: z.string() }).nullish(),
    labels: z.array(z.string()).nullish(),
    components: z.array(z.object({ name: z.string() })).nullish(),
    project: z.object({ id: z.string().min(1), key: z.string().min(1) }),
    reporter: z.object({ accountId: z.string().min(1) }).nullish(),
    created: z.string().nullish(),
    fixVersions: z
      .array(z.object({ id: z.string().min(1), name: z.string(), releaseDate: z.string().nullish().transform((v) => v ?? undefined) }))
      .nullish(),
  }),
  properties: z.record(z.string(), z.unknown()).nullish(),
});

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
      jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=summary,status,project,reporter,created,fixVersions,issuetype,labels,components&properties=*all`, { signal, headers: ACCEPT_JSON }),
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
