import type { ExtensionContext } from './app-runner';
import type { ManifestModule } from './manifest';
import type { SiteClient } from './site-client';

/** Where a module is shown: on an issue, or on a project (settings page, workflow rule configuration). */
export type ExtensionTarget = { readonly issueKey: string } | { readonly projectKey: string };

interface IssueAnswer {
  id: string;
  key: string;
  fields: { issuetype?: { id: string; name: string }; project?: { id: string; key: string; projectTypeKey?: string } };
}
interface ProjectAnswer {
  id: string;
  key: string;
  projectTypeKey?: string;
  /** `classic` (company-managed) or `next-gen` (team-managed). */
  style?: string;
}

/** A saved validator configuration as Jira hands it back: the JSON object onConfigure's string held. */
export function parseValidatorConfiguration(configuration: string): unknown {
  try {
    return JSON.parse(configuration) as unknown;
  } catch {
    throw new Error(`the saved validator configuration is not JSON: ${configuration.slice(0, 80)}`);
  }
}

/**
 * What Forge documents for a workflow validator's create/edit/view resources: `validatorConfig` (edit and view),
 * `entryPoint`, `isNewEditor`, `workflowId`, and `scopedProjectId` only for a team-managed workflow; no project or
 * issue, because a company-managed workflow may be shared by many projects. Function validators are configured in
 * the new workflow editor only, so `isNewEditor` is true.
 */
async function workflowRuleExtension(site: SiteClient, module: ManifestModule, projectKey: string, accountId: string, extra: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const project = await site.getJson<ProjectAnswer>(`/rest/api/3/project/${encodeURIComponent(projectKey)}`, accountId);
  const saved = extra['validatorConfig'];
  return {
    type: module.type,
    entryPoint: extra['entryPoint'] ?? 'create',
    isNewEditor: true,
    workflowId: `local-workflow-${project.id}`,
    ...(typeof saved === 'string' && extra['entryPoint'] !== 'create' && { validatorConfig: parseValidatorConfiguration(saved) }),
    ...(project.style === 'next-gen' && { scopedProjectId: project.id }),
  };
}

export interface ContextOptions {
  readonly cloudId: string;
  readonly siteUrl: string;
  /** Extra `extension` fields, e.g. `validatorConfig` and `entryPoint` for a workflow rule's configuration. */
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Builds the context Forge gives a module's Custom UI and resolvers, looking the issue or project up
 * as the viewing user (so a user who cannot see the issue gets the site's 404).
 * @example await extensionContext(site, panelModule, { issueKey: 'SKU-1' }, 'acc-pm', { cloudId, siteUrl })
 */
export async function extensionContext(site: SiteClient, module: ManifestModule, target: ExtensionTarget, accountId: string, options: ContextOptions): Promise<ExtensionContext> {
  let extension: Record<string, unknown> = { type: module.type, ...options.extra };
  if (module.type === 'jira:workflowValidator' && 'projectKey' in target) {
    extension = await workflowRuleExtension(site, module, target.projectKey, accountId, options.extra ?? {});
  } else if ('issueKey' in target) {
    const issue = await site.getJson<IssueAnswer>(`/rest/api/3/issue/${encodeURIComponent(target.issueKey)}?fields=issuetype,project`, accountId);
    const project = issue.fields.project;
    extension['issue'] = { id: issue.id, key: issue.key, type: issue.fields.issuetype?.name, typeId: issue.fields.issuetype?.id };
    if (project) extension['project'] = { id: project.id, key: project.key, type: project.projectTypeKey ?? 'software' };
  } else {
    const project = await site.getJson<ProjectAnswer>(`/rest/api/3/project/${encodeURIComponent(target.projectKey)}`, accountId);
    extension['project'] = { id: project.id, key: project.key, type: project.projectTypeKey ?? 'software' };
  }
  return {
    cloudId: options.cloudId,
    localId: `${module.key}-${'issueKey' in target ? target.issueKey : target.projectKey}`,
    moduleKey: module.key,
    siteUrl: options.siteUrl,
    environmentType: 'DEVELOPMENT',
    extension,
  };
}
