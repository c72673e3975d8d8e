/** A ticket's remote link as Jira lists it: the linked address and, when the linking tool gave one, its global id. */
export interface LinkedAddress {
  readonly url?: string | undefined;
  readonly globalId?: string | undefined;
}

/** An address compared the way people paste it: scheme and host in any case, no fragment, no trailing slash. */
function normalized(address: string): string | undefined {
  try {
    const url = new URL(address.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.hash = '';
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return undefined;
  }
}

/**
 * Whether a remote link points at a merge or pull request: its address, or a global id that is the address (as tools
 * that link by URL set it), names the same page.
 *
 * @example
 * isLinkTo({ url: 'https://gitlab.example.com/acme/addon/-/merge_requests/12/' }, 'https://GITLAB.example.com/acme/addon/-/merge_requests/12') // true
 * isLinkTo({ url: 'https://gitlab.example.com/acme/addon/-/merge_requests/120' }, 'https://gitlab.example.com/acme/addon/-/merge_requests/12') // false
 */
export function isLinkTo(link: LinkedAddress, address: string): boolean {
  const target = normalized(address);
  if (target === undefined) return false;
  return [link.url, link.globalId].some((candidate) => candidate !== undefined && normalized(candidate) === target);
}
