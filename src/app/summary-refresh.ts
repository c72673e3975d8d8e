import type { GateConfig } from '../gate/config';
import { canonicalJson } from '../gate/digest';
import { SUMMARY_PROPERTY } from '../gate/records';
import type { GateSummary } from '../gate/summary';
import { deriveSummary } from '../gate/summary';
import type { IssueView, PanelPorts } from '../ports';
import { snapshotOf } from './issue-context';

/**
 * Rounds of write-then-verify before giving up. A round repeats only when another decider on the same issue wrote a
 * summary from an older read; with every team deciding at once that settles within a few rounds.
 */
export const MAX_SUMMARY_ROUNDS = 8;

export interface IssueState {
  readonly issue: IssueView;
  readonly digests: Readonly<Record<string, string>>;
}

/** `updated` is the deriving caller's clock, so two deciders never agree on it: compare everything else. */
function sameSummary(stored: unknown, expected: GateSummary): boolean {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return false;
  return canonicalJson({ ...stored, updated: undefined }) === canonicalJson({ ...expected, updated: undefined });
}

/**
 * Brings `golive-gate.summary` up to date after a write: derive it from `state`, write it if it differs, then re-read the
 * issue and digests and check that the stored summary matches what the records now say. A concurrent decider may have
 * written a summary derived from an older read; then derive again from the fresh read and rewrite, at most
 * MAX_SUMMARY_ROUNDS times. Every writer verifies after its own write, so the last one leaves a summary that matches.
 * Returns the freshest state read, which the caller reuses for its answer.
 *
 * @example
 * const fresh = await refreshSummary(ports, config, { issue, digests }, now);
 */
export async function refreshSummary(
  ports: Pick<PanelPorts, 'issues' | 'digests'>,
  config: GateConfig,
  state: IssueState,
  now: Date,
): Promise<IssueState> {
  let current = state;
  for (let round = 0; round < MAX_SUMMARY_ROUNDS; round++) {
    const expected = deriveSummary(config, snapshotOf(current.issue, current.digests), now);
    if (!sameSummary(current.issue.properties[SUMMARY_PROPERTY], expected)) {
      await ports.issues.putProperty(current.issue.id, SUMMARY_PROPERTY, expected);
    }
    const [issue, digests] = await Promise.all([ports.issues.getIssue(current.issue.id), ports.digests.getAll(current.issue.id)]);
    current = { issue, digests };
    if (sameSummary(issue.properties[SUMMARY_PROPERTY], deriveSummary(config, snapshotOf(issue, digests), now))) return current;
  }
  // The records are written and verified independently; only the JQL summary lags, until the next write on the issue.
  console.warn(`Go-Live Gate: the summary of issue ${current.issue.key} did not settle after ${MAX_SUMMARY_ROUNDS} rounds`);
  return current;
}
