import type { GateConfigV2 } from './config';
import { evaluateStageV2 } from './evaluate';
import { passRecordOf } from './evidence';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { currentPass, passedStageReason, readOnlyTargets, sitsBeforeStage, stagePassedBy, stageReachedIn } from './pass-rules';
import { mayDecideV2, mayWaive } from './permissions';
import type { WaiverTarget } from './records';
import { templateConfigV2 } from './templates';

const addon = templateConfigV2('managed-addon') as GateConfigV2;
const prr = templateConfigV2('kubernetes-prr') as GateConfigV2;
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');

const S = {
  toDo: { id: '10000', name: 'To Do' },
  inReview: { id: '10001', name: 'In Review' },
  inProduction: { id: '10002', name: 'In Production' },
  live: { id: '10003', name: 'Live' },
  provisional: { id: '10004', name: 'Provisional' },
  alpha: { id: '10005', name: 'Alpha' },
  beta: { id: '10006', name: 'Beta' },
  ga: { id: '10007', name: 'GA' },
} as const;
type Status = (typeof S)[keyof typeof S];
const move = (from: Status, to: Status) => ({ fromId: from.id, fromName: from.name, toId: to.id, toName: to.name });
const PROMOTE_TRANSITION = { id: '7001', from: S.inReview.id, to: S.inProduction.id, fromName: S.inReview.name, toName: S.inProduction.name };
const GO_LIVE_TRANSITION = { id: '7002', from: S.inProduction.id, to: S.live.id };

describe('which stage a status change passes', () => {
  it.each([
    ['the add-on gate', S.inReview, S.inProduction, 'promote-to-prod', addon],
    ['the add-on gate', S.inProduction, S.live, 'go-live', addon],
    ['the add-on gate, skipping a stage', S.inReview, S.live, 'go-live', addon],
    ['the add-on gate, from before every stage', S.toDo, S.inProduction, 'promote-to-prod', addon],
    ['the add-on gate, backwards', S.live, S.inReview, undefined, addon],
    ['the add-on gate, backwards to an earlier stage', S.live, S.inProduction, undefined, addon],
    ['the add-on gate, before any stage', S.toDo, S.inReview, undefined, addon],
    ['the PRR gate', S.provisional, S.alpha, 'alpha', prr],
    ['the PRR gate', S.alpha, S.beta, 'beta', prr],
    ['the PRR gate', S.beta, S.ga, 'ga', prr],
    ['the PRR gate, backwards', S.ga, S.beta, undefined, prr],
  ])('%s: %j to %j passes %s', (_, from, to, stage, config) => {
    expect(stagePassedBy(config, move(from, to))?.key).toBe(stage);
  });

  it('compares status names without regard to case, as JQL does, and knows none for a stage without statuses', () => {
    expect(stagePassedBy(addon, { fromId: '1', fromName: 'in review', toId: '2', toName: 'IN PRODUCTION' })?.key).toBe('promote-to-prod');
    const untemplated: GateConfigV2 = { ...addon, template: undefined };
    expect(stageReachedIn(untemplated, 'Live')).toBe(-1);
    expect(stagePassedBy(untemplated, move(S.inProduction, S.live))).toBeUndefined();
    const configured: GateConfigV2 = { ...untemplated, stages: untemplated.stages.map((s) => (s.key === 'go-live' ? { ...s, assurance: { level: 'full', statuses: ['Shipped'] } } : s)) };
    expect(stagePassedBy(configured, { fromId: '1', fromName: 'In Production', toId: '9', toName: 'Shipped' })?.key).toBe('go-live');
  });
});

describe('whether the ticket sits before a passed stage', () => {
  it.each([
    ['go-live', GO_LIVE_TRANSITION.from, { statusId: S.live.id, status: S.live.name }, false],
    ['go-live', GO_LIVE_TRANSITION.from, { statusId: S.inProduction.id, status: S.inProduction.name }, true],
    ['go-live', GO_LIVE_TRANSITION.from, { statusId: S.inReview.id, status: S.inReview.name }, true],
    ['promote-to-prod', PROMOTE_TRANSITION.from, { statusId: S.live.id, status: S.live.name }, false],
    ['promote-to-prod', PROMOTE_TRANSITION.from, { statusId: S.toDo.id, status: S.toDo.name }, true],
    ['promote-to-prod', PROMOTE_TRANSITION.from, { statusId: S.inReview.id }, true],
    ['go-live', GO_LIVE_TRANSITION.from, { statusId: S.inReview.id }, false],
    ['go-live', GO_LIVE_TRANSITION.from, {}, false],
  ] as const)('%s left %s; the ticket is in %j: %s', (stage, left, ticket, before) => {
    expect(sitsBeforeStage(addon, stage, left, ticket)).toBe(before);
  });
});

