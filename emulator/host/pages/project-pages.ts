import type { ForgeRuntime } from '../../runtime/forge-runtime';
import type { ManifestModule } from '../../runtime/manifest';
import { frameUrl } from '../custom-ui';
import type { Markup } from '../html';
import { html } from '../html';
import type { HostSite, HostTransition, HostValidator } from '../host-site';
import type { Page, PageRequest } from './page';
import { isProjectAdmin, projectLinks } from './page';

const projectOf = (runtime: ForgeRuntime, request: PageRequest, projectKey: string) =>
  runtime.site.getJson<{ key: string; name: string }>(`/rest/api/3/project/${encodeURIComponent(projectKey)}`, request.user.accountId);

const appFrame = (frameOrigin: string, module: ManifestModule, projectKey: string): Markup => html`<section class="app-panel" aria-label="${module.title}">
  <h2>${module.title}</h2>
  <iframe class="forge-frame" title="${module.title}" src="${frameUrl(frameOrigin, module.resource ?? '', { moduleKey: module.key, target: { projectKey } })}"></iframe>
</section>`;

/** `/projects/{key}/reviews`: the app's project pages (jira:projectPage), shown to everyone who can browse the project. */
export async function projectPage(runtime: ForgeRuntime, request: PageRequest, projectKey: string): Promise<Page> {
  const project = await projectOf(runtime, request, projectKey);
  const pages = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:projectPage' && m.resource);
  return {
    status: 200,
    title: `${project.name} reviews`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project.name} / Reviews</nav>
${projectLinks(project.key)}
${pages.map((m) => appFrame(request.frameOrigin, m, project.key))}
${pages.length === 0 ? html`<p>The app has no project pages.</p>` : ''}`,
  };
}

/** `/projects/{key}/settings`: the app's project settings pages (project admins only, as in Jira). */
export async function settingsPage(runtime: ForgeRuntime, request: PageRequest, projectKey: string): Promise<Page> {
  const project = await projectOf(runtime, request, projectKey);
  const admin = await isProjectAdmin(runtime, request.user.accountId, project.key);
  const pages = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:projectSettingsPage' && m.resource);
  return {
    status: admin ? 200 : 403,
    title: `${project.name} settings`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project.name} / Project settings</nav>
<h1>Project settings</h1>
${projectLinks(project.key)}
${admin
  ? pages.map((m) => appFrame(request.frameOrigin, m, project.key))
  : html`<p class="message" role="alert">Only administrators of ${project.name} can see its settings. Switch to a project admin (admin@example.com) in the header.</p>`}`,
  };
}

/**
 * One configured validator as Jira's workflow editor shows it: the app's own `view` screen of the rule (which names
 * what it enforces in the app's words), with Edit and Remove for admins.
 */
function validatorCell(runtime: ForgeRuntime, frameOrigin: string, projectKey: string, transition: HostTransition, validator: HostValidator, index: number, admin: boolean): Markup {
  const module = runtime.manifest.modules.get(validator.moduleKey);
  const title = module?.title ?? validator.moduleKey;
  const placement = { moduleKey: validator.moduleKey, target: { projectKey }, transitionId: transition.id, validatorIndex: index };
  const view = module?.configResources?.view;
  const edit = module?.configResources?.edit;
  return html`<div class="validator">
  <strong>${title}</strong>
  ${view
    ? html`<iframe class="forge-frame validator-view" title="${title} on ${transition.name}" src="${frameUrl(frameOrigin, view, { ...placement, entryPoint: 'view' })}"></iframe>`
    : html`<span class="who">${module ? 'Configured.' : 'This app module is not installed.'}</span>`}
  ${admin && edit
    ? html`<button type="button" data-configure-src="${frameUrl(frameOrigin, edit, { ...placement, entryPoint: 'edit' })}" data-dialog-title="Edit ${title} on ${transition.name}"
        data-project-key="${projectKey}" data-transition-id="${transition.id}" data-module-key="${validator.moduleKey}" data-index="${index}">Edit</button>`
    : ''}
  ${admin ? html`<button type="button" data-remove-index="${index}" data-project-key="${projectKey}" data-transition-id="${transition.id}" aria-label="Remove ${title} from ${transition.name}">Remove</button>` : ''}
</div>`;
}

/** `/projects/{key}/workflow`: transitions and their validators; admins add, edit and remove app validators. */
export async function workflowPage(runtime: ForgeRuntime, site: HostSite, request: PageRequest, projectKey: string): Promise<Page> {
  const project = await projectOf(runtime, request, projectKey);
  const admin = await isProjectAdmin(runtime, request.user.accountId, project.key);
  const transitions = site.workflow.listTransitions(project.key);
  const creatable = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:workflowValidator' && m.configResources?.create);
  return {
    status: 200,
    title: `${project.name} workflow`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project.name} / Workflow</nav>
<h1>Workflow</h1>
${projectLinks(project.key)}
${admin ? '' : html`<p class="message info">Only project administrators can change validators.</p>`}
<p id="workflow-error" class="message" role="alert" hidden></p>
<div class="table-scroll"><table class="workflow">
  <thead><tr><th scope="col">Transition</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Validators</th></tr></thead>
  <tbody>${transitions.map(
    (t) => html`<tr>
    <th scope="row">${t.name}</th><td>${t.from?.name ?? 'Any status'}</td><td>${t.to.name}</td>
    <td>
      ${t.validators.map((v, index) => validatorCell(runtime, request.frameOrigin, project.key, t, v, index, admin))}
      ${t.validators.length === 0 ? html`<span class="who">None</span>` : ''}
      ${admin
        ? creatable.map(
            (m) => html`<div><button type="button" data-configure-src="${frameUrl(request.frameOrigin, m.configResources?.create ?? '', { moduleKey: m.key, target: { projectKey: project.key }, entryPoint: 'create', transitionId: t.id })}"
          data-dialog-title="Add ${m.title} to ${t.name}" data-project-key="${project.key}" data-transition-id="${t.id}" data-module-key="${m.key}">Add ${m.title} validator</button></div>`,
          )
        : ''}
    </td>
  </tr>`,
  )}</tbody>
</table></div>
<dialog id="validator-dialog" aria-labelledby="validator-dialog-title">
  <h2 id="validator-dialog-title">Configure validator</h2>
  <iframe class="forge-frame" title="Validator configuration"></iframe>
  <p class="message dialog-error" role="alert" hidden></p>
  <div class="dialog-actions">
    <button type="button" data-dialog-cancel>Cancel</button>
    <button type="button" class="primary" data-dialog-save>Save</button>
  </div>
</dialog>`,
  };
}
