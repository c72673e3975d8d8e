import { hasTimedRules } from '../gate/next-change';
import { SUMMARY_PROPERTY } from '../gate/records';
import type { RefreshProgress } from '../gate/refresh-progress';
import { deriveSummary } from '../gate/summary';
import { gateFactsOf } from './gate-facts';
import type { StoredRules } from './stored-rules';
import { storedRules } from './stored-rules';
import { NotFoundError, ValidationError } from '../errors';
import type { RefreshPorts } from '../ports';
import { PAGE_SIZE } from './search-gated-tickets';
import { refreshSummary, sameSummary } from './summary-refresh';
import { readIssueStateByKey, verifyIssue } from './verified-issue';
import { customFieldIdsOf } from '../gate/v2/ticket';
import { withLinkedTickets } from './linked-tickets';

/**
 * Time kept in hand when the run stops taking tickets: one more ticket's reads and writes with their retries (the Jira
 * and KVS adapters give up within about 15 s) and the write of the cursor, well inside Forge's limit.
 */
export const STOP_MARGIN_MS = 60_000;
/** Tickets recomputed at once: a few, so the run is quick without bursting Jira's rate limit. */
const CONCURRENCY = 4;

export type RefreshPhase = 'sweep' | 'due';

export interface RefreshOutcome {
  /** False when the run stopped for time: the cursor in KVS says where the next run carries on. */
  readonly finished: boolean;
  readonly searches: number;
  /** Tickets read and recomputed from their verified records. */
  readonly checked: number;
  /** Tickets whose summary changed and was written. */
  readonly rewritten: number;
  /** Tickets that could not be recomputed (left for the next run), with why. */
  readonly failed: readonly { readonly key: string; readonly error: string }[];
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

/**
 * The JQL of one page of the refresh, in key order after `afterKey`: `sweep` finds every gated ticket of the project,
 * `due` those whose summary says a verdict has changed by now, and those whose summary predates `openItems` (session
 * 8), so every summary gains it once without a stored marker. Paging by key rather than by a page token: the tickets
 * rewritten leave the `due` results, which would shift any offset.
 *
 * @example
 * refreshJql('10000', 'due', 'SKU-120')
 * // 'project = 10000 AND (goLiveGateNextChange <= now() OR (issue.property[golive-gate.summary].status IS NOT EMPTY AND goLiveGateOpenItems IS EMPTY)) AND key > "SKU-120" ORDER BY key ASC'
 */
export function refreshJql(projectId: string, phase: RefreshPhase, afterKey?: string): string {
  if (!/^\d+$/.test(projectId)) throw new ValidationError(`"${projectId}" is not a Jira project id.`);
  if (afterKey !== undefined && !ISSUE_KEY.test(afterKey)) throw new ValidationError(`"${afterKey}" is not a Jira issue key.`);
  const gated = `issue.property[${SUMMARY_PROPERTY}].status IS NOT EMPTY`;
  const which = phase === 'sweep' ? gated : `(goLiveGateNextChange <= now() OR (${gated} AND goLiveGateOpenItems IS EMPTY))`;
  return `project = ${projectId} AND ${which}${afterKey === undefined ? '' : ` AND key > "${afterKey}"`} ORDER BY key ASC`;
}

type TicketResult = { readonly key: string; readonly rewritten: boolean } | { readonly key: string; readonly error: string };

/**
 * Recomputes one ticket from its verified records, as the validator would now, and rewrites its summary only when
 * it changed (then re-reads to converge with concurrent writers, as every write does). A ticket deleted or moved to
 * another project since the search is left alone.
 */
async function refreshTicket(ports: RefreshPorts, projectId: string, rules: StoredRules, key: string): Promise<TicketResult> {
  const { config } = rules;
  try {
    const { issue, heads } = await readIssueStateByKey(ports, key, customFieldIdsOf(rules.configV2));
    if (issue.projectId !== projectId) return { key, rewritten: false };
    const verified = verifyIssue(config, await withLinkedTickets(ports, config, issue), heads);
    const now = ports.clock.now();
    if (sameSummary(issue.properties[SUMMARY_PROPERTY], deriveSummary(gateFactsOf(rules.configV2, verified), verified.snapshot, now))) return { key, rewritten: false };
    await refreshSummary(ports, rules, verified, now);
    return { key, rewritten: true };
  } catch (error) {
    if (error instanceof NotFoundError) return { key, rewritten: false };
    return { key, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/**
 * The project where a scheduled run starts: the cursor's (`at`), or the first after it when that project is no longer
 * gated; the first without a cursor. `projectIds` sorted.
 *
 * @example
 * startIndex(['10000', '10001', '10002'], '10001') // 1
 */
export function startIndex(projectIds: readonly string[], at: string | undefined): number {
  if (at === undefined) return 0;
  const index = projectIds.findIndex((id) => id >= at);
  return index === -1 ? projectIds.length : index;
}

/**
 * The hourly refresh: for every gated project, finds with JQL the tickets whose verdict has changed with time alone
 * (`goLiveGateNextChange <= now()`: an approval expired), recomputes each from its verified records and rewrites the
 * summary when it changed, so JQL and the reviews queue turn without anyone acting. A project whose configuration has
 * timed rules is swept once per configuration version (every gated ticket), which also gives summaries written before
 * `nextChange` existed their date. One search per 100 tickets; the cursor is saved after every page, and the run stops
 * taking tickets STOP_MARGIN_MS before its deadline, leaving the cursor for the next run.
 *
 * @example
 * const outcome = await runScheduledRefresh(ports);
 * // { finished: true, searches: 3, checked: 212, rewritten: 37, failed: [] }
 */
export async function runScheduledRefresh(ports: RefreshPorts): Promise<RefreshOutcome> {
  let progress = await ports.progress.read();
  const projects = [...(await ports.projects.listAll())].sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
  const counts = { searches: 0, checked: 0, rewritten: 0 };
  const failed: { key: string; error: string }[] = [];
  const outOfTime = (): boolean => ports.budget.remainingMs() < STOP_MARGIN_MS;
  const stop = async (cursor: NonNullable<RefreshProgress['cursor']>): Promise<RefreshOutcome> => {
    await ports.progress.write({ ...progress, cursor });
    return { finished: false, ...counts, failed };
  };

  for (let p = startIndex(projects.map((entry) => entry.projectId), progress.cursor?.projectId); p < projects.length; p++) {
    const entry = projects[p];
    if (entry === undefined) continue;
    const { projectId, stored } = entry;
    const rules = storedRules(stored);
    const config = rules.configV2;
    const resumed = progress.cursor?.projectId === projectId ? progress.cursor : undefined;
    const phase: RefreshPhase = resumed?.phase ?? (hasTimedRules(config) && progress.swept[projectId] !== config.version ? 'sweep' : 'due');
    let afterKey = resumed?.afterKey;
    for (;;) {
      if (outOfTime()) return stop({ projectId, phase, ...(afterKey !== undefined && { afterKey }) });
      const page = await ports.search.search({ jql: refreshJql(projectId, phase, afterKey), fields: [], properties: [], maxResults: PAGE_SIZE });
      counts.searches++;
      const keys = page.issues.map((issue) => issue.key);
      for (let start = 0; start < keys.length; start += CONCURRENCY) {
        if (outOfTime()) return stop({ projectId, phase, ...(afterKey !== undefined && { afterKey }) });
        const results = await Promise.all(keys.slice(start, start + CONCURRENCY).map((key) => refreshTicket(ports, projectId, rules, key)));
        for (const result of results) {
          counts.checked++;
          if ('error' in result) failed.push(result);
          else if (result.rewritten) counts.rewritten++;
          afterKey = result.key;
        }
      }
      if (page.nextPageToken === undefined || keys.length === 0) break;
      progress = { ...progress, cursor: { projectId, phase, ...(afterKey !== undefined && { afterKey }) } };
      await ports.progress.write(progress);
    }
    const swept = phase === 'sweep' ? { ...progress.swept, [projectId]: config.version } : progress.swept;
    progress = { swept };
  }
  await ports.progress.write(progress);
  return { finished: true, ...counts, failed };
}
