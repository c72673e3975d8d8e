import type { AdfNode } from '../../site/adf';
import { adfToText } from '../../site/adf';
import type { ForgeRuntime } from '../../runtime/forge-runtime';
import { frameUrl } from '../custom-ui';
import { humanDate, humanTime } from '../dates';
import type { Markup } from '../html';
import { html } from '../html';
import type { Page, PageRequest, StatusField } from './page';
import { lozenge, projectLinks } from './page';

interface Person {
  accountId: string;
  displayName: string;
}
interface IssueAnswer {
  id: string;
  key: string;
  fields: {
    summary?: string;
    description?: AdfNode | null;
    status?: StatusField;
    project?: { id: string; key: string; name: string };
    reporter?: Person | null;
    issuetype?: { name: string };
    created?: string;
    updated?: string;
    fixVersions?: { id: string; name: string; releaseDate?: string; released?: boolean }[];
    attachment?: { id: string; filename: string; size: number; content: string; author?: Person; created: string }[];
  };
}
interface CommentAnswer {
  id: string;
  author: Person;
  body: AdfNode;
  created: string;
  updated: string;
}
interface RemoteLinkAnswer {
  id: number;
  relationship?: string;
  object: { url: string; title: string };
  application?: { name?: string };
}

/** The issue page shows this many comments, newest first (the REST resource pages through all of them). */
const COMMENTS_SHOWN = 50;

/** Only web links are clickable: a remote link's URL comes from whoever made it (no `javascript:`). */
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

const sizeOf = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Plain text of an ADF body, one paragraph per line (as a reader sees it). */
const plainText = (body: AdfNode | null | undefined): Markup => html`${(body ? adfToText(body) : '').split('\n').map((line) => html`<p>${line}</p>`)}`;

function comments(request: PageRequest, issueKey: string, list: readonly CommentAnswer[], total: number): Markup {
  return html`<section class="comments" aria-labelledby="comments-title">
  <h2 id="comments-title">Comments <span class="who">(${total})</span></h2>
  <form id="comment-form" data-issue-key="${issueKey}" class="comment-form">
    <label for="comment-text">Add a comment as ${request.user.displayName}</label>
    <textarea id="comment-text" name="comment" rows="3" maxlength="32767" placeholder="Add a comment…"></textarea>
    <p id="comment-error" class="field-error" role="alert" hidden></p>
    <button type="submit" class="primary">Save comment</button>
  </form>
  ${total > list.length ? html`<p class="who">The newest ${list.length} of ${total} comments.</p>` : ''}
  <ol class="comment-list">${list.map(
    (comment) => html`<li id="comment-${comment.id}" class="comment">
    <p class="comment-meta"><strong>${comment.author.displayName}</strong> · ${humanTime(comment.created, request.now)}${comment.updated !== comment.created ? html` · <span class="who">edited</span>` : ''}</p>
    <div class="comment-body">${plainText(comment.body)}</div>
  </li>`,
  )}</ol>
  ${total === 0 ? html`<p class="who">No comments yet.</p>` : ''}
</section>`;
}

function details(request: PageRequest, issue: IssueAnswer, links: readonly RemoteLinkAnswer[]): Markup {
  const { fields } = issue;
  return html`<dl class="details">
      <dt>Key</dt><dd>${issue.key}</dd>
      <dt>Type</dt><dd>${fields.issuetype?.name ?? ''}</dd>
      <dt>Status</dt><dd>${lozenge(fields.status)}</dd>
      <dt>Reporter</dt><dd>${fields.reporter?.displayName ?? 'None'}</dd>
      <dt>Fix versions</dt><dd>${fields.fixVersions?.length ? fields.fixVersions.map((v) => html`<span class="version">${v.name}${v.released ? ' (released)' : html` · <span class="who">${humanDate(v.releaseDate)}</span>`}</span>`) : 'None'}</dd>
      <dt>Created</dt><dd>${humanTime(fields.created, request.now)}</dd>
      <dt>Updated</dt><dd>${humanTime(fields.updated, request.now)}</dd>
    </dl>
    ${links.length > 0
      ? html`<h2>Links</h2><ul class="plain-list">${links.map((link) => html`<li>${isWebUrl(link.object.url) ? html`<a href="${link.object.url}" rel="noopener noreferrer">${link.object.title}</a>` : link.object.title} <span class="who">${link.relationship ?? link.application?.name ?? ''}</span></li>`)}</ul>`
      : ''}`;
}