/** An add-on ticket whose promote to prod passes, with capacity recorded (go-live needs it too). */
const promoted = (): IssueFixtureV2 => {
  const issue = new IssueFixtureV2(addon).answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://ci.example.com/osde2e/1' }, T0).recordNumbers({ capacity: 50 }, T0);
  for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) issue.approve('promote-to-prod', team, T0);
  return issue;
};
const passedAt = (issue: IssueFixtureV2, stage: string, transition: typeof PROMOTE_TRANSITION | typeof GO_LIVE_TRANSITION): IssueFixtureV2 => {
  const outcome = passRecordOf(issue.facts(), evaluateStageV2(issue.facts(), stage, new Date(T1)), transition, 'acc-pm', T1, issue.snapshot().digests);
  if (!outcome.ok) throw new Error(outcome.reason);
  return issue.write(outcome.record).withTicket({ statusId: transition.to, status: transition.to === S.live.id ? 'Live' : 'In Production' });
};
const PROMOTE_REASON = passedStageReason('Promote to prod', { at: T1, by: 'acc-pm' });

describe('passed stages are read-only', () => {
  it('judges a passed stage allowed as it stood at the pass, and says so', () => {
    const issue = passedAt(promoted(), 'promote-to-prod', PROMOTE_TRANSITION);
    const verdict = evaluateStageV2(issue.facts(), 'promote-to-prod', NOW);
    expect({ allowed: verdict.allowed, message: verdict.message, reasons: verdict.reasons, passed: verdict.passed, missing: verdict.missing }).toEqual({
      allowed: true,
      message: 'Promote to prod: passed on 2026-03-02',
      reasons: ['Promote to prod passed on 2026-03-02 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back'],
      passed: { at: T1, by: 'acc-pm', configVersion: 0, overridden: false },
      missing: [],
    });
  });

  const mtSre = { accountId: 'acc-mt-sre-2', groups: ['golive-mt-sre'] };
  const sreP = { accountId: 'acc-sre-p', groups: ['golive-sre-p'] };
  it.each<[string, (issue: IssueFixtureV2) => IssueFixtureV2, ReturnType<typeof mayDecideV2>]>([
    ['while the ticket stays past the stage', (i) => i, { ok: false, reason: PROMOTE_REASON }],
    ['when it has moved on to a later stage', (i) => i.withTicket({ statusId: S.live.id, status: 'Live' }), { ok: false, reason: PROMOTE_REASON }],
    ['not once it is back in the status the transition left', (i) => i.withTicket({ statusId: S.inReview.id, status: 'In Review' }), { ok: true, via: 'golive-mt-sre', viaSource: 'team-group' }],
    ['not once it is back before every stage', (i) => i.withTicket({ statusId: S.toDo.id, status: 'To Do' }), { ok: true, via: 'golive-mt-sre', viaSource: 'team-group' }],
    [
      'not once the pass is marked reopened, even back past the stage',
      (i) => {
        const pass = i.records().passes['promote-to-prod'];
        if (pass === undefined) throw new Error('no pass');
        return i.write({ ...pass, reopened: { at: T1, by: 'acc-pm', to: S.inReview.id } }).withTicket({ statusId: S.inProduction.id, status: 'In Production' });
      },
      { ok: true, via: 'golive-mt-sre', viaSource: 'team-group' },
    ],
  ])('refuses a decision at a passed stage %s', (_, change, answer) => {
    const issue = change(passedAt(promoted(), 'promote-to-prod', PROMOTE_TRANSITION));
    expect(mayDecideV2({ facts: issue.facts(), ...mtSre }, 'promote-to-prod', 'mt-sre', 'approve')).toEqual(answer);
  });

  it.each<[string, WaiverTarget, string | undefined]>([
    ['an item only the passed stage needs', { kind: 'item', key: 'platform-not-compromised' }, `“The platform is not being compromised, and no forward-looking feature work is exposed or exploitable in Production OCM” is read-only: ${PROMOTE_REASON}`],
    ['a team only the passed stage needs', { kind: 'team', key: 'mt-sre' }, undefined],
    ['a number a later stage still needs', { kind: 'number', key: 'capacity' }, undefined],
    ['an item a later stage still needs', { kind: 'item', key: 'demonstrated-slis' }, undefined],
    ['a team a later stage still needs', { kind: 'team', key: 'sre-p' }, undefined],
  ])('after promote to prod passed: %s', (_, target, reason) => {
    const issue = passedAt(promoted(), 'promote-to-prod', PROMOTE_TRANSITION);
    expect(readOnlyTargets(issue.facts(), [target])).toBe(reason);
  });

  it('refuses numbers, items and waivers every stage of which has passed, naming each stage and when it passed', () => {
    const promotedThenLive = passedAt(promoted(), 'promote-to-prod', PROMOTE_TRANSITION);
    promotedThenLive.recordNumbers({ capacity: 50, velocity: 5 }, T0).answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://ci.example.com/osde2e/1', 'go-live-signal': 'Free overall', 'viability-support-cover': true, 'service-definition': true, 'demonstrated-slis': true }, T0);
    for (const team of addon.stages[1]?.teams ?? []) promotedThenLive.approve('go-live', team.team, T1);
    const goLive = evaluateStageV2(promotedThenLive.facts(), 'go-live', new Date(T1));
    expect(goLive.message).toBe('Go live: ready');
    const live = passedAt(promotedThenLive, 'go-live', GO_LIVE_TRANSITION);
    const goLiveReason = passedStageReason('Go live', { at: T1, by: 'acc-pm' });
    expect(readOnlyTargets(live.facts(), [{ kind: 'item', key: 'demonstrated-slis' }, { kind: 'number', key: 'capacity' }])).toBe(`“Demonstrated SLIs” is read-only: ${goLiveReason}`);
    expect(readOnlyTargets(live.facts(), [{ kind: 'number', key: 'capacity' }])).toBe(`Capacity is read-only: ${goLiveReason}`);
    expect(readOnlyTargets(live.facts(), [{ kind: 'team', key: 'sre-p' }])).toBe(`SRE-P is read-only: ${PROMOTE_REASON}; ${goLiveReason}`);
    expect(mayWaive({ facts: live.facts(), ...sreP }, { kind: 'team', key: 'sre-p' }, 'Not needed for this add-on at all')).toEqual({ ok: false, reason: `SRE-P is read-only: ${PROMOTE_REASON}; ${goLiveReason}` });
    // Back in In Review: every stage is open again.
    expect(readOnlyTargets(live.withTicket({ statusId: S.inReview.id, status: 'In Review' }).facts(), [{ kind: 'team', key: 'sre-p' }])).toBeUndefined();
    expect(currentPass(live.facts(), 'go-live')).toBeUndefined();
  });
});

describe('the pass record of a transition', () => {
  it('keeps the statuses by name and the override the stage relied on', () => {
    const issue = new IssueFixtureV2(addon, { statusId: S.inProduction.id, status: 'In Production' }).override('promote-to-prod', 'Customer launch agreed by the VP on 3 March', T0, { by: 'acc-admin', via: 'golive-overriders' });
    const verdict = evaluateStageV2(issue.facts(), 'promote-to-prod', new Date(T1));
    const outcome = passRecordOf(issue.facts(), verdict, PROMOTE_TRANSITION, 'acc-pm', T1, issue.snapshot().digests);
    expect(outcome).toEqual({
      ok: true,
      record: {
        kind: 'pass',
        schemaVersion: 2,
        issueId: '10001',
        stage: 'promote-to-prod',
        at: T1,
        by: 'acc-pm',
        transition: PROMOTE_TRANSITION,
        configVersion: 0,
        overridden: true,
        override: { by: 'acc-admin', at: T0, justification: 'Customer launch agreed by the VP on 3 March' },
        message: verdict.message,
        relied: { 'golive-gate.override.promote-to-prod': issue.snapshot().digests['golive-gate.override.promote-to-prod'] },
      },
    });
  });
});
