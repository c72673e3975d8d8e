import type { ChangeRequest } from '../gate/provider-refs';
import { issueKeysOf } from '../gate/ticket-keys';
import type { RemoteLinkLookup } from '../ports';

/**
 * The Jira tickets a merge request may be for, most explicit first: tickets with a remote link to it, then issue keys
 * in its title, then in its source branch. Only keys of the given projects (the gated ones) are kept; the caller takes
 * the first that is a gated ticket it can see.
 *
 * @example
 * await ticketCandidates({ title: 'Enable GA', sourceBranch: 'SKU-3-ga', url, ... }, remoteLinks, ['SKU']) // ['SKU-3']
 */
export async function ticketCandidates(change: ChangeRequest, remoteLinks: RemoteLinkLookup, projectKeys: readonly string[]): Promise<string[]> {
  const projectOf = (key: string): string => key.slice(0, key.lastIndexOf('-'));
  const linked = (await remoteLinks.issuesLinkedTo(change.url)).filter((key) => projectKeys.includes(projectOf(key)));
  return [...new Set([...linked, ...issueKeysOf(change, projectKeys)])];
}
