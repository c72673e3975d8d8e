import { useEffect, useState } from 'react';
import { z } from 'zod/mini';
import { getJira } from './bridge';

/** Jira's GET /rest/api/3/user/bulk answer (PageBeanUser), only what the UI shows. */
const UserPage = z.object({ values: z.array(z.object({ accountId: z.string(), displayName: z.string() })) });

/** At most this many account ids per request (Jira's URL-length-safe batch). */
const BATCH = 50;

/** Names already looked up in this page, and ids whose lookup failed (not asked again). */
const known = new Map<string, string>();
const failed = new Set<string>();

async function lookUp(accountIds: readonly string[]): Promise<void> {
  for (let start = 0; start < accountIds.length; start += BATCH) {
    const batch = accountIds.slice(start, start + BATCH);
    const query = batch.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
    try {
      const parsed = UserPage.safeParse(await getJira(`/rest/api/3/user/bulk?maxResults=${BATCH}&${query}`));
      if (parsed.success) for (const user of parsed.data.values) known.set(user.accountId, user.displayName);
    } catch {
      // Without a name the UI says "Unknown user": an account id means nothing to a reader.
    }
    for (const id of batch) if (!known.has(id)) failed.add(id);
  }
}

/** What the UI shows for a person whose name is on its way, and for one Jira could not name. */
const NAME_LOADING = '…';
const NAME_UNKNOWN = 'Unknown user';

/**
 * Display names for account ids, looked up in Jira once per page; never the id itself, which means nothing to a
 * reader: "…" until the name arrives, "Unknown user" when Jira has none.
 * @example const nameOf = usePeople(['acc-cee']); nameOf('acc-cee') // "Cora CEE" once loaded
 */
export function usePeople(accountIds: readonly string[]): (accountId: string) => string {
  const [, setLoaded] = useState(0);
  const missing = [...new Set(accountIds)].filter((id) => !known.has(id) && !failed.has(id)).sort();
  const key = missing.join(',');
  useEffect(() => {
    if (key === '') return;
    let active = true;
    void lookUp(key.split(',')).then(() => {
      if (active) setLoaded((n) => n + 1);
    });
    return () => {
      active = false;
    };
  }, [key]);
  return (accountId) => known.get(accountId) ?? (failed.has(accountId) ? NAME_UNKNOWN : NAME_LOADING);
}
