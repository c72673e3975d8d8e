import type { ExtensionContext } from './app-runner';
import type { ManifestModule } from './manifest';
import type { SiteClient } from './site-client';

/** Where a module is shown: on an issue, on a project (settings page, workflow rule configuration), or as a gadget on the dashboard. */
export type ExtensionTarget = { readonly issueKey: string } | { readonly projectKey: string } | { readonly gadgetId: string };

/** The one dashboard of the local site. */
export const DASHBOARD_ID = '10000';

interface IssueAnswer {
  id: string;
  key: string;
  fields: { issuetype?: { id: string; name: string }; project?: { id: string; key: string; projectTypeKey?: string } };
}
interface ProjectAnswer {
  id: string;
  key: string;
  projectTypeKey?: string;
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
  const extension: Record<string, unknown> = { type: module.type, ...options.extra };
  if ('gadgetId' in target) {
    extension['gadget'] = { id: target.gadgetId };
    extension['dashboard'] = { id: DASHBOARD_ID };
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
    localId: `${module.key}-${'issueKey' in target ? target.issueKey : 'projectKey' in target ? target.projectKey : target.gadgetId}`,
    moduleKey: module.key,
    siteUrl: options.siteUrl,
    environmentType: 'DEVELOPMENT',
    extension,
  };
}
