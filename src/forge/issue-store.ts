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

/** Jira's shapes of the values a gate reads from a custom field: an option (`CustomFieldOption`: value, id), and a group (`GroupName`: name, groupId) or a component (name, id), each named. */
const OptionValueSchema = lazySchema(() => z.object({ value: z.string(), id: z.optional(z.string()) }));
const NamedValueSchema = lazySchema(() => z.object({ name: z.string(), groupId: z.nullish(z.string()), id: z.optional(z.string()) }));
const FieldItemSchema = lazySchema(() => z.union([OptionValueSchema, NamedValueSchema, z.string(), z.number()]));
const FieldValueSchema = lazySchema(() => z.union([z.null(), z.undefined(), FieldItemSchema, z.array(FieldItemSchema)]));

const itemWords = (item: z.infer<typeof FieldItemSchema>): string => (typeof item === 'string' || typeof item === 'number' ? String(item) : 'value' in item ? item.value : item.name);

/**
 * A custom field's value as plain strings: an option's value, a group's or a component's name; none when unset.
 *
 * @example
 * fieldWords('customfield_10070', { value: 'sig-node', id: '10101' }) // ['sig-node']
 */
export function fieldWords(fieldId: string, raw: unknown): string[] {
  const parsed = FieldValueSchema.safeParse(raw);
  if (!parsed.success) throw new UnavailableError(`Jira answered the ticket's field ${fieldId} with a value that is not an option, a group, a component, a text or a number, so the app cannot tell who approves; ask a project admin to check the field.`);
  const value = parsed.data;
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(itemWords);
}

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

  async getIssue(issueIdOrKey: string, customFields: readonly string[] = []): Promise<IssueView> {
    // Exactly the custom fields the configuration reads, in the same request (a field id is `customfield_<digits>`).
    const extra = customFields.filter((field) => /^customfield_\d+$/.test(field)).map((field) => `,${field}`).join('');
    const body = await this.reader.json((jira, signal) =>
      jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=summary,status,project,reporter,created,fixVersions,issuelinks,issuetype,labels,components${extra}&properties=*all`, { signal, headers: ACCEPT_JSON }),
    );
    const parsed = IssueResponseSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with an issue the app could not read; try again in a minute.');
    const { id, key, fields, properties } = parsed.data;
    const rawFields = (body as { fields: Record<string, unknown> }).fields;
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
      ...(customFields.length > 0 && { customFields: Object.fromEntries(customFields.map((field) => [field, fieldWords(field, rawFields[field])])) }),
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
