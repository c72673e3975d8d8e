import type { GateConfig } from './config';

/** A Jira version the ticket targets (its `fixVersions`). */
export interface TargetVersion {
  readonly id: string;
  readonly name: string;
  /** `YYYY-MM-DD`, when the version has a release date. */
  readonly releaseDate?: string | undefined;
}

/**
 * What an approval covers of the ticket's target release: its fix versions' ids, sorted and joined ('' for none), so
 * moving the ticket to another release (or adding one) changes it.
 *
 * @example
 * releaseKeyOf([{ id: '10002', name: '2.1' }, { id: '10001', name: '2.0' }]) // '10001,10002'
 */
export function releaseKeyOf(versions: readonly TargetVersion[] | undefined): string {
  return [...(versions ?? [])].map((v) => v.id).sort().join(',');
}

/**
 * Whether a team's approval covers the target release: the team is required by a stage that requires one.
 *
 * @example
 * coversRelease({ ...config, stages: [{ ...goLive, requiresRelease: true }] }, 'sre-p') // true
 */
export function coversRelease(config: GateConfig, teamKey: string): boolean {
  return config.stages.some((stage) => stage.requiresRelease === true && stage.requiredTeams.includes(teamKey));
}

/**
 * The release as people read it: the fix versions' names.
 *
 * @example
 * releaseNames([{ id: '10001', name: '2.0' }]) // '2.0'
 */
export function releaseNames(versions: readonly TargetVersion[] | undefined): string {
  return (versions ?? []).map((v) => v.name).join(', ');
}
