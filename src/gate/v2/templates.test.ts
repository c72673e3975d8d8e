import type { GateConfigV2 } from './config';
import { itemsFor, parseGateConfigV2 } from './config';
import { evaluateAllV2, evaluateStageV2 } from './evaluate';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { KUBERNETES_SIGS, OWNING_SIG_FIELD, TEMPLATES_V2, templateConfigV2, withSiteFields } from './templates';

const addon = templateConfigV2('managed-addon') as GateConfigV2;
const prr = templateConfigV2('kubernetes-prr') as GateConfigV2;
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const T2 = '2026-03-03T09:00:00.000Z';
const NOW = new Date('2026-03-04T09:00:00.000Z');

describe('v2 templates', () => {
  it.each(TEMPLATES_V2.map((t) => t.key))('%s is a valid v2 configuration at version 0', (key) => {
    const config = templateConfigV2(key);
    expect(parseGateConfigV2(config)).toEqual({ ok: true, value: config });
    expect(config?.template).toBe(key);
    expect(config?.version).toBe(0);
  });

  it('offers the managed add-on and Kubernetes PRR templates, each a fresh copy', () => {
    expect(TEMPLATES_V2.map((t) => t.key)).toEqual(['managed-addon', 'kubernetes-prr']);
    expect(templateConfigV2('toString')).toBeUndefined();
    templateConfigV2('managed-addon')?.teams.pop();
    expect(templateConfigV2('managed-addon')?.teams).toHaveLength(13);
  });

  it('models seed 000: Layered SRE if present, SRE-P signing off twice, the go-live signal and criteria, capacity and velocity', () => {
    expect(addon.teams.find((t) => t.key === 'layered-sre')?.applies).toEqual({ when: 'if-present', condition: { anyOf: [{ field: 'labels', is: 'layered-sre' }] } });
    expect(addon.teams.filter((t) => t.applies.when !== 'always').map((t) => t.key)).toEqual(['layered-sre']);
    expect(addon.stages.map((s) => [s.key, s.teams.map((t) => t.team), s.numbers, s.carryOver])).toEqual([
      ['promote-to-prod', ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'], [], []],
      ['go-live', addon.teams.map((t) => t.key), ['capacity', 'velocity'], []],
    ]);
    expect(addon.items.find((i) => i.key === 'go-live-signal')).toMatchObject({
      kind: 'choice',
      options: ['SKUs enabled, with AMS delivering quota reconcile against them', 'Free with OSD', 'Free overall'],
      requiredFor: ['go-live'],
    });
    expect(itemsFor(addon, 'go-live').filter((i) => i.section === 'Go-live criteria').map((i) => [i.kind, i.text])).toEqual([
      ['checkbox', 'Demonstrated viability and support cover'],
      ['checkbox', 'Service definition published'],
      ['checkbox', 'Demonstrated SLIs'],
    ]);
    expect(addon.numbers.map((n) => [n.key, n.signedOffBy])).toEqual([
      ['capacity', 'sre-p'],
      ['velocity', 'sre-p'],
    ]);
    // "The go-live signal every team agrees to": every go-live team's approval covers it, not only ServiceDev B's.
    expect(addon.items.filter((i) => i.agreedByEveryTeam === true).map((i) => [i.key, i.reviewedBy])).toEqual([['go-live-signal', 'servicedev-b']]);
    // "Sign off from Managed Tenants SRE and OSD-e2e that the platform is not being compromised".
    expect(addon.items.filter((i) => i.agreedBy !== undefined).map((i) => [i.key, i.reviewedBy, i.agreedBy])).toEqual([['platform-not-compromised', 'mt-sre', ['osd-e2e']]]);
    // Each stage's review begins where v1's template says, so the reviews page times waits from it.
    expect(addon.stages.map((s) => [s.key, s.fromStatus])).toEqual([
      ['promote-to-prod', 'In Review'],
      ['go-live', 'In Production'],
    ]);
  });

  it('models seed 003: alpha, beta and GA approved separately by the owning SIG from a ticket field and the PRR team', () => {
    expect(prr.teams.find((t) => t.key === 'owning-sig')?.approversFrom).toEqual({
      field: OWNING_SIG_FIELD,
      kind: 'select',
      groups: Object.fromEntries(KUBERNETES_SIGS.map((sig) => [sig, [`golive-${sig}`]])),
    });
    expect(prr.fieldNames).toEqual({ [OWNING_SIG_FIELD]: 'Owning SIG' });
    expect(prr.stages.map((s) => [s.key, s.teams.map((t) => t.team), s.carryOver])).toEqual([
      ['alpha', ['owning-sig', 'prr'], []],
      ['beta', ['owning-sig', 'prr'], []],
      ['ga', ['owning-sig', 'prr'], []],
    ]);
    // As v1's PRR template: each milestone's review begins when the enhancement enters the status before it.
    // The playbook the questionnaire feeds is a readiness criterion from beta on (seed 003).
    expect(prr.stages.map((s) => [s.key, s.requirePlaybook === true])).toEqual([
      ['alpha', false],
      ['beta', true],
      ['ga', true],
    ]);
    expect(prr.stages.map((s) => [s.key, s.fromStatus])).toEqual([
      ['alpha', 'Provisional'],
      ['beta', 'Alpha'],
      ['ga', 'Beta'],
    ]);
    const checklist = prr.items.filter((i) => i.section === 'Release signoff checklist');
    expect(checklist.map((i) => i.kind)).toEqual(['link', 'checkbox', 'checkbox', 'checkbox', 'checkbox', 'checkbox', 'link', 'checkbox']);
    expect(checklist.every((i) => i.requiredFor.join() === 'alpha,beta,ga' && i.reviewedBy === 'owning-sig')).toBe(true);
    const sectionsFor = (stage: string): string[] => [...new Set(itemsFor(prr, stage).map((i) => i.section))];
    expect(sectionsFor('alpha')).toEqual(['Release signoff checklist', 'Feature enablement and rollback']);
    expect(sectionsFor('beta')).toEqual(['Release signoff checklist', 'Feature enablement and rollback', 'Rollout, upgrade and rollback', 'Monitoring requirements', 'Dependencies', 'Playbook']);
    expect(sectionsFor('ga')).toEqual([...sectionsFor('beta').slice(0, -1), 'Troubleshooting', 'Scalability', 'Playbook']);
  });
});

describe('the managed add-on template, end to end in the rules', () => {
  const promoteTeams = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
  const everyone = addon.teams.map((t) => t.key).filter((t) => t !== 'layered-sre');
  const goLiveReady = (issue: IssueFixtureV2): IssueFixtureV2 => {
    issue
      .recordNumbers({ capacity: 500, velocity: 20 }, T1)
      .answer({ 'go-live-signal': 'Free with OSD', 'viability-support-cover': true, 'service-definition': true, 'demonstrated-slis': true }, T1);
    for (const team of everyone) issue.approve('go-live', team, T2);
    return issue;
  };
  const promoted = (ticket = {}): IssueFixtureV2 => {
    const issue = new IssueFixtureV2(addon, ticket).answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://ci.example.com/osde2e/1234' }, T0);
    for (const team of promoteTeams) issue.approve('promote-to-prod', team, T0);
    return issue;
  };

  it('promotes to prod on the reduced set, then blocks go-live until SRE-P signs off again', () => {
    const issue = promoted();
    expect(evaluateStageV2(issue.facts(), 'promote-to-prod', NOW).message).toBe('Promote to prod: ready');
    issue.pass('promote-to-prod', T0, { relied: [] });
    const goLive = evaluateStageV2(issue.facts(), 'go-live', NOW);
    expect(goLive.allowed).toBe(false);
    expect(goLive.teams.find((t) => t.team === 'sre-p')?.state).toBe('pending');
    expect(goLive.message).toBe(
      'Go live blocked: waiting on SRE-P, CEE, OSD e2e, OSD SRE, Platform & Payload, OSD/ROSA PM, OCM PM, Addon/Product PM, ServiceDev A, ServiceDev B, Managed Tenants SRE, Dev team; capacity not recorded; velocity not recorded; 1 question unanswered; 3 checklist items not ticked',
    );
  });

  it('goes live without Layered SRE on a ticket without the label, where it is not applicable', () => {
    const issue = goLiveReady(promoted().pass('promote-to-prod', T0));
    const verdicts = evaluateAllV2(issue.facts(), NOW);
    expect(verdicts.map((v) => [v.stage, v.allowed, v.message])).toEqual([
      ['promote-to-prod', true, 'Promote to prod: passed on 2026-03-01'],
      ['go-live', true, 'Go live: ready'],
    ]);
    expect(verdicts[1]?.teams.find((t) => t.team === 'layered-sre')?.state).toBe('not-required');
  });

  it('requires Layered SRE on a ticket labelled layered-sre, until it approves or waives', () => {
    const issue = goLiveReady(promoted({ labels: ['layered-sre'] }).pass('promote-to-prod', T0));
    expect(evaluateStageV2(issue.facts(), 'go-live', NOW).message).toBe('Go live blocked: waiting on Layered SRE');
    issue.approve('go-live', 'layered-sre', T2);
    expect(evaluateStageV2(issue.facts(), 'go-live', NOW).message).toBe('Go live: ready');
  });
});

describe('the Kubernetes PRR template, end to end in the rules', () => {
  const CHECKLIST = {
    'enhancements-issue': 'https://github.com/kubernetes/enhancements/issues/4242',
    'kep-implementable': true,
    'design-details': true,
    'test-plan': true,
    'graduation-criteria': true,
    'implementation-history': true,
    'user-docs': 'https://github.com/kubernetes/website/pull/4242',
    'supporting-docs': true,
  };
  const answersFor = (stage: string): Record<string, string> =>
    Object.fromEntries(itemsFor(prr, stage).filter((i) => i.kind === 'text').map((i) => [i.key, `Answer to ${i.key}`]));
  const approveStage = (issue: IssueFixtureV2, stage: string, at: string): IssueFixtureV2 =>
    issue.approve(stage, 'owning-sig', at, { by: 'acc-sig-node-lead' }).approve(stage, 'prr', at, { by: 'acc-prr-reviewer' });

  it('takes a KEP owned by SIG Node through alpha, beta and GA, each approved on its own', () => {
    const issue = new IssueFixtureV2(prr, { fields: { [OWNING_SIG_FIELD]: ['sig-node'] } }).answer({ ...CHECKLIST, ...answersFor('alpha') }, T0, 'acc-author');
    expect(evaluateStageV2(issue.facts(), 'alpha', NOW).message).toBe('Alpha blocked: waiting on Owning SIG, PRR team');
    approveStage(issue, 'alpha', T0);
    expect(evaluateStageV2(issue.facts(), 'alpha', NOW).allowed).toBe(true);
    expect(evaluateStageV2(issue.facts(), 'alpha', NOW).teams[0]?.approvals[0]).toMatchObject({ via: 'golive-sig-node', state: 'counts' });
    issue.pass('alpha', T0);

    expect(evaluateStageV2(issue.facts(), 'beta', NOW).message).toBe('Beta blocked: waiting on Owning SIG, PRR team; 11 questions unanswered; playbook not generated');
    issue.answer({ ...answersFor('beta'), playbook: 'https://github.com/kubernetes/enhancements/keps/sig-node/4242/playbook.md' }, T1, 'acc-author');
    approveStage(issue, 'beta', T1);
    // "The creation of this playbook should be one of the production readiness criteria": generated from the answers.
    expect(evaluateStageV2(issue.facts(), 'beta', NOW).message).toBe('Beta blocked: playbook not generated');
    issue.generatePlaybook(T1, 'acc-author').pass('beta', T1, { transition: { id: '31', from: '10002', to: '10003' } });

    const ga = evaluateStageV2(issue.facts(), 'ga', NOW);
    expect(ga.message).toBe('GA blocked: waiting on Owning SIG, PRR team; 7 questions unanswered');
    issue.answer(answersFor('ga'), T2, 'acc-author');
    approveStage(issue, 'ga', T2);
    expect(evaluateStageV2(issue.facts(), 'ga', NOW).message).toBe('GA blocked: playbook out of date');
    issue.generatePlaybook(T2, 'acc-author');
    expect(evaluateAllV2(issue.facts(), NOW).map((v) => [v.stage, v.allowed, v.message])).toEqual([
      ['alpha', true, 'Alpha: passed on 2026-03-01'],
      ['beta', true, 'Beta: passed on 2026-03-02'],
      ['ga', true, 'GA: ready'],
    ]);
  });

  it('does not count the approval of a SIG the Owning SIG field does not name', () => {
    const issue = new IssueFixtureV2(prr, { fields: { [OWNING_SIG_FIELD]: ['sig-apps'] } }).answer({ ...CHECKLIST, ...answersFor('alpha') }, T0, 'acc-author');
    issue.approve('alpha', 'owning-sig', T0, { by: 'acc-sig-node-lead', via: 'golive-sig-node' }).approve('alpha', 'prr', T0, { by: 'acc-prr-reviewer' });
    const alpha = evaluateStageV2(issue.facts(), 'alpha', NOW);
    expect(alpha.message).toBe('Alpha blocked: waiting on Owning SIG');
    expect(alpha.reasons).toEqual(["Owning SIG's approval came through golive-sig-node, which no longer acts for Owning SIG; an approver for Owning SIG can approve again"]);
  });

  it('blocks alpha on an unticked checklist item and a checklist link that is not a link', () => {
    const issue = approveStage(
      new IssueFixtureV2(prr, { fields: { [OWNING_SIG_FIELD]: ['sig-node'] } }).answer({ ...CHECKLIST, ...answersFor('alpha'), 'test-plan': false, 'user-docs': 'TBD' }, T0, 'acc-author'),
      'alpha',
      T0,
    );
    expect(evaluateStageV2(issue.facts(), 'alpha', NOW).message).toBe('Alpha blocked: 1 checklist item not ticked; 1 answer invalid');
  });
});

describe('withSiteFields', () => {
  it("reads the site's own field wherever the template names its field: display names, approver sources, conditions", () => {
    const conditional = { ...prr, teams: prr.teams.map((team, i) => (i === 1 ? { ...team, applies: { when: 'condition' as const, condition: { anyOf: [{ field: 'customfield_10070', isSet: true as const }, { field: 'labels', is: 'prr' }] } } } : team)) };
    const mapped = withSiteFields(conditional, { customfield_10070: 'customfield_10123' });
    expect(mapped.fieldNames).toEqual({ customfield_10123: 'Owning SIG' });
    expect(mapped.teams[0]?.approversFrom).toMatchObject({ field: 'customfield_10123', kind: 'select' });
    expect(mapped.teams[1]?.applies).toEqual({ when: 'condition', condition: { anyOf: [{ field: 'customfield_10123', isSet: true }, { field: 'labels', is: 'prr' }] } });
    expect(withSiteFields(prr, {})).toEqual(prr);
  });
});
