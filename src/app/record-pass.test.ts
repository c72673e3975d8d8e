import { ForbiddenError } from '../errors';
import { passProperty, recordDigest } from '../gate/v2/records';
import { templateConfig } from '../../test/support/v1-templates';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { decide } from './decide';
import { exportEvidence } from './export-evidence';
import { loadGate } from './load-gate';
import { override } from './override';
import { recordNumbers } from './record-numbers';
import { recordStatusChange } from './record-pass';
import type { StatusChangeEvent } from './record-pass';

const issueId = '10001';
const PROMOTE = 'promote-to-prod';
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
const STATUS = { toDo: { id: '10000', name: 'To Do' }, inReview: { id: '10001', name: 'In Review' }, inProduction: { id: '10002', name: 'In Production' }, live: { id: '10003', name: 'Live' } } as const;
type Status = (typeof STATUS)[keyof typeof STATUS];

const issue = (world: MemoryWorld) => world.issues.issues.get(issueId)!;
const state = (world: MemoryWorld): string => JSON.stringify({ properties: issue(world).properties, heads: [...world.records.stored], audit: world.audit.events });

/** Jira moves the ticket and tells the trigger, as `avi:jira:updated:issue` does. */
async function move(world: MemoryWorld, from: Status, to: Status, changeId: string, by = 'acc-pm') {
  issue(world).status = to;
  const event: StatusChangeEvent = { issueId, changeId, by, change: { fromId: from.id, fromName: from.name, toId: to.id, toName: to.name } };
  return recordStatusChange(world.portsFor('app'), event);
}

async function approvePromote(world: MemoryWorld): Promise<void> {
  for (const team of PROMOTE_TEAMS) await decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve', stages: [PROMOTE] });
}

