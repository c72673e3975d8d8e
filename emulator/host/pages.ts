import type { ForgeRuntime } from '../runtime/forge-runtime';
import { frameUrl } from './custom-ui';
import type { Markup, Theme } from './html';
import { html, themeAttributes } from './html';
import type { HostSite, HostUser } from './host-site';

/** Everything a page needs about who is looking and where. */
export interface PageRequest {
  readonly user: HostUser;
  readonly theme: Theme;
  /** The path of the page, for the forms that come back to it. */
  readonly path: string;
}

export interface Page {
  readonly status: number;
  readonly title: string;
  readonly body: Markup;
}

interface IssueFields {
  summary?: string;
  status?: { name: string; statusCategory?: { key: string } };
  project?: { id: string; key: string; name: string };
  reporter?: { displayName: string };
  issuetype?: { name: string };
  created?: string;
  updated?: string;
}
interface IssueAnswer {
  id: string;
  key: string;
  fields: IssueFields;
}

/** The chrome around every page: product bar, user switcher, theme toggle, flags region. */
export function layout(page: Page, request: PageRequest | undefined, users: readonly HostUser[]): Markup {
  const other: Theme = request?.theme === 'dark' ? 'light' : 'dark';
  return html`<!doctype html>
<html lang="en" ${themeAttributes(request?.theme ?? 'light')}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} - Local Jira</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__host/tokens.css">
<link rel="stylesheet" href="/__host/host.css">
<script src="/__host/page.js" defer></script>
</head>
<body>
<header class="top-bar">
  <a class="product" href="/">Local Jira</a>
  <nav aria-label="Site"><a href="/">Projects and issues</a><a href="/notifications">Notifications</a></nav>
  ${request
    ? html`<form method="post" action="/__host/session">
    <label for="user-switch" class="who">Signed in as</label>
    <select id="user-switch" name="accountId">${users.map((u) => html`<option value="${u.accountId}"${u.accountId === request.user.accountId ? html` selected` : ''}>${u.displayName} (${u.emailAddress})</option>`)}</select>
    <input type="hidden" name="next" value="${request.path}">
    <button type="submit">Switch user</button>
  </form>
  <form method="post" action="/__host/theme">
    <input type="hidden" name="theme" value="${other}">
    <input type="hidden" name="next" value="${request.path}">
    <button type="submit">${other === 'dark' ? 'Dark theme' : 'Light theme'}</button>
  </form>`
    : ''}
</header>
<main>
${page.body}
</main>
<div id="flags" aria-live="polite"></div>
</body>
</html>`;
}

/** The page shown without credentials: pick a demo user (sets the site-user cookie). */
export function loginPage(users: readonly HostUser[], next: string): Page {
  return {
    status: 401,
    title: 'Choose a user',
    body: html`<section class="login">
  <h1>Who are you?</h1>
  <p>This local Jira site has demo users only (API token <code>demo</code> for REST). Pick one to continue.</p>
  <ul>${users.map(
    (u) => html`<li><form method="post" action="/__host/session">
      <span>${u.displayName} <span class="who">${u.emailAddress}</span></span>
      <input type="hidden" name="accountId" value="${u.accountId}">
      <input type="hidden" name="next" value="${next}">
      <button type="submit">Continue as ${u.displayName}</button>
    </form></li>`,
  )}</ul>
</section>`,
  };
}

/** A page that only says what went wrong. */
export function messagePage(status: number, title: string, text: string): Page {
  return { status, title, body: html`<h1>${title}</h1><p class="message" role="alert">${text}</p><p><a href="/">Back to projects and issues</a></p>` };
}

const lozenge = (status: IssueFields['status']): Markup => html`<span class="lozenge ${status?.statusCategory?.key ?? 'new'}">${status?.name ?? 'Unknown'}</span>`;

/** The index lists at most this many issues per project. */
const INDEX_ISSUE_LIMIT = 1000;

