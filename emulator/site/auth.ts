import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Principal, SiteUser } from './context';
import type { SiteStore } from './store';

/** The cookie the site's pages use for the signed-in user (set by the user chooser or a Basic login). */
export const USER_COOKIE = 'site-user';

/**
 * Who is calling, from the request's credentials:
 * - `Authorization: Basic email:api-token`: that user (any active demo user's token is `demo`);
 * - `Authorization: Forge <appSecret>`: the app, or with `X-Forge-Principal: <accountId>` that user (asUser);
 * - no Authorization header: the `site-user` cookie of the pages.
 * undefined when the credentials are missing or wrong (an Authorization header never falls back to the cookie).
 *
 * @example
 * const authenticate = createAuthenticator(store, appSecret);
 * authenticate(req) // { accountId: 'acc-pm', ... } | 'app' | undefined
 */
export function createAuthenticator(store: SiteStore, appSecret: string): (req: IncomingMessage) => Principal | undefined {
  const secret = Buffer.from(appSecret);
  return (req) => {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const [scheme = '', credentials = ''] = authorization.split(/\s+/, 2);
      if (scheme.toLowerCase() === 'basic') return basicUser(store, credentials);
      if (scheme === 'Forge' && safeEqual(Buffer.from(credentials), secret)) {
        const principal = req.headers['x-forge-principal'];
        if (principal === undefined) return 'app';
        return typeof principal === 'string' ? siteUser(store, principal) : undefined;
      }
      return undefined;
    }
    const cookie = new RegExp(`(?:^|;\\s*)${USER_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
    if (cookie?.[1] === undefined) return undefined;
    try {
      return siteUser(store, decodeURIComponent(cookie[1]));
    } catch {
      return undefined;
    }
  };
}

/** An active user with their group names; undefined for an unknown or deactivated account. */
export function siteUser(store: SiteStore, accountId: string): SiteUser | undefined {
  const row = store.userById(accountId);
  if (!row || row.active !== 1) return undefined;
  return { accountId: row.account_id, emailAddress: row.email, displayName: row.display_name, groups: store.groupsOf(row.account_id).map((group) => group.name) };
}

function basicUser(store: SiteStore, credentials: string): SiteUser | undefined {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? undefined : store.userByEmail(decoded.slice(0, colon));
  if (!user || !safeEqual(Buffer.from(user.api_token), Buffer.from(decoded.slice(colon + 1)))) return undefined;
  return siteUser(store, user.account_id);
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
