import type { Stage } from './config';
import { canonicalJson, sha256Hex } from './digest';
import type { ConditionRecords } from './stage-conditions';

/**
 * The digest of the questionnaire answers a playbook was generated from: the answers alone (who saved them and when
 * does not change what the playbook says), so a playbook is current exactly while the answers are what it shows.
 *
 * @example
 * answersDigest(undefined) === answersDigest({ answers: {} }) // true: no answers yet
 */
export function answersDigest(answers: { readonly answers: Readonly<Record<string, unknown>> } | undefined): string {
  return sha256Hex(canonicalJson(answers?.answers ?? {}));
}

/** Why a stage that requires a current playbook is blocked: a short item for the message and a sentence for the reasons. */
export interface PlaybookProblem {
  readonly item: string;
  readonly reason: string;
}

/**
 * What keeps a stage that requires a playbook from passing: none generated, its record untrusted, or the answers
 * changed since it was generated. Undefined when the stage does not require one or the playbook is current.
 *
 * @example
 * playbookProblem({ ...stage, requirePlaybook: true }, records) // { item: 'playbook not generated', reason: 'Beta needs a playbook: generate it in the panel' }
 */
export function playbookProblem(stage: Pick<Stage, 'name' | 'requirePlaybook'>, records: Pick<ConditionRecords, 'playbook' | 'answers' | 'unverified'>): PlaybookProblem | undefined {
  if (stage.requirePlaybook !== true) return undefined;
  if (records.unverified.some((u) => u.what === 'playbook')) {
    return { item: 'playbook unverified', reason: `${stage.name} needs a playbook, and its record was changed outside the app: generate the playbook again` };
  }
  if (records.playbook === undefined) return { item: 'playbook not generated', reason: `${stage.name} needs a playbook: generate it in the panel` };
  if (records.playbook.answersDigest !== answersDigest(records.answers)) {
    return { item: 'playbook out of date', reason: `The answers changed after the playbook was generated: generate it again for ${stage.name}` };
  }
  return undefined;
}