/** `/`: every project with its issues. */
export async function indexPage(runtime: ForgeRuntime, site: HostSite, request: PageRequest): Promise<Page> {
  const projects = await Promise.all(
    site.projects().map(async (project) => {
      const issues: IssueAnswer[] = [];
      let nextPageToken: string | undefined;
      do {
        const query = new URLSearchParams({ jql: `project = "${project.key}" ORDER BY key ASC`, fields: 'summary,status', maxResults: '100' });
        if (nextPageToken) query.set('nextPageToken', nextPageToken);
        const answer = await runtime.site.getJson<{ issues: IssueAnswer[]; nextPageToken?: string }>(`/rest/api/3/search/jql?${query.toString()}`, request.user.accountId);
        issues.push(...answer.issues);
        nextPageToken = answer.nextPageToken;
      } while (nextPageToken && issues.length < INDEX_ISSUE_LIMIT);
      return { ...project, issues };
    }),
  );
  return {
    status: 200,
    title: 'Projects and issues',
    body: html`<h1>Projects and issues</h1>
${projects.map(
  (project) => html`<section aria-labelledby="project-${project.key}">
  <h2 id="project-${project.key}">${project.name} (${project.key})</h2>
  ${projectLinks(project.key)}
  <table>
    <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th></tr></thead>
    <tbody>${project.issues.map((issue) => html`<tr><td><a href="/browse/${issue.key}">${issue.key}</a></td><td>${issue.fields.summary ?? ''}</td><td>${lozenge(issue.fields.status)}</td></tr>`)}</tbody>
  </table>
  ${project.issues.length === 0 ? html`<p>No issues yet.</p>` : ''}
</section>`,
)}
${projects.length === 0 ? html`<p>No projects yet.</p>` : ''}`,
  };
}

/** `/browse/{issueKey}`: the issue view with its transitions and the app's issue panels. */
export async function issuePage(runtime: ForgeRuntime, request: PageRequest, issueKey: string): Promise<Page> {
  const key = encodeURIComponent(issueKey);
  const issue = await runtime.site.getJson<IssueAnswer>(`/rest/api/3/issue/${key}?fields=summary,status,project,reporter,issuetype,created,updated`, request.user.accountId);
  const { transitions } = await runtime.site.getJson<{ transitions: { id: string; name: string; to?: { name: string } }[] }>(`/rest/api/3/issue/${key}/transitions`, request.user.accountId);
  const panels = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:issuePanel' && m.resource);
  const project = issue.fields.project;
  return {
    status: 200,
    title: `${issue.key} ${issue.fields.summary ?? ''}`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project ? html`${project.name} / ` : ''}${issue.key}</nav>
<div class="issue-layout">
  <section>
    <h1>${issue.fields.summary ?? issue.key}</h1>
    <p>Status: ${lozenge(issue.fields.status)}</p>
    <div class="transitions" role="group" aria-label="Workflow transitions">
      ${transitions.map((t) => html`<button type="button" data-issue-key="${issue.key}" data-transition-id="${t.id}" data-transition-name="${t.name}">${t.name}${t.to ? html` → ${t.to.name}` : ''}</button>`)}
    </div>
    <p id="transition-error" class="message" role="alert" hidden></p>
    ${panels.map(
      (m) => html`<section class="app-panel" aria-label="${m.title}">
      <h2>${m.title}</h2>
      <iframe class="forge-frame" title="${m.title}" src="${frameUrl(m.resource ?? '', { moduleKey: m.key, target: { issueKey: issue.key } })}"></iframe>
    </section>`,
    )}
  </section>
  <aside>
    <dl class="details">
      <dt>Key</dt><dd>${issue.key}</dd>
      <dt>Type</dt><dd>${issue.fields.issuetype?.name ?? ''}</dd>
      <dt>Reporter</dt><dd>${issue.fields.reporter?.displayName ?? 'None'}</dd>
      <dt>Created</dt><dd>${issue.fields.created ?? ''}</dd>
      <dt>Updated</dt><dd>${issue.fields.updated ?? ''}</dd>
    </dl>
    ${project ? projectLinks(project.key) : ''}
  </aside>
</div>`,
  };
}

/** `/projects/{key}/reviews`: the app's project pages (jira:projectPage), shown to everyone who can browse the project. */
export async function projectPage(runtime: ForgeRuntime, request: PageRequest, projectKey: string): Promise<Page> {
  const project = await runtime.site.getJson<{ key: string; name: string }>(`/rest/api/3/project/${encodeURIComponent(projectKey)}`, request.user.accountId);
  const pages = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:projectPage' && m.resource);
  return {
    status: 200,
    title: `${project.name} reviews`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project.name} / Reviews</nav>
${projectLinks(project.key)}
${pages.map(
  (m) => html`<section class="app-panel settings-frame" aria-label="${m.title}">
  <h2>${m.title}</h2>
  <iframe class="forge-frame" title="${m.title}" src="${frameUrl(m.resource ?? '', { moduleKey: m.key, target: { projectKey: project.key } })}"></iframe>
</section>`,
)}
${pages.length === 0 ? html`<p>The app has no project pages.</p>` : ''}`,
  };
}

