import { route } from '@forge/api';
import { z } from 'zod/mini';
import { UnavailableError } from '../errors';
import type { ProjectLookup } from '../ports';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

const ProjectSchema = lazySchema(() => z.object({ id: z.string().check(z.minLength(1)), key: z.string().check(z.minLength(1)), name: z.string() }));

/** Projects read as the caller (`GET /rest/api/3/project/{id}`): Jira answers 404 for one they may not browse. */
export class JiraProjectLookup implements ProjectLookup {
  constructor(private readonly asCaller: JiraClient) {}

  async projectOf(projectId: string): Promise<{ readonly id: string; readonly key: string; readonly name: string }> {
    const body = await this.asCaller.json((jira, signal) => jira.requestJira(route`/rest/api/3/project/${projectId}`, { signal, headers: ACCEPT_JSON }));
    const parsed = ProjectSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with a project the app could not read; try again in a minute.');
    return parsed.data;
  }
}
