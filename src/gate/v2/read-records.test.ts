import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, SUMMARY_PROPERTY, overrideProperty } from '../records';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { readRecordsV2 } from './read-records';
import type { UnverifiedRecordV2 } from './read-records';
import { decisionProperty, passProperty, waiverProperty } from './records';
import { templateConfigV2 } from './templates';
import type { GateConfigV2 } from './config';

const config = templateConfigV2('managed-addon') as GateConfigV2;
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const ceeDecision = decisionProperty('go-live', 'cee', 'acc-cee');

/** A ticket with one record of every v2 kind, written by the app. */
const fullIssue = (): IssueFixtureV2 =>
  new IssueFixtureV2(config)
    .recordNumbers({ capacity: 500 }, T0)
    .answer({ 'go-live-signal': 'Free overall', 'demonstrated-slis': true }, T0)
    .approve('go-live', 'cee', T0)
    .approve('promote-to-prod', 'sre-p', T0)
    .waive({ kind: 'team', key: 'layered-sre' }, T0, 'No layered SRE team runs this add-on')
    .override('go-live', 'Launch agreed with the VP; CEE signs off next week', T1)
    .pass('promote-to-prod', T1);

describe('readRecordsV2', () => {
  it('trusts every record the app wrote, of every kind', () => {
    const issue = fullIssue();
    const records = readRecordsV2(config, issue.snapshot());
    expect(records.unverified).toEqual([]);
    expect(records.decisions.map((d) => [d.stage, d.team, d.by])).toEqual([
      ['go-live', 'cee', 'acc-cee'],
      ['promote-to-prod', 'sre-p', 'acc-sre-p'],
    ]);
    expect(records.waivers).toEqual([issue.property(waiverProperty({ kind: 'team', key: 'layered-sre' }))]);
    expect(records.numbers).toEqual({ issueId: '10001', values: { capacity: 500 }, recordedBy: { capacity: 'acc-pm' }, by: 'acc-pm', at: T0, legacy: false });
    expect(records.answers?.answers).toEqual({ 'go-live-signal': 'Free overall', 'demonstrated-slis': true });
    expect(records.overrides['go-live']?.by).toBe('acc-admin');
    expect(records.passes['promote-to-prod']?.stage).toBe('promote-to-prod');
  });

  it('reads a decision without a source as one made in the panel', () => {
    const issue = new IssueFixtureV2(config).approve('go-live', 'cee', T0);
    const withoutSource = { ...(issue.property(ceeDecision) as Record<string, unknown>) };
    delete withoutSource['source'];
    issue.writeAt(ceeDecision, withoutSource);
    expect(readRecordsV2(config, issue.snapshot())).toMatchObject({ decisions: [withoutSource], unverified: [] });
  });

  const unverified = (propertyKey: string, problem: UnverifiedRecordV2['problem'], rest: Omit<UnverifiedRecordV2, 'propertyKey' | 'problem'>): UnverifiedRecordV2 => ({
    propertyKey,
    problem,
    ...rest,
  });
  const ceeUnverified = (problem: UnverifiedRecordV2['problem']) => unverified(ceeDecision, problem, { what: 'decision', stage: 'go-live', team: 'cee', by: 'acc-cee' });

  it.each<[string, (issue: IssueFixtureV2) => IssueFixtureV2, UnverifiedRecordV2[]]>([
    ['a decision edited by hand', (i) => i.setProperty(ceeDecision, { ...(i.property(ceeDecision) as object), at: T1 }), [ceeUnverified('digest-mismatch')]],
    ['a decision deleted by hand', (i) => i.deleteProperty(ceeDecision), [ceeUnverified('deleted')]],
    ['a decision the app never wrote', (i) => i.setProperty(decisionProperty('go-live', 'cee', 'acc-mallory'), i.property(ceeDecision)), [unverified(decisionProperty('go-live', 'cee', 'acc-mallory'), 'no-digest', { what: 'decision', stage: 'go-live', team: 'cee', by: 'acc-mallory' })]],
    [
      'a decision copied from another ticket',
      (i) => i.setProperty(ceeDecision, new IssueFixtureV2(config, { id: '20002' }).approve('go-live', 'cee', T0).property(ceeDecision)),
      [ceeUnverified('wrong-issue')],
    ],
    ['a decision that is not a record', (i) => i.setProperty(ceeDecision, 'approved'), [ceeUnverified('malformed')]],
    [
      "an approver's decision moved to another approver's key",
      (i) => {
        const moved = decisionProperty('go-live', 'cee', 'acc-cee2');
        return i.writeAt(moved, i.property(ceeDecision));
      },
      [unverified(decisionProperty('go-live', 'cee', 'acc-cee2'), 'malformed', { what: 'decision', stage: 'go-live', team: 'cee', by: 'acc-cee2' })],
    ],
    [
      'a waiver edited by hand',
      (i) => i.setProperty(waiverProperty({ kind: 'team', key: 'layered-sre' }), { ...(i.property(waiverProperty({ kind: 'team', key: 'layered-sre' })) as object), reason: 'x' }),
      [unverified(waiverProperty({ kind: 'team', key: 'layered-sre' }), 'digest-mismatch', { what: 'waiver', target: { kind: 'team', key: 'layered-sre' } })],
    ],
    ['a pass record deleted by hand', (i) => i.deleteProperty(passProperty('promote-to-prod')), [unverified(passProperty('promote-to-prod'), 'deleted', { what: 'pass', stage: 'promote-to-prod' })]],
    ['numbers written by hand', (i) => i.setProperty(NUMBERS_PROPERTY, { kind: 'numbers', values: {} }), [unverified(NUMBERS_PROPERTY, 'malformed', { what: 'numbers' })]],
    ['answers deleted by hand', (i) => i.deleteProperty(ANSWERS_PROPERTY), [unverified(ANSWERS_PROPERTY, 'deleted', { what: 'answers' })]],
    ['an override replayed with another justification', (i) => i.setProperty(overrideProperty('go-live'), { ...(i.property(overrideProperty('go-live')) as object), justification: 'because' }), [unverified(overrideProperty('go-live'), 'digest-mismatch', { what: 'override', stage: 'go-live' })]],
  ])('lists %s as unverified and does not trust it', (_name, tamper, expected) => {
    const records = readRecordsV2(config, tamper(fullIssue()).snapshot());
    expect(records.unverified).toEqual(expected);
    const kept = readRecordsV2(config, fullIssue().snapshot());
    const trustedKeys = (r: typeof records): number => r.decisions.length + r.waivers.length + Object.keys(r.passes).length + Object.keys(r.overrides).length + (r.numbers ? 1 : 0) + (r.answers ? 1 : 0);
    expect(trustedKeys(records)).toBeLessThanOrEqual(trustedKeys(kept));
  });

  it('ignores the summary and properties of stages, teams, numbers and items the configuration does not name', () => {
    const issue = fullIssue()
      .setProperty(SUMMARY_PROPERTY, { status: 'ready' })
      .setProperty(decisionProperty('ga', 'cee', 'acc-cee'), { forged: true })
      .setProperty(decisionProperty('go-live', 'ceo', 'acc-ceo'), { forged: true })
      .setProperty(waiverProperty({ kind: 'item', key: 'nope' }), { forged: true })
      .setProperty('golive-gate.waiver.team.cee.extra', { forged: true })
      .setProperty(passProperty('ga'), { forged: true })
      .setProperty('golive-gate.decision.go-live', { forged: true })
      .setProperty('other-app.flag', true);
    expect(readRecordsV2(config, issue.snapshot()).unverified).toEqual([]);
  });
});
