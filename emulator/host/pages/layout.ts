import type { Markup, Theme } from '../html';
import { html, themeAttributes } from '../html';
import type { HostUser } from '../host-site';
import type { Page, PageRequest } from './page';
import { OWNING_SIG_FIELD } from '../../site/demo';
import { FIELD_OPTIONS } from '../../site/issue-fields';

export interface LayoutData {
  readonly users: readonly HostUser[];
  readonly projects: readonly { readonly key: string; readonly name: string }[];
  /** Whether the app has dashboard gadgets (the Dashboards link). */
  readonly hasDashboard: boolean;
}

/** Jira's Create dialog: project, summary, description, labels and the Owning SIG select; page.js posts it to POST /rest/api/3/issue. */
function createDialog(projects: LayoutData['projects']): Markup {
  return html`<dialog id="create-dialog" aria-labelledby="create-title">
  <form id="create-form" novalidate>
    <h2 id="create-title">Create issue</h2>
    <p class="message" data-error-for="" role="alert" hidden></p>
    <label for="create-project">Project</label>
    <select id="create-project" name="project" required>${projects.map((p) => html`<option value="${p.key}">${p.name} (${p.key})</option>`)}</select>
    <p class="field-error" data-error-for="project" role="alert" hidden></p>
    <label for="create-summary">Summary <span aria-hidden="true">*</span></label>
    <input id="create-summary" name="summary" type="text" maxlength="255" required autocomplete="off">
    <p class="field-error" data-error-for="summary" role="alert" hidden></p>
    <label for="create-description">Description</label>
    <textarea id="create-description" name="description" rows="5"></textarea>
    <p class="field-error" data-error-for="description" role="alert" hidden></p>
    <label for="create-labels">Labels</label>
    <input id="create-labels" name="labels" type="text" autocomplete="off" aria-describedby="create-labels-hint">
    <p id="create-labels-hint">Words separated by spaces</p>
    <p class="field-error" data-error-for="labels" role="alert" hidden></p>
    <label for="create-owning-sig">Owning SIG</label>
    <select id="create-owning-sig" name="${OWNING_SIG_FIELD}"><option value="">None</option>${(FIELD_OPTIONS[OWNING_SIG_FIELD] ?? []).map((o) => html`<option value="${o.value}">${o.value}</option>`)}</select>
    <p class="field-error" data-error-for="${OWNING_SIG_FIELD}" role="alert" hidden></p>
    <div class="dialog-actions">
      <button type="button" data-create-cancel>Cancel</button>
      <button type="submit" class="primary">Create</button>
    </div>
  </form>
</dialog>`;
}

function userMenu(request: PageRequest, data: LayoutData): Markup {
  const other: Theme = request.theme === 'dark' ? 'light' : 'dark';
  return html`<div class="account">
  <form method="post" action="/__host/session" class="user-switch">
    <label for="user-switch" class="who">Signed in as</label>
    <select id="user-switch" name="accountId">${data.users.map((u) => html`<option value="${u.accountId}"${u.accountId === request.user.accountId ? html` selected` : ''}>${u.displayName} (${u.emailAddress})</option>`)}</select>
    <input type="hidden" name="next" value="${request.path}">
    <button type="submit">Switch</button>
  </form>
  <form method="post" action="/__host/theme">
    <input type="hidden" name="theme" value="${other}">
    <input type="hidden" name="next" value="${request.path}">
    <button type="submit">${other === 'dark' ? 'Dark theme' : 'Light theme'}</button>
  </form>
  <form method="post" action="/__host/logout"><button type="submit">Sign out</button></form>
</div>`;
}

/** The chrome around every page: product bar (Create, navigation, user, theme), flags region. */
export function layout(page: Page, request: PageRequest | undefined, data: LayoutData): Markup {
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
  <nav aria-label="Site"><a href="/">Projects</a>${data.hasDashboard ? html`<a href="/dashboard">Dashboard</a>` : ''}<a href="/notifications">Notifications</a></nav>
  ${request && data.projects.length > 0 ? html`<button type="button" id="create-open" class="primary">Create</button>` : ''}
  ${request ? userMenu(request, data) : ''}
</header>
<main>
${page.body}
</main>
${request && data.projects.length > 0 ? createDialog(data.projects) : ''}
<div id="flags" aria-live="polite"></div>
</body>
</html>`;
}
