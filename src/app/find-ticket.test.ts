import type { ChangeRequest } from '../gate/provider-refs';
import type { RemoteLinkLookup } from '../ports';
import { ticketCandidates } from './find-ticket';

const change: ChangeRequest = {
  ref: { repository: { provider: 'gitlab', projectId: 4242 }, number: 12 },
  title: 'Enable the add-on for general availability (SKU-5)',
  sourceBranch: 'SKU-3-ga',
  headSha: 'b5e3c1a9d7f2e4c6a8b0d2f4e6a8c0e2f4a6b8d0',
  url: 'https://gitlab.example.com/acme/addon-operator/-/merge_requests/12',
  state: 'open',
};
/** Remote links as Jira would answer for the merge request's address. */
const linksTo = (byUrl: Record<string, string[]>): RemoteLinkLookup & { asked: string[] } => {
  const asked: string[] = [];
  return { asked, issuesLinkedTo: (url) => Promise.resolve(void asked.push(url)).then(() => byUrl[url] ?? []) };
};

describe('ticketCandidates', () => {
  it('puts a ticket linked to the merge request first, then keys in the title, then in the branch, each once', async () => {
    const remoteLinks = linksTo({ [change.url]: ['SKU-9', 'SKU-3'] });
    expect(await ticketCandidates(change, remoteLinks, ['SKU'])).toEqual(['SKU-9', 'SKU-3', 'SKU-5']);
    expect(remoteLinks.asked).toEqual([change.url]);
  });

  it('keeps only tickets of the gated projects', async () => {
    expect(await ticketCandidates({ ...change, title: 'OPS-1 cleanup' }, linksTo({ [change.url]: ['OPS-7'] }), ['SKU'])).toEqual(['SKU-3']);
    expect(await ticketCandidates(change, linksTo({}), [])).toEqual([]);
  });
});
