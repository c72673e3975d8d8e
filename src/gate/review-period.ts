import type { TeamState } from './verdict';

/** The period the reviews page reports on. */
export interface Period {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

/** Whether a moment falls in the period (its end excluded). */
export const inPeriod = (at: Date, period: Period): boolean => at >= period.from && at < period.to;

/** Decision states: the team decided, whatever became of the decision since. Unverified records are not trusted. */
export const DECIDED_STATES: readonly TeamState[] = ['approved', 'declined', 'stale', 'expired'];
