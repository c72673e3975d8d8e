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
      // Names are a nicety: without them the UI shows account ids.
    }
    for (const id of batch) if (!known.has(id)) failed.add(id);
  }
}

/**
 * Display names for account ids, looked up in Jira once per page; until (or unless) they arrive, the id itself.
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
  return (accountId) => known.get(accountId) ?? accountId;
}
