import type { Stage } from './config';
import { exceptionProblem, freezeOf } from './freeze';
import { describeProblem } from './integrity-words';
import { playbookProblem } from './playbook-rules';
import type { CheckRecord, FreezeException, PlaybookRecord } from './records';
import type { RequiredCheckVerdict } from './required-checks';
import { checkItem, evaluateRequiredChecks } from './required-checks';
import type { TargetVersion } from './target-release';
import { releaseKeyOf } from './target-release';
import type { IntegrityProblem, Verdict } from './verdict';

/**
 * What a stage requires besides teams, numbers and answers, judged the same way by model v1 and model v2: a current
 * playbook (issue 18), a target release and its freeze with exceptions (issue 16), and required checks (issue 15).
 */

/** A record the gate refused, as these rules need to know it. */
export interface RefusedRecord {
  readonly what: string;
  readonly propertyKey: string;
  readonly stage?: string | undefined;
  readonly problem: IntegrityProblem;
}

/** The trusted records these rules read, from either model's record set. */
export interface ConditionRecords {
  readonly playbook?: PlaybookRecord | undefined;
  readonly answers?: { readonly answers: Readonly<Record<string, unknown>> } | undefined;
  readonly exceptions?: Readonly<Record<string, FreezeException>> | undefined;
  readonly checks?: Readonly<Record<string, CheckRecord>> | undefined;
  readonly unverified: readonly RefusedRecord[];
}

export type ConditionStage = Pick<Stage, 'key' | 'name' | 'requirePlaybook' | 'requiresRelease' | 'freeze' | 'requiredChecks'>;

/** The blocking items (for the message and `missing`) and the sentences (for `reasons`) of a stage's conditions. */
export interface StageConditions {
  readonly playbookItems: readonly string[];
  readonly playbookReasons: readonly string[];
  readonly releaseItems: readonly string[];
  readonly releaseReasons: readonly string[];
  readonly freeze?: Verdict['freeze'];
  readonly exception?: Verdict['exception'];
  readonly checks: readonly RequiredCheckVerdict[];
}

/** A stage's freeze for the verdict: what blocks, why, and what the panel shows. */
function freezeVerdict(stage: ConditionStage, versions: readonly TargetVersion[] | undefined, records: ConditionRecords, now: Date): {
  items: string[];
  reasons: string[];
  shown?: Verdict['freeze'];
  exception?: Verdict['exception'];
} {
  const freeze = freezeOf(stage, versions);
  const exception = records.exceptions !== undefined && Object.hasOwn(records.exceptions, stage.key) ? records.exceptions[stage.key] : undefined;
  const problem = exception === undefined ? undefined : exceptionProblem(stage, exception, versions);
  const reasons: string[] = [];
  const untrusted = records.unverified.find((u) => u.what === 'exception' && u.stage === stage.key);
  if (untrusted !== undefined) reasons.push(`The freeze exception of ${stage.name} ${describeProblem(untrusted.problem)} and does not count`);
  else if (exception !== undefined && problem !== undefined) reasons.push(`The freeze exception of ${stage.name} by ${exception.by} does not count: ${problem}`);
  const valid = exception !== undefined && problem === undefined ? { by: exception.by, at: exception.at, justification: exception.justification } : undefined;
  if (freeze === undefined) return { items: [], reasons, ...(valid && { exception: valid }) };
  const frozen = now.getTime() >= freeze.deadline.getTime();
  const day = freeze.deadline.toISOString().slice(0, 10);
  const shown = { deadline: freeze.deadline.toISOString(), release: freeze.release, frozen };
  if (!frozen || valid !== undefined) {
    if (valid !== undefined && frozen) reasons.push(`${stage.name} is frozen since ${day}; ${valid.by} granted an exception: ${valid.justification.trim()}`);
    return { items: [], reasons, shown, ...(valid && { exception: valid }) };
  }
  const groups = stage.freeze?.exceptionGroups ?? [];
  const who = groups.length > 0 ? `a member of ${groups.join(' or ')} can grant an exception with a justification` : 'the stage names no exception group';
  reasons.push(`${stage.name} froze on ${day}, ${stage.freeze?.daysBeforeRelease ?? 0} days before release ${freeze.release}; ${who}`);
  return { items: [`frozen since ${day}`], reasons, shown };
}

/**
 * Judges a stage's playbook, target release, freeze and required checks for a ticket whose fix versions are `versions`.
 *
 * @example
 * stageConditions({ ...stage, requiresRelease: true }, [], records, now).releaseItems // ['no target release']
 */
export function stageConditions(stage: ConditionStage, versions: readonly TargetVersion[] | undefined, records: ConditionRecords, now: Date): StageConditions {
  const playbook = playbookProblem(stage, records);
  const releaseItems = stage.requiresRelease === true && releaseKeyOf(versions) === '' ? ['no target release'] : [];
  const releaseReasons = releaseItems.length > 0 ? [`${stage.name} needs the ticket to target a release: set its Fix version`] : [];
  const freeze = freezeVerdict(stage, versions, records, now);
  releaseItems.push(...freeze.items);
  releaseReasons.push(...freeze.reasons);
  // Required checks (issue 15) block like any requirement and are named in the validator's message.
  const checks = evaluateRequiredChecks(stage, records);
  releaseItems.push(...checks.flatMap((c) => checkItem(c) ?? []));
  releaseReasons.push(...checks.filter((c) => c.state !== 'passed').map((c) => c.reason));
  return {
    playbookItems: playbook === undefined ? [] : [playbook.item],
    playbookReasons: playbook === undefined ? [] : [playbook.reason],
    releaseItems,
    releaseReasons,
    ...(freeze.shown !== undefined && { freeze: freeze.shown }),
    ...(freeze.exception !== undefined && { exception: freeze.exception }),
    checks,
  };
}
