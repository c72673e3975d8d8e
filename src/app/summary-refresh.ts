import { canonicalJson } from '../gate/digest';
import { SUMMARY_PROPERTY } from '../gate/records';
import { lapseEventsOf } from '../gate/review-lapses';
import type { GateSummary } from '../gate/summary';
import type { GateFacts } from '../gate/v2/evaluate';
import type { GateConfigV2 } from '../gate/v2/config';
import { deriveSummary } from '../gate/summary';
import type { PanelPorts, ReviewHistory } from '../ports';
import { gateFactsOf, withTicketFields } from './gate-facts';
import type { StoredRules } from './stored-rules';
import type { VerifiedIssue } from './verified-issue';
import { readIssueState, verifyIssue } from './verified-issue';
import { customFieldIdsOf } from '../gate/v2/ticket';

/**
 * Rounds of write-then-verify before giving up. A round repeats only when another writer on the same issue wrote a
 * summary (or a record mirror) from an older read; with every team deciding at once that settles within a few rounds.
 */
export const MAX_SUMMARY_ROUNDS = 8;

/** The record this request just wrote: its property key and the sequence of its head. */
export interface OwnWrite {
  readonly propertyKey: string;
  readonly seq: number;
}

/**
 * Whether a stored summary says what `expected` says. `updated` is the deriving caller's clock, so two writers never
 * agree on it: compare everything else.
 *
 * @example
 * sameSummary(issue.properties['golive-gate.summary'], deriveSummary(facts, snapshot, now)) // false once an approval expired
 */
export function sameSummary(stored: unknown, expected: GateSummary): boolean {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return false;
  return canonicalJson({ ...stored, updated: undefined }) === canonicalJson({ ...expected, updated: undefined });
}

/**
 * The record to put on the issue again when the property of the key this request wrote does not hold its head: a
 * concurrent writer's older PUT landed after ours, or a newer head's writer has not written its mirror yet. Only that
 * key, and only a head at least as new as ours: other keys are never "repaired" behind their writers' backs.
 */
function mirrorToRewrite(configV2: GateConfigV2, state: VerifiedIssue, own: OwnWrite | undefined): unknown {
  if (own === undefined) return undefined;
  const head = state.heads[own.propertyKey];
  if (head === undefined || head.seq < own.seq || head.record === undefined) return undefined;
  // Judged by model v2's reading: v1's view cannot read v2's records (per-stage decisions, typed answers) and would
  // rewrite a mirror that already matches its head on every round.
  return gateFactsOf(configV2, state).records.unverified.some((u) => u.propertyKey === own.propertyKey) ? head.record : undefined;
}

/**
 * Records in the review history each approval of the ticket that no longer counts (gone stale or expired), before the
 * summary that shows it is written: a failure leaves the summary behind, so the next refresh notices it again. Each
 * lapse is stored once under the approval's id (a later store of it changes nothing), so this is safe on every round,
 * retry and hourly run; it costs one KVS write per lapsed approval, only when the summary changes.
 */
async function recordLapses(history: ReviewHistory | undefined, facts: GateFacts, state: VerifiedIssue, now: Date): Promise<void> {
  if (history === undefined) return;
  const context = { projectId: state.issue.projectId, facts, seqOf: (key: string) => state.heads[key]?.seq ?? 0 };
  for (const event of lapseEventsOf(context, now)) await history.append(event);
}

/**
 * Brings the issue up to date after a write: derive `golive-gate.summary` from `state` by gate model v2's rules on the stored configuration (`rules.configV2`; `rules.config`, its v1 view, still verifies the issue for the callers), write it if it differs, then
 * re-read the issue and heads and check that the stored summary matches what the records now say; a concurrent writer
 * may have written a summary derived from an older read, so derive again and rewrite, at most MAX_SUMMARY_ROUNDS times.
 * With `own`, each round also converges the mirror of the record just written: when its property does not hold the
 * newest head, the head's record is written again. Every writer checks after its own writes, so the last one leaves a
 * summary and mirrors that match. Answers the freshest state read, verified once, which the caller reuses. Approvals that no longer count are recorded in the review history first
 * (recordLapses).
 *
 * @example
 * const fresh = await refreshSummary(ports, stored, verified, now, { propertyKey: 'golive-gate.team.cee', seq: 4 });
 */
export async function refreshSummary(
  ports: Pick<PanelPorts, 'issues' | 'records' | 'history'>,
  rules: Pick<StoredRules, 'config' | 'configV2'>,
  state: VerifiedIssue,
  now: Date,
  own?: OwnWrite,
): Promise<VerifiedIssue> {
  const { config, configV2 } = rules;
  const expectedOf = (verified: VerifiedIssue): GateSummary => deriveSummary(gateFactsOf(configV2, verified), verified.snapshot, now);
  // A caller that read the issue before it knew the configuration has no custom field values yet: the summary needs them.
  let current: VerifiedIssue = { ...state, issue: await withTicketFields(ports, configV2, state.issue) };
  for (let round = 0; round < MAX_SUMMARY_ROUNDS; round++) {
    const facts = gateFactsOf(configV2, current);
    const expected = deriveSummary(facts, current.snapshot, now);
    if (!sameSummary(current.issue.properties[SUMMARY_PROPERTY], expected)) {
      await recordLapses(ports.history, facts, current, now);
      await ports.issues.putProperty(current.issue.id, SUMMARY_PROPERTY, expected);
    }
    const fresh = await readIssueState(ports, current.issue.id, customFieldIdsOf(configV2));
    // The linked tickets read for this request stand: a write here changes none of them.
    current = verifyIssue(config, { ...fresh.issue, linkedTickets: current.issue.linkedTickets }, fresh.heads);
    const mirror = mirrorToRewrite(configV2, current, own);
    if (mirror !== undefined && own !== undefined) {
      await ports.issues.putProperty(current.issue.id, own.propertyKey, mirror);
      // Derive the next summary from the issue as it now is; the next round's read checks both.
      const issue = { ...current.issue, properties: { ...current.issue.properties, [own.propertyKey]: mirror } };
      current = verifyIssue(config, issue, current.heads);
      continue;
    }
    if (sameSummary(current.issue.properties[SUMMARY_PROPERTY], expectedOf(current))) return current;
  }
  // The records are written and verified independently; only the JQL summary lags, until the next write on the issue.
  console.warn(`Go-Live Gate: the summary of issue ${current.issue.key} did not settle after ${MAX_SUMMARY_ROUNDS} rounds`);
  return current;
}
