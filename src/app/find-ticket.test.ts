import type { IssueSearch, RemoteLink, RemoteLinks, SearchRequest } from '../ports';
import { isLinkTo } from '../gate/remote-links';
import { linkCandidatesJql, linkedTicket, MAX_LINK_CANDIDATES } from './find-ticket';

const MR = 'https://gitlab.example.com/acme/addon-operator/-/merge_requests/12';

/** The project's gated tickets, most recently updated first, with their remote links; counts what Jira is asked. */
function jira(tickets: Record<string, RemoteLink[]>) {
  const asked = { searches: [] as SearchRequest[], links: [] as string[] };
  const search: IssueSearch = { search: (request) => Promise.resolve(void asked.searches.push(request)).then(() => ({ issues: Object.keys(tickets).map((key) => ({ key, fields: {} })) })) };
  const remoteLinks: RemoteLinks = { linksOf: (key) => Promise.resolve(void asked.links.push(key)).then(() => tickets[key] ?? []) };
  return { ports: { search, remoteLinks }, asked };
}

describe('linkedTicket', () => {
  it('finds the gated ticket with a remote link to the merge request, by its address or its global id', async () => {
    const site = jira({ 'SKU-9': [{ url: 'https://example.com/runbook' }], 'SKU-3': [{ url: `${MR}/` }] });
    expect(await linkedTicket(site.ports, '10000', MR)).toBe('SKU-3');
    expect(site.asked.searches).toEqual([{ jql: linkCandidatesJql('10000'), fields: [], properties: [], maxResults: MAX_LINK_CANDIDATES }]);
    expect(await linkedTicket(jira({ 'SKU-4': [{ globalId: MR }] }).ports, '10000', MR)).toBe('SKU-4');
  });

  it('answers no ticket when none links to it, and reads the links of a batch at a time, stopping at the first batch with a link', async () => {
    expect(await linkedTicket(jira({ 'SKU-1': [{ url: `${MR}0` }] }).ports, '10000', MR)).toBeUndefined();
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`SKU-${i + 1}`, i === 2 ? [{ url: MR }] : []]));
    const site = jira(many);
    expect(await linkedTicket(site.ports, '10000', MR)).toBe('SKU-3');
    expect(site.asked.links).toHaveLength(8);
  });

  it('refuses a project id that is not a number before searching', () => {
    expect(() => linkCandidatesJql('10000 OR project = OPS')).toThrow('is not a Jira project id');
  });
});

describe('isLinkTo', () => {
  it.each([
    [{ url: MR }, true],
    [{ url: 'HTTPS://GITLAB.EXAMPLE.COM/acme/addon-operator/-/merge_requests/12#note_1' }, true],
    [{ url: `${MR}//` }, true],
    [{ url: `${MR}0` }, false],
    [{ url: 'https://gitlab.example.com/ACME/addon-operator/-/merge_requests/12' }, false],
    [{ globalId: 'system=gitlab&id=12' }, false],
    [{}, false],
    [{ url: 'javascript:alert(1)' }, false],
  ])('%j links to the merge request: %s', (link, linked) => {
    expect(isLinkTo(link, MR)).toBe(linked);
  });
});
