import type { CoveredDigests } from '../coverage';
import { basisKey, coveredNumbers, digestOfPicked } from '../coverage';
import { lowerFirst } from '../blocked-message';
import type { GateConfigV2 } from './config';
import type { RecordSetV2 } from './read-records';

/**
 * Whether a team agrees to an item's answer without reviewing it: the item names the team among those that agree, or is
 * agreed by every team and a stage that needs the item requires the team.
 *
 * @example
 * agreesTo(config, goLiveSignal, 'dev-team') // true: every go-live team agrees to the go-live signal
 * agreesTo(config, platformNotCompromised, 'osd-e2e') // true: OSD e2e signs it off with Managed Tenants SRE
 */
export function agreesTo(config: GateConfigV2, item: GateConfigV2['items'][number], teamKey: string): boolean {
  if (item.agreedBy?.includes(teamKey) === true) return true;
  return item.agreedByEveryTeam === true && config.stages.some((stage) => item.requiredFor.includes(stage.key) && stage.teams.some((entry) => entry.team === teamKey));
}

/**
 * The keys of the numbers a team signs off and of the items it reviews or agrees to: what its approval covers.
 *
 * @example
 * coveredKeys(config, 'sre-p') // { numbers: ['capacity', 'velocity'], items: ['go-live-signal', 'demonstrated-slis'] }
 */
export function coveredKeys(config: GateConfigV2, teamKey: string): { readonly numbers: readonly string[]; readonly items: readonly string[] } {
  return {
    numbers: config.numbers.filter((n) => n.signedOffBy === teamKey).map((n) => n.key),
    items: config.items.filter((i) => i.reviewedBy === teamKey || agreesTo(config, i, teamKey)).map((i) => i.key),
  };
}

/**
 * The digests a team's approval covers: only the numbers the team signs off and the answers it reviews. Computed as v1
 * did, so an approval written before the upgrade still matches the same numbers and answers.
 *
 * @example
 * coveredDigestsV2(config, 'sre-p', { values: { capacity: 500, velocity: 20 } }, undefined) // { numbers: '3f1c…', answers: '9a0b…' }
 * coveredDigestsV2(config, 'cee', { values: { capacity: 500 } }, undefined) // { answers: '…' } (CEE covers no number)
 */
export function coveredDigestsV2(
  config: GateConfigV2,
  teamKey: string,
  numbers: { readonly values: Readonly<Record<string, number>>; readonly basis?: Readonly<Record<string, unknown>> | undefined } | undefined,
  answers: Readonly<Record<string, unknown>> | undefined,
): CoveredDigests {
  const keys = coveredKeys(config, teamKey);
  // A number's basis (issue 18) is covered with it, as v1 covers it.
  const numberKeys = [...keys.numbers, ...keys.numbers.map(basisKey)];
  return {
    ...(keys.numbers.length > 0 && { numbers: digestOfPicked(numberKeys, coveredNumbers(numbers)) }),
    ...(keys.items.length > 0 && { answers: digestOfPicked(keys.items, answers) }),
  };
}

/**
 * What the person recorded among the numbers and answers the team signs off, in words: with separation of duties,
 * such a person's approval does not count for the team.
 *
 * @example
 * recordedCoveredBy(config, records, 'sre-p', 'acc-sre-p') // ['capacity']
 */
export function recordedCoveredBy(config: GateConfigV2, records: RecordSetV2, teamKey: string, accountId: string): string[] {
  const keys = coveredKeys(config, teamKey);
  return [
    ...keys.numbers.filter((k) => records.numbers?.recordedBy?.[k] === accountId).map((k) => lowerFirst(config.numbers.find((n) => n.key === k)?.label ?? k)),
    ...keys.items.filter((k) => records.answers?.answeredBy?.[k] === accountId).map((k) => `the answer to "${k}"`),
  ];
}

/**
 * Whether a team's approval covers the ticket's target release: a stage that requires a release requires the team.
 *
 * @example
 * coversReleaseV2({ ...config, stages: [{ ...goLive, requiresRelease: true }] }, 'sre-p') // true
 */
export function coversReleaseV2(config: GateConfigV2, teamKey: string): boolean {
  return config.stages.some((stage) => stage.requiresRelease === true && stage.teams.some((entry) => entry.team === teamKey));
}
