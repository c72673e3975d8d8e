import type { ForgeRuntime } from '../../runtime/forge-runtime';
import type { Markup, Theme } from '../html';
import { html } from '../html';
import type { HostUser } from '../host-site';

/** Everything a page needs about who is looking, where and when. */
export interface PageRequest {
  readonly user: HostUser;
  readonly theme: Theme;
  /** The path of the page, for the forms that come back to it. */
  readonly path: string;
  /** The site clock, for how old things are. */
  readonly now: number;
  /** Where the page's app frames come from: the Custom UI CDN's origin, another site than the page's (origins.ts). */
  readonly frameOrigin: string;
}

export interface Page {
  readonly status: number;
  readonly title: string;
  readonly body: Markup;
  /** Extra response headers (the login challenge). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StatusField {
  name: string;
  statusCategory?: { key: string };
}

/** A status as Jira shows it: a lozenge coloured by its category. */
export const lozenge = (status: StatusField | undefined): Markup => html`<span class="lozenge ${status?.statusCategory?.key ?? 'new'}">${status?.name ?? 'Unknown'}</span>`;

/** A page that only says what went wrong. */
export function messagePage(status: number, title: string, text: string): Page {
  return { status, title, body: html`<h1>${title}</h1><p class="message" role="alert">${text}</p><p><a href="/">Back to projects and issues</a></p>` };
}

/** The project's pages, as in Jira's project sidebar. */
export function projectLinks(projectKey: string): Markup {
  return html`<nav class="project-links" aria-label="Project ${projectKey}"><a href="/projects/${projectKey}/reviews">Reviews</a><a href="/projects/${projectKey}/settings">Project settings</a><a href="/projects/${projectKey}/workflow">Workflow</a></nav>`;
}

/** Whether the user administers the project (Jira's ADMINISTER_PROJECTS), asked of the site's REST as them. */
export async function isProjectAdmin(runtime: ForgeRuntime, accountId: string, projectKey: string): Promise<boolean> {
  const query = new URLSearchParams({ projectKey, permissions: 'ADMINISTER_PROJECTS' });
  const answer = await runtime.site.getJson<{ permissions: Record<string, { havePermission: boolean }> }>(`/rest/api/3/mypermissions?${query.toString()}`, accountId);
  return answer.permissions['ADMINISTER_PROJECTS']?.havePermission === true;
}
