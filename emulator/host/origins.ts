/**
 * Where the local site's pages and its Custom UI frames are served. In Jira the page is on the customer's site
 * (`*.atlassian.net`) and every Custom UI frame on Forge's CDN (`*.cdn.prod.atlassian-dev.net`): another site, so the
 * browser isolates the frame (its own process, no access to the page's DOM, cookies or storage) and the bridge can
 * only talk to the page by postMessage. The local site does the same with the two names of the loopback address:
 * the frames of a page on `127.0.0.1` come from `localhost` and those of a page on `localhost` from `127.0.0.1`, on the
 * CDN's own port. Two ports of one host would be another origin but the same site (cookies and process shared), so
 * the other name is what makes the frames cross-site (see docs/custom-ui-host.md).
 */
export interface SiteOrigins {
  /** The origin a page requested with `Host: pageHost` gets its app frames from. */
  frameOriginFor(pageHost: string | undefined): string;
  /** The origin of the page that embeds the frames requested with `Host: frameHost`. */
  pageOriginFor(frameHost: string | undefined): string;
  /** Both origins the site's pages may be on (what the frames' `frame-ancestors` allows). */
  readonly pageOrigins: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const;

/** The loopback name a Host header names, when it is one of the two (else undefined). */
function loopbackNameOf(host: string | undefined): (typeof LOOPBACK_NAMES)[number] | undefined {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_NAMES.find((candidate) => candidate === name);
}

/**
 * The origins of a site whose pages are on port `sitePort` and whose Custom UI CDN is on `cdnPort`.
 * @example crossSiteOrigins(8080, 8081).frameOriginFor('127.0.0.1:8080') // 'http://localhost:8081'
 */
export function crossSiteOrigins(sitePort: number, cdnPort: number): SiteOrigins {
  const other = (host: string | undefined): string => (loopbackNameOf(host) === 'localhost' ? '127.0.0.1' : 'localhost');
  return {
    frameOriginFor: (pageHost) => `http://${other(pageHost)}:${cdnPort}`,
    pageOriginFor: (frameHost) => `http://${other(frameHost)}:${sitePort}`,
    pageOrigins: LOOPBACK_NAMES.map((name) => `http://${name}:${sitePort}`),
  };
}