/** The project's pages, as in Jira's project sidebar. */
function projectLinks(projectKey: string): Markup {
  return html`<p><a href="/projects/${projectKey}/reviews">Reviews</a> · <a href="/projects/${projectKey}/settings">Project settings</a> · <a href="/projects/${projectKey}/workflow">Workflow</a></p>`;
}

/** Whether the user administers the project (Jira's ADMINISTER_PROJECTS), asked of the site's REST as them. */
export async function isProjectAdmin(runtime: ForgeRuntime, accountId: string, projectKey: string): Promise<boolean> {
  const query = new URLSearchParams({ projectKey, permissions: 'ADMINISTER_PROJECTS' });
  const answer = await runtime.site.getJson<{ permissions: Record<string, { havePermission: boolean }> }>(`/rest/api/3/mypermissions?${query.toString()}`, accountId);
  return answer.permissions['ADMINISTER_PROJECTS']?.havePermission === true;
}

/** `/projects/{key}/settings`: the app's project settings pages (project admins only, as in Jira). */
export async function settingsPage(runtime: ForgeRuntime, request: PageRequest, projectKey: string): Promise<Page> {
  const project = await runtime.site.getJson<{ key: string; name: string }>(`/rest/api/3/project/${encodeURIComponent(projectKey)}`, request.user.accountId);
  const admin = await isProjectAdmin(runtime, request.user.accountId, project.key);
  const pages = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:projectSettingsPage' && m.resource);
  return {
    status: admin ? 200 : 403,
    title: `${project.name} settings`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project.name} / Project settings</nav>
<h1>Project settings</h1>
${projectLinks(project.key)}
${admin
  ? pages.map(
      (m) => html`<section class="app-panel settings-frame" aria-label="${m.title}">
  <h2>${m.title}</h2>
  <iframe class="forge-frame" title="${m.title}" src="${frameUrl(m.resource ?? '', { moduleKey: m.key, target: { projectKey: project.key } })}"></iframe>
</section>`,
    )
  : html`<p class="message" role="alert">Only administrators of ${project.name} can see its settings. Switch to a project admin (admin@example.com) in the header.</p>`}`,
  };
}

/** `/projects/{key}/workflow`: transitions and their validators; admins add, edit and remove app validators. */
export async function workflowPage(runtime: ForgeRuntime, site: HostSite, request: PageRequest, projectKey: string): Promise<Page> {
  const project = await runtime.site.getJson<{ key: string; name: string }>(`/rest/api/3/project/${encodeURIComponent(projectKey)}`, request.user.accountId);
  const admin = await isProjectAdmin(runtime, request.user.accountId, project.key);
  const transitions = site.workflow.listTransitions(project.key);
  const validatorModules = [...runtime.manifest.modules.values()].filter((m) => m.type === 'jira:workflowValidator');
  const moduleTitle = (moduleKey: string): string => runtime.manifest.modules.get(moduleKey)?.title ?? moduleKey;
  return {
    status: 200,
    title: `${project.name} workflow`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project.name} / Workflow</nav>
<h1>Workflow</h1>
${projectLinks(project.key)}
${admin ? '' : html`<p class="message info">Only project administrators can change validators.</p>`}
<p id="workflow-error" class="message" role="alert" hidden></p>
<table>
  <thead><tr><th scope="col">Transition</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Validators</th></tr></thead>
  <tbody>${transitions.map(
    (t) => html`<tr>
    <th scope="row">${t.name}</th><td>${t.from?.name ?? 'Any status'}</td><td>${t.to.name}</td>
    <td>
      ${t.validators.map((v, index) => {
        const module = runtime.manifest.modules.get(v.moduleKey);
        const edit = module?.configResources?.edit;
        return html`<div class="validator">
        <span>${moduleTitle(v.moduleKey)}: <code>${v.configuration}</code></span>
        ${admin && edit
          ? html`<button type="button" data-configure-src="${frameUrl(edit, { moduleKey: v.moduleKey, target: { projectKey: project.key }, entryPoint: 'edit', transitionId: t.id, validatorIndex: index })}"
            data-dialog-title="Edit ${moduleTitle(v.moduleKey)} on ${t.name}" data-project-key="${project.key}" data-transition-id="${t.id}" data-module-key="${v.moduleKey}" data-index="${index}">Edit</button>`
          : ''}
        ${admin ? html`<button type="button" data-remove-index="${index}" data-project-key="${project.key}" data-transition-id="${t.id}" aria-label="Remove ${moduleTitle(v.moduleKey)} from ${t.name}">Remove</button>` : ''}
      </div>`;
      })}
      ${t.validators.length === 0 ? html`<span class="who">None</span>` : ''}
      ${admin
        ? validatorModules
            .filter((m) => m.configResources?.create)
            .map(
              (m) => html`<div><button type="button" data-configure-src="${frameUrl(m.configResources?.create ?? '', { moduleKey: m.key, target: { projectKey: project.key }, entryPoint: 'create', transitionId: t.id })}"
          data-dialog-title="Add ${m.title} to ${t.name}" data-project-key="${project.key}" data-transition-id="${t.id}" data-module-key="${m.key}">Add ${m.title} validator</button></div>`,
            )
        : ''}
    </td>
  </tr>`,
  )}</tbody>
</table>
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

/** `/notifications`: what the site would have e-mailed to the current user (POST /rest/api/3/issue/{key}/notify). */
export function notificationsPage(site: HostSite, request: PageRequest): Page {
  const mine = site.notifications().filter((n) => n.recipients.includes(request.user.accountId));
  const sender = (accountId: string): string => site.users().find((u) => u.accountId === accountId)?.displayName ?? (accountId === 'app' ? 'Go-Live Gate (app)' : accountId);
  return {
    status: 200,
    title: 'Notifications',
    body: html`<h1>Notifications</h1>
<p>What Jira would have e-mailed to ${request.user.displayName}: ${mine.length} notification${mine.length === 1 ? '' : 's'}.</p>
${mine.map(
  (n) => html`<article class="app-panel notification">
  <h2>${n.subject}</h2>
  <p class="who"><a href="/browse/${n.issueKey}">${n.issueKey}</a> · from ${sender(n.sentBy)} · ${n.sentAt}${n.groups.length > 0 ? html` · to ${n.groups.join(', ')}` : ''}</p>
  <pre>${n.textBody}</pre>
</article>`,
)}`,
  };
}
