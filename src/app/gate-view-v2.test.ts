import { teamProperty } from '../gate/records';
import { templateConfig } from '../../test/support/v1-templates';
import { answerItems } from './answer-items';
import { decide } from './decide';
import { exportEvidence } from './export-evidence';
import { loadGate } from './load-gate';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';

const approve = (world: ReturnType<typeof demoWorld>, team: string) => decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' });

describe('the gate view of model v2', () => {
  it('judges the same records per stage and approver: the v1 approval counts as a legacy decision, 1 of 1, and every verdict reads as the validator’s', async () => {
    const world = demoWorld();
    await approve(world, 'sre-p');
    const view = await loadGate(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY);
    expect(view).toMatchObject({ gated: true, configV2: { schemaVersion: 2, version: 1 } });
    expect(view.verdictsV2?.map((v) => [v.stage, v.allowed, v.message])).toEqual(view.verdicts.map((v) => [v.stage, v.allowed, v.message]));
    const sreP = view.verdictsV2?.[0]?.teams.find((t) => t.team === 'sre-p');
    expect(sreP).toMatchObject({ state: 'approved', needed: 1, have: 1, legacy: true, applicability: { status: 'required' } });
    expect(sreP?.approvals).toEqual([expect.objectContaining({ by: 'acc-sre-p', legacy: true, state: 'counts', stage: 'promote-to-prod' })]);
    expect(view.recordsV2).toMatchObject({ decisions: [], legacy: { 'sre-p': { decision: 'approved', by: 'acc-sre-p' } }, waivers: [], passes: {} });
    // SRE-P may approve both of its stages at once, and waive only its own requirements (it signs off capacity and velocity).
    expect(view.stagePermissions?.filter((p) => p.team === 'sre-p').map((p) => [p.stage, p.canApprove])).toEqual([
      ['promote-to-prod', true],
      ['go-live', true],
    ]);
    expect(view.waiverPermissions?.filter((w) => w.canWaive).map((w) => `${w.target.kind}:${w.target.key}`)).toEqual(['team:sre-p', 'number:capacity', 'number:velocity']);
    expect(view.waiverPermissions?.find((w) => w.target.key === 'cee')).toEqual({ target: { kind: 'team', key: 'cee' }, canWaive: false, reason: 'Only an approver for CEE or a member of golive-overriders can mark CEE not applicable' });
  });

  it('refuses to trust a v1 approval edited outside the app, in the v2 verdict as in the v1 one', async () => {
    const world = demoWorld();
    await approve(world, 'sre-p');
    const property = world.issues.issues.get('10001')?.properties[teamProperty('sre-p')] as Record<string, unknown>;
    property['by'] = 'acc-someone-else';
    const view = await loadGate(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY);
    expect(view.recordsV2?.legacy).toEqual({});
    expect(view.verdictsV2?.[0]?.teams.find((t) => t.team === 'sre-p')).toMatchObject({ state: 'unverified', have: 0 });
    expect(view.verdictsV2?.[0]?.message).toBe(view.verdicts[0]?.message);
  });
});

describe('exportEvidence', () => {
  it('exports every stage’s verdict and the digest of every trusted record, as JSON and as Markdown', async () => {
    const world = demoWorld();
    await approve(world, 'sre-p');
    const json = await exportEvidence(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, 'json');
    expect(json).toMatchObject({ fileName: 'SKU-1-go-live-evidence.json', mediaType: 'application/json' });
    const evidence = JSON.parse(json.content) as { ticket: unknown; stages: { stage: string; verdict: { allowed: boolean } }[]; digests: Record<string, string> };
    expect(evidence.ticket).toEqual({ id: '10001', key: ISSUE_KEY, projectKey: 'SKU' });
    expect(evidence.stages.map((s) => [s.stage, s.verdict.allowed])).toEqual([
      ['promote-to-prod', false],
      ['go-live', false],
    ]);
    expect(Object.keys(evidence.digests)).toEqual([teamProperty('sre-p')]);
    expect(evidence.digests[teamProperty('sre-p')]).toMatch(/^[0-9a-f]{64}$/);
    const markdown = await exportEvidence(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, 'markdown');
    expect(markdown).toMatchObject({ fileName: 'SKU-1-go-live-evidence.md', mediaType: 'text/markdown' });
    expect(markdown.content.split('\n')[0]).toBe(`# Go-Live Gate evidence for ${ISSUE_KEY}`);
    expect(markdown.content).toContain('| SRE-P | approved (1 of 1) | acc-sre-p at ');
  });

  it('leaves out a record the app does not trust', async () => {
    const world = demoWorld();
    await approve(world, 'sre-p');
    (world.issues.issues.get('10001')?.properties[teamProperty('sre-p')] as Record<string, unknown>)['comment'] = 'forged';
    const evidence = JSON.parse((await exportEvidence(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, 'json')).content) as { digests: Record<string, string> };
    expect(evidence.digests).toEqual({});
  });
});

describe('deciding at named stages', () => {
  it('records the decision at a subset of the stages the team signs off, per stage, and refuses another team’s stage or an unknown one', async () => {
    const world = demoWorld();
    const sreP = world.portsFor('acc-sre-p');
    const who = { accountId: 'acc-sre-p' };
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve', stages: ['promote-to-prod'] })).rejects.toMatchObject({
      message: 'CEE does not sign off Promote to prod.',
    });
    await expect(decide(sreP, who, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['ga'] })).rejects.toMatchObject({ message: 'This gate has no stage "ga".' });
    expect(world.audit.events).toEqual([]);
    const view = await decide(sreP, who, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['go-live'] });
    expect(view.records.decisions['sre-p']).toBeUndefined();
    expect(view.recordsV2?.decisions).toEqual([expect.objectContaining({ stage: 'go-live', team: 'sre-p', decision: 'approved', by: 'acc-sre-p' })]);
    expect(view.verdictsV2?.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === 'sre-p')?.state).toBe('approved');
    expect(view.verdictsV2?.find((v) => v.stage === 'promote-to-prod')?.teams.find((t) => t.team === 'sre-p')?.state).toBe('pending');
  });
});

describe('answerItems', () => {
  it('stores text answers as the questionnaire does, clears one with null, and refuses a tick for a text item, saving nothing', async () => {
    const world = demoWorld(templateConfig('kubernetes-prr'));
    const [first, second] = templateConfig('kubernetes-prr')!.questions;
    const pm = world.portsFor('acc-pm');
    const who = { accountId: 'acc-pm' };
    await answerItems(pm, who, ISSUE_KEY, { answers: { [first!.key]: 'Yes, in staging', [second!.key]: 'Behind a feature gate' } });
    await expect(answerItems(pm, who, ISSUE_KEY, { answers: { [first!.key]: true } })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: `answers.${first!.key}`, message: 'is a text item: answer it in words (ticks and numbers are for checkbox and number items)' }],
    });
    const view = await answerItems(pm, who, ISSUE_KEY, { answers: { [second!.key]: null } });
    expect(view.records.answers?.answers).toEqual({ [first!.key]: 'Yes, in staging' });
    expect(view.recordsV2?.answers?.answers).toEqual({ [first!.key]: 'Yes, in staging' });
  });
});
