import type { RunningSite } from './site';

/** A fault rule for the site's fault injection (`POST /__site/faults`; see emulator/faults.ts). */
export interface Fault {
  readonly target: 'jira' | 'kvs';
  readonly match?: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly delayMs?: number;
  /** KVS only: the caller gets `status` (503) at once, and the write is applied this much later all the same. */
  readonly lateMs?: number;
  /** Matching requests let through before the fault applies. */
  readonly skip?: number;
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

/** Resolves once every late KVS write planned so far (`lateMs`) has landed. */
export async function lateWritesLanded(site: RunningSite): Promise<void> {
  const response = await fetch(`${site.url}/__site/faults/settle`, { method: 'POST', headers: { authorization: `Forge ${site.appSecret}` } });
  if (response.status !== 204) throw new Error(`POST /__site/faults/settle answered ${response.status}`);
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
