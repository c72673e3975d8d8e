import type { Verdict } from './verdict';

/** A release deadline the ticket has not met yet: when the stage freezes, and what the stage still misses. */
export interface OpenDeadline {
  /** The freeze's start (ISO). */
  readonly at: string;
  /** The stage's `missing`, in the verdict's own words ("SRE-P", "capacity not recorded", "frozen since 2026-04-01"). */
  readonly missing: readonly string[];
}

/**
 * The stages whose release deadline is still open: a freeze for the ticket's release, no exception that counts, and the
 * stage not allowed. A stage that passed (or was overridden) or got an exception has met its deadline.
 *
 * @example
 * openDeadlines(evaluateAll(config, snapshot, now))
 * // { 'promote-to-prod': { at: '2026-04-01T00:00:00.000Z', missing: ['SRE-P', 'capacity not recorded'] } }
 */
export function openDeadlines(verdicts: readonly Pick<Verdict, 'stage' | 'freeze' | 'exception' | 'allowed' | 'missing'>[]): Record<string, OpenDeadline> {
  return Object.fromEntries(
    verdicts.flatMap((v) => (v.freeze === undefined || v.exception !== undefined || v.allowed ? [] : [[v.stage, { at: v.freeze.deadline, missing: v.missing }] as const])),
  );
}

/**
 * The earliest open deadline, for JQL (`goLiveGateNextDeadline <= 14d`); undefined when none is open.
 *
 * @example
 * nextDeadline({ 'go-live': { at: '2026-04-08T00:00:00.000Z', missing: [] }, 'promote-to-prod': { at: '2026-04-01T00:00:00.000Z', missing: [] } })
 * // '2026-04-01T00:00:00.000Z'
 */
export function nextDeadline(deadlines: Readonly<Record<string, OpenDeadline>>): string | undefined {
  return Object.values(deadlines).map((d) => d.at).sort()[0];
}
