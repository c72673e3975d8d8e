// What gate model v2's records cost the validator on the 13-team add-on gate (issue 13): one decision property per
// stage, team and approver. Pure: the records are built with the v2 fixture and judged by evaluateStageV2, no site.
import { performance } from 'node:perf_hooks';
import { IssueFixtureV2 } from '../test/support/v2-issue-fixture';
import { evaluateStageV2 } from '../src/gate/v2/evaluate';
import { templateConfigV2 } from '../src/gate/v2/templates';
import { count, kb, ms, renderTable } from './format';
import { median } from './stats';

/** KVS answers at most 100 record heads a page (src/forge/record-store.ts): the validator's floor holds below that. */
const HEADS_PER_PAGE = 100;
const AT = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-02T09:00:00.000Z');

export interface V2RecordsPoint {
  readonly approvers: number;
  readonly properties: number;
  readonly decisionBytes: number;
  readonly propertyBytes: number;
  /** KVS requests of the validator: the configuration, then one per page of heads. */
  readonly validatorKvs: number;
  readonly evaluateMs: number;
}

/**
 * The add-on gate with every stage's teams approved by `approvers` distinct people each (promote to prod: 4 teams,
 * go live: 13, no carry-over), plus numbers and answers; the size of what the validator reads and the time to judge.
 *
 * @example
 * benchV2Records([1, 4], 30)[0]?.properties // 18
 */
export function benchV2Records(levels: readonly number[], repetitions: number): V2RecordsPoint[] {
  const config = templateConfigV2('managed-addon');
  if (config === undefined) throw new Error('The v2 add-on template is missing');
  return levels.map((approvers) => {
    const issue = new IssueFixtureV2(config);
    issue.recordNumbers(Object.fromEntries(config.numbers.map((n) => [n.key, n.min ?? 1])), AT);
    for (const stage of config.stages) {
      for (const { team } of stage.teams) for (let i = 1; i <= approvers; i++) issue.approve(stage.key, team, AT, { by: `acc-${team}-${i}` });
    }
    const { properties } = issue.snapshot();
    const sizes = Object.entries(properties).map(([key, value]) => ({ key, bytes: JSON.stringify(value).length }));
    const decisions = sizes.filter((s) => s.key.startsWith('golive-gate.decision.'));
    const facts = issue.facts();
    const times = Array.from({ length: repetitions }, () => {
      const start = performance.now();
      evaluateStageV2(facts, 'go-live', NOW);
      return performance.now() - start;
    });
    return {
      approvers,
      properties: sizes.length,
      decisionBytes: median(decisions.map((d) => d.bytes)),
      propertyBytes: sizes.reduce((sum, s) => sum + s.bytes, 0),
      validatorKvs: 1 + Math.max(1, Math.ceil(sizes.length / HEADS_PER_PAGE)),
      evaluateMs: median(times),
    };
  });
}

/** The table `npm run bench` prints. */
export function renderV2Records(points: readonly V2RecordsPoint[]): string[] {
  return [
    'Gate model v2 records on the 13-team add-on gate (one property per stage, team and approver; the validator reads them in 1 Jira request)',
    renderTable(
      ['approvers per team and stage', 'properties', 'a decision', 'all properties', 'validator KVS requests (floor ≤ 2)', 'evaluate go-live'],
      points.map((p) => [count(p.approvers), count(p.properties), `${count(p.decisionBytes)} B`, kb(p.propertyBytes), `${p.validatorKvs}${p.validatorKvs <= 2 ? '' : ' (ABOVE)'}`, ms(p.evaluateMs)]),
      [0, 1, 2, 3, 5],
    ),
    `Each approver's decision at each stage is its own property (~${count(points[0]?.decisionBytes ?? 0)} B) and its own KVS head; the heads come ${HEADS_PER_PAGE} to a page, so the validator stays at 2 KVS requests while a ticket holds at most ${HEADS_PER_PAGE} records.`,
  ];
}
