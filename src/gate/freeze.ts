import type { Stage } from './config';
import { justificationProblem } from './policies';
import type { FreezeException } from './records';
import type { TargetVersion } from './target-release';
import { releaseKeyOf, releaseNames } from './target-release';

const DAY_MS = 86_400_000;

/** A stage's freeze for one ticket: when it starts (the deadline) and the release it is counted from. */
export interface StageFreeze {
  readonly deadline: Date;
  /** The release's names, as people read them. */
  readonly release: string;
}

/**
 * When the stage freezes for a ticket: `daysBeforeRelease` days before the earliest release date of its fix versions,
 * at 00:00 UTC. Undefined when the stage has no freeze or the ticket targets no dated release.
 *
 * @example
 * freezeOf({ ...stage, freeze: { daysBeforeRelease: 7, exceptionGroups: [] } }, [{ id: '1', name: '2.0', releaseDate: '2026-04-08' }])
 * // { deadline: 2026-04-01T00:00:00.000Z, release: '2.0' }
 */
export function freezeOf(stage: Pick<Stage, 'freeze'>, versions: readonly TargetVersion[] | undefined): StageFreeze | undefined {
  if (stage.freeze === undefined) return undefined;
  const dated = (versions ?? []).flatMap((v) => {
    const at = v.releaseDate === undefined ? Number.NaN : Date.parse(`${v.releaseDate.slice(0, 10)}T00:00:00Z`);
    return Number.isFinite(at) ? [{ version: v, at }] : [];
  });
  const first = dated.sort((a, b) => a.at - b.at)[0];
  if (first === undefined) return undefined;
  return { deadline: new Date(first.at - stage.freeze.daysBeforeRelease * DAY_MS), release: releaseNames([first.version]) };
}

/**
 * Why a trusted freeze exception does not count, or undefined when it does: its group must be one of the stage's
 * exception groups, its justification must be written out, and it covers only the release it was granted for.
 *
 * @example
 * exceptionProblem(stage, exception, releaseKeyOf(versions)) // 'it was granted for another release'
 */
export function exceptionProblem(stage: Pick<Stage, 'freeze' | 'name'>, exception: FreezeException, versions: readonly TargetVersion[] | undefined): string | undefined {
  if (!(stage.freeze?.exceptionGroups ?? []).includes(exception.via)) return `${exception.via} does not grant exceptions for ${stage.name}`;
  const problem = justificationProblem(exception.justification);
  if (problem !== undefined) return problem;
  return exception.release === releaseKeyOf(versions) ? undefined : 'it was granted for another release';
}
