import { route } from '@forge/api';
import { z } from 'zod/mini';
import { UnavailableError } from '../errors';
import type { FieldCatalog, JiraField } from '../ports';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

/** Jira's FieldDetails, only what the app reads. */
const FieldsSchema = lazySchema(() => z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    custom: z.optional(z.boolean()),
    schema: z.optional(z.object({ type: z.string(), items: z.optional(z.string()) })),
  }),
));

/**
 * The site's fields (`GET /rest/api/3/field`, one request: Jira answers every field at once), asked as the caller, so
 * Jira lists only the fields they may see.
 */
export class JiraSiteFields implements FieldCatalog {
  constructor(private readonly jira: JiraClient) {}

  async list(): Promise<readonly JiraField[]> {
    const body = await this.jira.json((jira, signal) => jira.requestJira(route`/rest/api/3/field`, { signal, headers: ACCEPT_JSON }));
    const parsed = FieldsSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with a list of fields the app could not read; try again in a minute.');
    return parsed.data.map(({ id, name, custom, schema }) => ({ id, name, custom: custom ?? false, ...(schema && { schema }) }));
  }
}
