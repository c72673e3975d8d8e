import type { FieldError, GateConfig, NumberSpec } from './config';
import { withUnit } from './number-rules';
import type { UsageRecord, UsageSource } from './records';

/**
 * Usage against commitments (seed 000): SRE agrees capacity and velocity, and "the expectation is that there will be
 * no more customers than the agreed capacity, and the instance of the product will remain within the agreed velocity".
 * Each agreed number is a ceiling for the usage measured against it. Without zod, so the panel words breaches the same.
 */

export type CommitmentState = 'within' | 'breached' | 'not-agreed' | 'not-measured';

/** One agreed number and the usage measured against it. */
export interface Commitment {
  readonly number: string;
  readonly label: string;
  readonly unit: string;
  /** The team that signed off the number: it is told of a breach. */
  readonly signedOffBy: string;
  readonly agreed?: number | undefined;
  readonly actual?: number | undefined;
  readonly state: CommitmentState;
}

/**
 * Every number of the configuration with its agreed value (the numbers the gate trusts) and the usage measured against
 * it: breached when the usage is above what was agreed.
 *
 * @example
 * commitments(config, { capacity: 100, velocity: 10 }, { capacity: 120 })
 * // [{ number: 'capacity', agreed: 100, actual: 120, state: 'breached', ... }, { number: 'velocity', agreed: 10, state: 'not-measured', ... }]
 */
export function commitments(
  config: { readonly numbers: readonly Pick<NumberSpec, 'key' | 'label' | 'unit' | 'signedOffBy'>[] },
  agreed: Readonly<Record<string, number>> | undefined,
  usage: Readonly<Record<string, number>> | undefined,
): Commitment[] {
  return config.numbers.map((spec) => {
    const value = agreed !== undefined && Object.hasOwn(agreed, spec.key) ? agreed[spec.key] : undefined;
    const actual = usage !== undefined && Object.hasOwn(usage, spec.key) ? usage[spec.key] : undefined;
    const state: CommitmentState = actual === undefined ? 'not-measured' : value === undefined ? 'not-agreed' : actual > value ? 'breached' : 'within';
    return { number: spec.key, label: spec.label, unit: spec.unit, signedOffBy: spec.signedOffBy, agreed: value, actual, state };
  });
}

/**
 * A breach as a sentence people read (panel, notification, reviews page).
 *
 * @example
 * breachInWords({ label: 'Capacity', unit: 'customers', agreed: 100, actual: 120, ... }) // 'Capacity breached: 120 customers measured, 100 customers agreed'
 */
export function breachInWords(commitment: Pick<Commitment, 'label' | 'unit' | 'agreed' | 'actual'>): string {
  const measured = commitment.actual === undefined ? 'not measured' : `${withUnit(commitment.actual, commitment.unit)} measured`;
  const agreed = commitment.agreed === undefined ? 'none agreed' : `${withUnit(commitment.agreed, commitment.unit)} agreed`;
  return `${commitment.label} breached: ${measured}, ${agreed}`;
}

/**
 * Checks a usage measurement against the configuration before anything is written: each value is measured against a
 * number the gate knows, is not negative, and is whole where the number is.
 *
 * @example
 * checkUsage(config, { capacity: -1, speed: 3 })
 * // [{ path: 'values.capacity', message: 'must be at least 0' }, { path: 'values.speed', message: 'no number has the key "speed"' }]
 */
export function checkUsage(config: Pick<GateConfig, 'numbers'>, values: Readonly<Record<string, number>>): FieldError[] {
  const errors: FieldError[] = [];
  if (Object.keys(values).length === 0) errors.push({ path: 'values', message: 'name at least one measured value' });
  for (const [key, value] of Object.entries(values)) {
    const spec = config.numbers.find((n) => n.key === key);
    const problem =
      spec === undefined ? `no number has the key "${key}"` : !Number.isFinite(value) ? 'must be a number' : value < 0 ? 'must be at least 0' : spec.integer && !Number.isInteger(value) ? 'must be a whole number' : undefined;
    if (problem !== undefined) errors.push({ path: `values.${key}`, message: problem });
  }
  return errors;
}

/** What a new measurement says, and who or what took it. */
export interface UsageMeasurement {
  readonly issueId: string;
  readonly values: Readonly<Record<string, number>>;
  readonly measuredAt: string;
  readonly source: UsageSource;
  readonly by: string;
  readonly at: string;
}

/**
 * The usage after a measurement: the values the app last wrote (`written`, from KVS) that it does not name are kept,
 * so a billing system reporting customers and a quota system reporting new customers per week do not erase each
 * other. Undefined when the measurement is older than the one recorded (a late or replayed delivery changes nothing).
 *
 * @example
 * usageRecord(undefined, { issueId: '10004', values: { capacity: 120 }, measuredAt, source: 'webtrigger', by: 'billing', at })?.values // { capacity: 120 }
 */
export function usageRecord(written: UsageRecord | undefined, measurement: UsageMeasurement): UsageRecord | undefined {
  if (written !== undefined && Date.parse(measurement.measuredAt) < Date.parse(written.measuredAt)) return undefined;
  const { issueId, values, measuredAt, source, by, at } = measurement;
  return { kind: 'usage', issueId, values: { ...written?.values, ...values }, measuredAt, source, by, at };
}

/**
 * Whether someone may record usage in the panel: a member of one of the gating teams (the people who agreed the
 * numbers and run the product), not just anyone who can see the ticket.
 *
 * @example
 * mayRecordUsage(config, ['golive-sre-p']) // true
 * mayRecordUsage(config, ['jira-users']) // false
 */
export function mayRecordUsage(config: Pick<GateConfig, 'teams'>, groups: readonly string[]): boolean {
  return config.teams.some((team) => team.groups.some((group) => groups.includes(group)));
}
