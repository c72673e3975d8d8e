import type { RunningSite } from './site';

/** A fault rule for the site's fault injection (`POST /__site/faults`; see emulator/faults.ts). */
export interface Fault {
  readonly target: 'jira' | 'kvs';
  readonly match?: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly delayMs?: number;
  readonly times?: number;
}

/** Plans a fault on the site: the next matching requests fail as described. */
export async function injectFault(site: RunningSite, fault: Fault): Promise<void> {
  const response = await fetch(`${site.url}/__site/faults`, {
    method: 'POST',
    headers: { authorization: `Forge ${site.appSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (response.status !== 201) throw new Error(`POST /__site/faults answered ${response.status}: ${await response.text()}`);
}

export async function clearFaults(site: RunningSite): Promise<void> {
  await fetch(`${site.url}/__site/faults`, { method: 'DELETE', headers: { authorization: `Forge ${site.appSecret}` } });
}

/** How many requests of each kind the site served since `before` (metrics are cumulative). */
export function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [kind, n] of Object.entries(after)) {
    const used = n - (before[kind] ?? 0);
    if (used !== 0) changed[kind] = used;
  }
  return changed;
}
