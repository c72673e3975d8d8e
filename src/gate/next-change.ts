import type { GateConfig } from './config';

/**
 * A time as Jira indexes dates in an entity property (`YYYY-MM-DDThh:mm:ssTZ`, no fractional seconds).
 *
 * @example
 * indexedDate(new Date('2026-03-01T10:00:00.250Z')) // '2026-03-01T10:00:00Z'
 */
export const indexedDate = (time: Date): string => time.toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Whether a configuration has rules whose outcome changes with time alone (approval and waiver lifetimes, freezes), so the
 * scheduled refresh must look at its tickets.
 *
 * @example
 * hasTimedRules({ ...config, stages: [{ ...stage, approvalLifetimeDays: 30 }] }) // true
 */
export function hasTimedRules(config: { readonly stages: readonly (Pick<GateConfig['stages'][number], 'approvalLifetimeDays' | 'freeze'> & { readonly waiverLifetimeDays?: number | undefined })[] }): boolean {
  return config.stages.some((stage) => stage.approvalLifetimeDays !== undefined || stage.freeze !== undefined || stage.waiverLifetimeDays !== undefined);
}
