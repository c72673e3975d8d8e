import type { ForgeRuntime } from '../../runtime/forge-runtime';
import type { ManifestModule } from '../../runtime/manifest';
import { frameUrl } from '../custom-ui';
import type { Markup } from '../html';
import { html } from '../html';
import type { Page, PageRequest } from './page';

/** The app's dashboard gadgets, in manifest order; each has one instance on the site's dashboard, named by its key. */
export function gadgetModules(runtime: ForgeRuntime): ManifestModule[] {
  return [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:dashboardGadget' && m.resource);
}

/**
 * One gadget as Jira's dashboard shows it: its edit view until it has a configuration (or while "Edit" is chosen),
 * its view after; the edit view's `view.submit(configuration)` saves it (page.js) and shows the view.
 */
function gadget(frameOrigin: string, module: ManifestModule, configured: boolean, editing: boolean): Markup {
  const gadgetId = module.key;
  const edit = module.configResources?.edit;
  const showEdit = edit !== undefined && (editing || !configured);
  const src = showEdit ? frameUrl(frameOrigin, edit, { moduleKey: module.key, target: { gadgetId }, entryPoint: 'edit' }) : frameUrl(frameOrigin, module.resource ?? '', { moduleKey: module.key, target: { gadgetId } });
  return html`<section class="app-panel gadget" aria-labelledby="gadget-${gadgetId}">
  <h2 id="gadget-${gadgetId}">${module.title}${edit && !showEdit ? html` <a class="gadget-edit" href="/dashboard?edit=${encodeURIComponent(gadgetId)}">Edit</a>` : ''}</h2>
  <iframe class="forge-frame" title="${module.title}" data-gadget-id="${gadgetId}" src="${src}"></iframe>
</section>`;
}

/** `/dashboard`: the site's dashboard with the app's `jira:dashboardGadget` modules. */
export function dashboardPage(runtime: ForgeRuntime, request: PageRequest): Promise<Page> {
  const editing = new URL(request.path, 'http://site.invalid').searchParams.get('edit');
  const gadgets = gadgetModules(runtime);
  return Promise.resolve({
    status: 200,
    title: 'Dashboard',
    body: html`<h1>Dashboard</h1>
<div class="dashboard">${gadgets.map((module) => gadget(request.frameOrigin, module, runtime.platform.gadgetConfiguration(module.key) !== undefined, editing === module.key))}</div>
${gadgets.length === 0 ? html`<p>The app has no dashboard gadgets.</p>` : ''}`,
  });
}
