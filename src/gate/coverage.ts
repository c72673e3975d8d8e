import type { GateConfig } from './config';
import { canonicalJson, sha256Hex } from './digest';

/**
 * Where a number's basis is covered, beside the numbers (no number key contains a colon).
 *
 * @example
 * basisKey('capacity') // 'basis:capacity'
 */
export const basisKey = (numberKey: string): string => `basis:${numberKey}`;

/**
 * What an approval covers of a numbers record: each value by its key, and each basis under `basis:<key>`.
 *
 * @example
 * coveredNumbers({ values: { capacity: 500 }, basis: { capacity: { notes: 'two clusters' } } })
 * // { capacity: 500, 'basis:capacity': { notes: 'two clusters' } }
 */
export function coveredNumbers(record: { readonly values: Readonly<Record<string, number>>; readonly basis?: Readonly<Record<string, unknown>> | undefined } | undefined): Record<string, unknown> | undefined {
  if (record === undefined) return undefined;
  const covered: Record<string, unknown> = { ...record.values };
  for (const [key, basis] of Object.entries(record.basis ?? {})) covered[basisKey(key)] = basis;
  return covered;
}

export interface CoveredDigests {
  readonly numbers?: string;
  readonly answers?: string;
}

/**
 * Digest of the members of `values` whose keys are listed; a missing value is left out, so recording it later changes the digest.
 *
 * @example
 * digestOfPicked(['capacity'], { capacity: 500, velocity: 20 }) === digestOfPicked(['capacity'], { capacity: 500 }) // true
 */
export function digestOfPicked(keys: readonly string[], values: Readonly<Record<string, unknown>> | undefined): string {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    if (values !== undefined && Object.hasOwn(values, key)) picked[key] = values[key];
  }
  return sha256Hex(canonicalJson(picked));
}

/**
 * The digests a team's approval covers: only the numbers the team signs off and the answers it reviews.
 * A team that covers no number (or no question) gets no `numbers` (or `answers`) key, so changing them never makes it stale.
 *
 * @example
 * coveredDigests(config, 'sre-p', { capacity: 500, velocity: 20 }, undefined) // { numbers: '3f1c…' }
 * coveredDigests(config, 'cee', { capacity: 500, velocity: 20 }, undefined) // {}
 */
export function coveredDigests(
  config: GateConfig,
  teamKey: string,
  numbers: Readonly<Record<string, unknown>> | undefined,
  answers: Readonly<Record<string, string>> | undefined,
): CoveredDigests {
  // A number's basis is covered with it (under `basis:<key>`, which no number key can be); a number without one adds
  // nothing, so approvals given before bases existed still cover exactly what they covered.
  const signed = config.numbers.filter((n) => n.signedOffBy === teamKey).map((n) => n.key);
  const numberKeys = [...signed, ...signed.map(basisKey)];
  const questionKeys = config.questions.filter((q) => q.reviewedBy === teamKey).map((q) => q.key);
  return {
    ...(numberKeys.length > 0 && { numbers: digestOfPicked(numberKeys, numbers) }),
    ...(questionKeys.length > 0 && { answers: digestOfPicked(questionKeys, answers) }),
  };
}