describe('recordStatusChange: stages pass once, with evidence', () => {
  it('stores the pass when the ticket moves through promote to prod: the verdict, the configuration version, the digest of each record it relied on, who moved it and when', async () => {
    const world = demoWorld();
    await approvePromote(world);
    world.now = new Date('2026-03-02T09:30:00.000Z');

    expect(await move(world, STATUS.inReview, STATUS.inProduction, '7001')).toEqual({ passed: PROMOTE, reopened: [] });

    const decisions = Object.fromEntries(PROMOTE_TEAMS.map((team) => `golive-gate.decision.${PROMOTE}.${team}.acc-${team}`).sort().map((key) => [key, world.records.stored.get(`${issueId}:${key}`)?.digest]));
    const record = {
      kind: 'pass',
      schemaVersion: 2,
      issueId,
      stage: PROMOTE,
      at: '2026-03-02T09:30:00.000Z',
      by: 'acc-pm',
      transition: { id: '7001', from: '10001', to: '10002', fromName: 'In Review', toName: 'In Production' },
      configVersion: 1,
      overridden: false,
      message: 'Promote to prod: ready',
      relied: decisions,
    };
    expect(issue(world).properties[passProperty(PROMOTE)]).toEqual(record);
    expect(world.records.stored.get(`${issueId}:${passProperty(PROMOTE)}`)).toEqual({ seq: 1, digest: recordDigest(record), record });
    expect(world.audit.events.find((e) => e.propertyKey === passProperty(PROMOTE))).toEqual(
      expect.objectContaining({
        action: 'pass', actor: 'acc-pm', stage: PROMOTE, propertyKey: passProperty(PROMOTE), seq: 1, outcome: 'applied',
        detail: 'Promote to prod passed: the ticket moved from In Review to In Production under configuration version 1, relying on 4 records',
      }),
    );
    const view = await loadGate(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY);
    expect(view.verdictsV2?.find((v) => v.stage === PROMOTE)).toMatchObject({ allowed: true, message: 'Promote to prod: passed on 2026-03-02', passed: { at: record.at, by: 'acc-pm', configVersion: 1, overridden: false } });
  });

  it('writes nothing more when Jira delivers the event again', async () => {
    const world = demoWorld();
    await approvePromote(world);
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    const before = state(world);
    expect(await move(world, STATUS.inReview, STATUS.inProduction, '7001')).toEqual({ notPassed: 'the pass of change 7001 is recorded already', reopened: [] });
    expect(state(world)).toBe(before);
  });

  it('stores no pass when the records do not allow the stage at that moment, nor for a move that is no gated transition', async () => {
    const world = demoWorld();
    const before = state(world);
    expect(await move(world, STATUS.inReview, STATUS.inProduction, '7001')).toEqual({
      notPassed: 'The ticket moved while Promote to prod blocked: waiting on SRE-P, OSD e2e, Managed Tenants SRE, Dev team',
      reopened: [],
    });
    expect(await move(world, STATUS.toDo, STATUS.inReview, '7002')).toEqual({ reopened: [] });
    expect(state(world)).toBe(before);
  });

  it('passes nothing on a ticket the gate does not apply to', async () => {
    const world = demoWorld();
    const stored = world.configs.stored.get(PROJECT.id)!;
    world.configs.stored.set(PROJECT.id, { ...stored, config: { ...stored.config, scope: { issueTypes: ['Epic'], labels: [] } } });
    const before = state(world);
    expect(await move(world, STATUS.inReview, STATUS.inProduction, '7001')).toEqual({ reopened: [] });
    expect(state(world)).toBe(before);
  });

  it('keeps an override in the pass as such', async () => {
    const world = demoWorld();
    await override(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { stage: PROMOTE, justification: 'Customer launch agreed by the VP on 3 March' });
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    expect(issue(world).properties[passProperty(PROMOTE)]).toMatchObject({
      overridden: true,
      override: { by: 'acc-admin', at: world.now.toISOString(), justification: 'Customer launch agreed by the VP on 3 March' },
      relied: { [`golive-gate.override.${PROMOTE}`]: world.records.stored.get(`${issueId}:golive-gate.override.${PROMOTE}`)?.digest },
    });
    expect(world.audit.events.find((e) => e.action === 'pass')?.detail).toBe('Promote to prod passed, by override: the ticket moved from In Review to In Production under configuration version 1, relying on 1 records');
  });

  it('makes the passed stage read-only, naming it and when it passed, while what a later stage needs stays writable', async () => {
    // Dev team signs off promote to prod only here, so its ticket-wide decision is read-only once that stage passed.
    const addon = templateConfig('managed-addon')!;
    const world = demoWorld({ ...addon, stages: addon.stages.map((s) => (s.key === 'go-live' ? { ...s, requiredTeams: s.requiredTeams.filter((t) => t !== 'dev-team') } : s)) });
    await approvePromote(world);
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    const before = state(world);
    const why = 'Promote to prod passed on 2026-03-01 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back.';
    await expect(decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'revoke', stages: [PROMOTE] })).rejects.toThrow(new ForbiddenError(why));
    await expect(decide(world.portsFor('acc-dev-team'), { accountId: 'acc-dev-team' }, ISSUE_KEY, { team: 'dev-team', decision: 'decline', comment: 'Not so sure any more' })).rejects.toThrow(
      new ForbiddenError(`Dev team is read-only: ${why.slice(0, -1)}. Nothing was saved.`),
    );
    await expect(override(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { stage: PROMOTE, justification: 'Customer launch agreed by the VP on 3 March' })).rejects.toThrow(
      new ForbiddenError(`${why.slice(0, -1)}. Nothing was saved.`),
    );
    expect(state(world)).toBe(before);
    // SRE-P signs off go live too, and capacity is go live's: both stay writable.
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 40 } });
    await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['go-live'] });
  });

  it('reopens the stage when the ticket moves back, keeping the old pass in its record and the trail, and records a new pass on the next transition', async () => {
    const world = demoWorld();
    await approvePromote(world);
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    world.now = new Date('2026-03-04T08:00:00.000Z');

    expect(await move(world, STATUS.inProduction, STATUS.inReview, '7002', 'acc-dev-team')).toEqual({ reopened: [PROMOTE], });
    const reopened = issue(world).properties[passProperty(PROMOTE)];
    expect(reopened).toMatchObject({ at: '2026-03-01T10:00:00.000Z', transition: { id: '7001' }, reopened: { at: '2026-03-04T08:00:00.000Z', by: 'acc-dev-team', to: '10001' } });
    expect(world.records.stored.get(`${issueId}:${passProperty(PROMOTE)}`)?.seq).toBe(2);
    // Open again: the approver may revoke.
    await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'revoke', stages: [PROMOTE] });
    await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: [PROMOTE] });

    expect(await move(world, STATUS.inReview, STATUS.inProduction, '7003')).toEqual({ passed: PROMOTE, reopened: [] });
    expect(issue(world).properties[passProperty(PROMOTE)]).toMatchObject({ at: '2026-03-04T08:00:00.000Z', transition: { id: '7003' } });
    expect(issue(world).properties[passProperty(PROMOTE)]).not.toHaveProperty('reopened');
    const trail = world.audit.events.filter((e) => e.propertyKey === passProperty(PROMOTE)).map((e) => [e.action, e.seq, e.actor]);
    expect(trail).toEqual([
      ['pass', 1, 'acc-pm'],
      ['reopen-pass', 2, 'acc-dev-team'],
      ['pass', 3, 'acc-pm'],
    ]);
  });

  it('replaces a pass whose reopening no event recorded when the ticket comes through the transition again', async () => {
    const world = demoWorld();
    await approvePromote(world);
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    // Put back without an event the app saw (an admin, a lost delivery), then through the gated transition again.
    issue(world).status = STATUS.inReview;
    world.now = new Date('2026-03-05T08:00:00.000Z');
    expect(await move(world, STATUS.inReview, STATUS.inProduction, '7005')).toEqual({ passed: PROMOTE, reopened: [] });
    expect(issue(world).properties[passProperty(PROMOTE)]).toMatchObject({ at: '2026-03-05T08:00:00.000Z', transition: { id: '7005' } });
    expect(world.audit.events.filter((e) => e.propertyKey === passProperty(PROMOTE)).map((e) => [e.action, e.seq])).toEqual([['pass', 1], ['pass', 2]]);
  });

  it('does not trust a pass record someone edited, deleted or forged: the stage is judged afresh from its records, and the record shows as unverified', async () => {
    const world = demoWorld();
    await approvePromote(world);
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    const load = () => loadGate(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY);
    const pass = issue(world).properties[passProperty(PROMOTE)] as Record<string, unknown>;

    issue(world).properties[passProperty(PROMOTE)] = { ...pass, at: '2026-01-01T00:00:00.000Z' };
    let view = await load();
    expect(view.verdictsV2?.find((v) => v.stage === PROMOTE)).toMatchObject({ allowed: true, message: 'Promote to prod: ready' });
    expect(view.verdictsV2?.find((v) => v.stage === PROMOTE)?.passed).toBeUndefined();
    expect(view.unverified).toEqual([{ propertyKey: passProperty(PROMOTE), problem: 'digest-mismatch', fix: 'The stage is judged afresh until its next transition records the pass again.' }]);
    // No longer read-only: the edited record grants nothing.
    await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'revoke', stages: [PROMOTE] });

    delete issue(world).properties[passProperty(PROMOTE)];
    view = await load();
    expect(view.unverified).toEqual([expect.objectContaining({ propertyKey: passProperty(PROMOTE), problem: 'deleted' })]);
    expect(view.verdictsV2?.find((v) => v.stage === PROMOTE)).toMatchObject({ allowed: false, message: 'Promote to prod blocked: waiting on SRE-P' });

    // A pass written by hand for go live, on a ticket no team approved for it: it passes nothing.
    issue(world).status = STATUS.live;
    issue(world).properties[passProperty('go-live')] = { ...pass, stage: 'go-live', transition: { id: '7009', from: '10002', to: '10003' } };
    view = await load();
    expect(view.verdictsV2?.find((v) => v.stage === 'go-live')).toMatchObject({ allowed: false, message: expect.stringContaining('Go live blocked') as unknown });
    expect(view.verdictsV2?.find((v) => v.stage === 'go-live')?.passed).toBeUndefined();
    expect(view.unverified.map((u) => [u.propertyKey, u.problem])).toContainEqual([passProperty('go-live'), 'no-digest']);
  });

  it('puts the pass into the evidence export, as JSON and Markdown', async () => {
    const world = demoWorld();
    await approvePromote(world);
    await move(world, STATUS.inReview, STATUS.inProduction, '7001');
    const ports = world.portsFor('acc-cee');
    const json = JSON.parse((await exportEvidence(ports, { accountId: 'acc-cee' }, ISSUE_KEY, 'json')).content) as { stages: { stage: string; pass?: { by: string; transition: { toName: string } } }[] };
    expect(json.stages.find((s) => s.stage === PROMOTE)?.pass).toMatchObject({ by: 'acc-pm', transition: { toName: 'In Production' } });
    const markdown = (await exportEvidence(ports, { accountId: 'acc-cee' }, ISSUE_KEY, 'markdown')).content;
    expect(markdown).toContain('Passed on 2026-03-01T10:00:00.000Z when acc-pm moved the ticket from In Review (10001) to In Production (10002) (change 7001), configuration version 1.');
    expect(markdown).toContain(`| golive-gate.decision.${PROMOTE}.sre-p.acc-sre-p | \``);
  });
});
