import type { GateConfig } from './config';
import type { Verdict } from './verdict';

const DAY_MS = 86_400_000;

/**
 * A time as Jira indexes dates in an entity property (`YYYY-MM-DDThh:mm:ssTZ`, no fractional seconds).
 *
 * @example
 * indexedDate(new Date('2026-03-01T10:00:00.250Z')) // '2026-03-01T10:00:00Z'
 */
export const indexedDate = (time: Date): string => time.toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Whether a configuration has rules whose outcome changes with time alone (approval lifetimes, freezes), so the
 * scheduled refresh must look at its tickets.
 *
 * @example
 * hasTimedRules({ ...config, stages: [{ ...stage, approvalLifetimeDays: 30 }] }) // true
 */
export function hasTimedRules(config: GateConfig): boolean {
  return config.stages.some((stage) => stage.approvalLifetimeDays !== undefined || stage.freeze !== undefined);
}

/**
 * The first moment after `now` at which some stage's verdict changes although nobody writes: an approval that counts
 * now reaching its stage's lifetime, or a stage's freeze beginning. Rounded up to the next whole second, so that at that moment the change has
 * happened (an approval is expired once `now` is after its end). Undefined when nothing on the ticket changes with time.
 *
 * @example
 * nextVerdictChange(config, evaluateAll(config, snapshot, now), now)
 * // 2026-03-31T09:12:01.000Z: CEE's approval of 2026-03-01T09:12:00.5Z counts for 30 days at Go live
 */
export function nextVerdictChange(config: GateConfig, verdicts: readonly Verdict[], now: Date): Date | undefined {
  let next: number | undefined;
  for (const verdict of verdicts) {
    const days = config.stages.find((stage) => stage.key === verdict.stage)?.approvalLifetimeDays;
    for (const team of verdict.teams) {
      if (days === undefined || team.state !== 'approved' || team.decision === undefined) continue;
      const ends = Date.parse(team.decision.at) + days * DAY_MS;
      if (!Number.isFinite(ends) || ends < now.getTime()) continue;
      const changes = Math.floor(ends / 1000) * 1000 + 1000;
      if (next === undefined || changes < next) next = changes;
    }
    // A freeze that has not begun starts at its deadline (whole seconds already).
    const freezeAt = verdict.freeze !== undefined && !verdict.freeze.frozen ? Date.parse(verdict.freeze.deadline) : Number.NaN;
    if (Number.isFinite(freezeAt) && freezeAt > now.getTime() && (next === undefined || freezeAt < next)) next = freezeAt;
  }
  return next === undefined ? undefined : new Date(next);
}