/** `/browse/{issueKey}`: the issue with its transitions, description, attachments, the app's panels, its comments and the app's issue context. */
export async function issuePage(runtime: ForgeRuntime, request: PageRequest, issueKey: string): Promise<Page> {
  const key = encodeURIComponent(issueKey);
  const as = request.user.accountId;
  const issue = await runtime.site.getJson<IssueAnswer>(`/rest/api/3/issue/${key}?fields=summary,description,status,project,reporter,issuetype,created,updated,fixVersions,attachment`, as);
  const [{ transitions }, commentPage, links] = await Promise.all([
    runtime.site.getJson<{ transitions: { id: string; name: string; to?: { name: string } }[] }>(`/rest/api/3/issue/${key}/transitions`, as),
    runtime.site.getJson<{ comments: CommentAnswer[]; total: number }>(`/rest/api/3/issue/${key}/comment?orderBy=-created&maxResults=${COMMENTS_SHOWN}`, as),
    runtime.site.getJson<RemoteLinkAnswer[]>(`/rest/api/3/issue/${key}/remotelink`, as),
  ]);
  const modules = [...runtime.manifest.modules.values()];
  const panels = modules.filter((m) => m.type === 'jira:issuePanel' && m.resource);
  const contexts = modules.filter((m) => m.type === 'jira:issueContext' && m.resource);
  const project = issue.fields.project;
  const attachments = issue.fields.attachment ?? [];
  return {
    status: 200,
    title: `${issue.key} ${issue.fields.summary ?? ''}`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a> / ${project ? html`${project.name} / ` : ''}${issue.key}</nav>
<div class="issue-layout">
  <section class="issue-main">
    <h1>${issue.fields.summary ?? issue.key}</h1>
    <div class="transitions" role="group" aria-label="Workflow transitions">
      ${lozenge(issue.fields.status)}
      ${transitions.map((t) => html`<button type="button" data-issue-key="${issue.key}" data-transition-id="${t.id}" data-transition-name="${t.name}">${t.name}${t.to ? html` → ${t.to.name}` : ''}</button>`)}
    </div>
    <p id="transition-error" class="message" role="alert" tabindex="-1" hidden></p>
    ${issue.fields.description ? html`<section class="description" aria-label="Description"><h2>Description</h2>${plainText(issue.fields.description)}</section>` : ''}
    ${attachments.length > 0
      ? html`<section aria-labelledby="attachments-title"><h2 id="attachments-title">Attachments</h2><ul class="plain-list">${attachments.map(
          (a) => html`<li><a href="${new URL(a.content).pathname}">${a.filename}</a> <span class="who">${sizeOf(a.size)} · ${a.author?.displayName ?? ''} · ${humanTime(a.created, request.now)}</span></li>`,
        )}</ul></section>`
      : ''}
    ${panels.map(
      (m) => html`<section class="app-panel" aria-label="${m.title}">
      <h2>${m.title}</h2>
      <iframe class="forge-frame" title="${m.title}" src="${frameUrl(request.frameOrigin, m.resource ?? '', { moduleKey: m.key, target: { issueKey: issue.key } })}"></iframe>
    </section>`,
    )}
    ${comments(request, issue.key, commentPage.comments, commentPage.total)}
  </section>
  <aside>
    ${contexts.map(
      // Collapsed, as Jira shows an issue context: page.js creates the frame when the user opens it (or left it open).
      (m) => html`<details class="app-panel issue-context" data-module-key="${m.key}" data-account-id="${as}" data-frame-title="${m.title}" data-frame-src="${frameUrl(request.frameOrigin, m.resource ?? '', { moduleKey: m.key, target: { issueKey: issue.key } })}">
      <summary>${m.title}</summary>
    </details>`,
    )}
    ${details(request, issue, links)}
    ${project ? projectLinks(project.key) : ''}
  </aside>
</div>`,
  };
}
