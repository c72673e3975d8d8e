import { route } from '@forge/api';
import { z } from 'zod/mini';
import { UnavailableError } from '../errors';
import type { AppValidator, WorkflowRules } from '../ports';
import type { JiraClient } from './jira-client';
import { ACCEPT_JSON } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

const PAGE_SIZE = 50;
/** Enough for every workflow of a large site; a page more would be a site with thousands of workflows. */
const MAX_PAGES = 20;

/** Jira's PageBeanWorkflowTransitionRules, only what the app reads. */
const RulesPageSchema = lazySchema(() => z.object({
  values: z.array(
    z.object({
      workflowId: z.object({ name: z.string() }),
      validators: z.optional(z.array(z.object({ configuration: z.optional(z.object({ value: z.optional(z.string()), disabled: z.optional(z.boolean()) })), transition: z.optional(z.object({ name: z.string() })) }))),
    }),
  ),
  isLast: z.optional(z.boolean()),
}));

/** Jira's ContainerOfWorkflowSchemeAssociations, only the workflow names. */
const SchemesSchema = lazySchema(() => z.object({
  values: z.array(z.object({ workflowScheme: z.object({ defaultWorkflow: z.optional(z.string()), issueTypeMappings: z.optional(z.record(z.string(), z.string())) }) })),
}));

const StageConfigurationSchema = lazySchema(() => z.object({ stage: z.optional(z.string().check(z.trim(), z.minLength(1))) }));

/** The stage a validator's saved configuration names; undefined for none (the strictest stage) or one the app cannot read. */
function stageOf(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    const parsed = StageConfigurationSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data.stage : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The app's validators (`GET /rest/api/3/workflow/rule/config?types=validator`) in the workflows of the project's
 * workflow scheme (`GET /rest/api/3/workflowscheme/project`), asked as the app: Jira answers only an app's own rules.
 */
export class JiraWorkflowRules implements WorkflowRules {
  constructor(private readonly asApp: JiraClient) {}

  /** The names of the workflows the project uses. */
  private async workflowsOf(projectId: string): Promise<Set<string>> {
    const body = await this.asApp.json((jira, signal) => jira.requestJira(route`/rest/api/3/workflowscheme/project?projectId=${projectId}`, { signal, headers: ACCEPT_JSON }));
    const parsed = SchemesSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered with a workflow scheme the app could not read; try again in a minute.');
    return new Set(parsed.data.values.flatMap(({ workflowScheme }) => [...(workflowScheme.defaultWorkflow === undefined ? [] : [workflowScheme.defaultWorkflow]), ...Object.values(workflowScheme.issueTypeMappings ?? {})]));
  }

  async appValidators(projectId: string): Promise<readonly AppValidator[]> {
    const workflows = await this.workflowsOf(projectId);
    const found: AppValidator[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const startAt = page * PAGE_SIZE;
      const body = await this.asApp.json((jira, signal) =>
        jira.requestJira(route`/rest/api/3/workflow/rule/config?types=validator&startAt=${startAt}&maxResults=${PAGE_SIZE}`, { signal, headers: ACCEPT_JSON }),
      );
      const parsed = RulesPageSchema.safeParse(body);
      if (!parsed.success) throw new UnavailableError('Jira answered with workflow rules the app could not read; try again in a minute.');
      for (const workflow of parsed.data.values.filter((w) => workflows.has(w.workflowId.name))) {
        for (const validator of workflow.validators ?? []) {
          if (validator.configuration?.disabled === true) continue;
          found.push({ workflow: workflow.workflowId.name, transition: validator.transition?.name ?? 'a transition', stage: stageOf(validator.configuration?.value) });
        }
      }
      if (parsed.data.isLast !== false || parsed.data.values.length === 0) break;
    }
    return found;
  }
}
