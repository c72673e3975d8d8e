import type { ForgeRuntime } from '../../runtime/forge-runtime';
import { html } from '../html';
import type { HostSite } from '../host-site';
import type { Page, PageRequest, StatusField } from './page';
import { lozenge, projectLinks } from './page';

interface IssueAnswer {
  key: string;
  fields: { summary?: string; status?: StatusField };
}

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
  <div class="table-scroll"><table>
    <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th></tr></thead>
    <tbody>${project.issues.map((issue) => html`<tr><td><a href="/browse/${issue.key}">${issue.key}</a></td><td>${issue.fields.summary ?? ''}</td><td>${lozenge(issue.fields.status)}</td></tr>`)}</tbody>
  </table></div>
  ${project.issues.length === 0 ? html`<p>No issues yet: <strong>Create</strong> in the header makes one.</p>` : ''}
</section>`,
)}
${projects.length === 0 ? html`<p>No projects yet.</p>` : ''}`,
  };
}
