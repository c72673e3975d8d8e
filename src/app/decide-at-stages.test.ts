import { ForbiddenError, ValidationError } from '../errors';
import { teamProperty } from '../gate/records';
import { decisionProperty, recordDigest } from '../gate/v2/records';
import type { GateView } from '../contract';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { decide } from './decide';

const issueId = '10001';
const properties = (world: MemoryWorld): Record<string, unknown> => world.issues.issues.get(issueId)!.properties;
const state = (world: MemoryWorld): string => JSON.stringify({ properties: properties(world), heads: [...world.records.stored], audit: world.audit.events });
const teamAt = (view: GateView, stage: string, team: string) => view.verdictsV2?.find((v) => v.stage === stage)?.teams.find((t) => t.team === team);
const srep = { accountId: 'acc-sre-p' };

describe('decide at stages (gate model v2)', () => {
  it("records SRE-P's approval of promote to prod alone: its own tamper-evident record, audited with the stage; go live still waits on SRE-P", async () => {
    const world = demoWorld();
    const view = await decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', comment: 'Early content is safe', stages: ['promote-to-prod'] });

    const key = decisionProperty('promote-to-prod', 'sre-p', 'acc-sre-p');
    const record = properties(world)[key];
    expect(record).toMatchObject({ kind: 'decision', schemaVersion: 2, issueId, stage: 'promote-to-prod', team: 'sre-p', decision: 'approved', by: 'acc-sre-p', via: 'golive-sre-p', viaSource: 'team-group', at: world.now.toISOString(), comment: 'Early content is safe', configVersion: 1 });
    expect(world.records.stored.get(`${issueId}:${key}`)).toEqual({ seq: 1, digest: recordDigest(record), record });
    expect(properties(world)[teamProperty('sre-p')]).toBeUndefined();
    expect(world.audit.events).toEqual([expect.objectContaining({ action: 'decide', team: 'sre-p', stage: 'promote-to-prod', detail: 'SRE-P approved at Promote to prod: Early content is safe', outcome: 'applied' })]);
    expect(teamAt(view, 'promote-to-prod', 'sre-p')).toMatchObject({ state: 'approved', have: 1, needed: 1 });
    expect(teamAt(view, 'go-live', 'sre-p')).toMatchObject({ state: 'pending', have: 0 });
    expect(view.unverified).toEqual([]);
  });

  it('approves several stages at once, one record each, covering the numbers SRE-P signs off', async () => {
    const world = demoWorld();
    const view = await decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['go-live', 'promote-to-prod'] });
    expect(view.recordsV2?.decisions.map((d) => d.stage).sort()).toEqual(['go-live', 'promote-to-prod']);
    expect(view.recordsV2?.decisions[0]?.covers.numbers).toMatch(/^[0-9a-f]{64}$/);
    expect(world.audit.events.map((e) => e.stage)).toEqual(['promote-to-prod', 'go-live']);
    expect(view.audit.events.map((e) => e.stage)).toEqual(['go-live', 'promote-to-prod']);
    expect(teamAt(view, 'go-live', 'sre-p')?.state).toBe('approved');
  });

  it('refuses a stage the team does not sign off, an unknown stage, and a revoke where the caller has nothing at one stage, writing nothing', async () => {
    const world = demoWorld();
    await decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['promote-to-prod'] });
    const before = state(world);
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve', stages: ['promote-to-prod'] })).rejects.toThrow(new ValidationError('CEE does not sign off Promote to prod.'));
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve', stages: ['beta'] })).rejects.toThrow(new ValidationError('This gate has no stage "beta".'));
    await expect(decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'revoke', stages: ['promote-to-prod', 'go-live'] })).rejects.toThrow(
      new ForbiddenError('You have no approval or decline for SRE-P at Go live to revoke.'),
    );
    await expect(decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'decline', stages: ['go-live'] })).rejects.toThrow(ValidationError);
    expect(state(world)).toBe(before);
  });

  it('keeps separation of duties: whoever recorded the numbers SRE-P signs off cannot approve them for SRE-P', async () => {
    const world = demoWorld();
    const numbers = { kind: 'numbers', schemaVersion: 2, issueId, values: { capacity: 500 }, recordedBy: { capacity: 'acc-sre-p' }, by: 'acc-sre-p', at: world.now.toISOString() };
    properties(world)['golive-gate.numbers'] = numbers;
    world.records.stored.set(`${issueId}:golive-gate.numbers`, { seq: 1, digest: recordDigest(numbers), record: numbers });
    await expect(decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['promote-to-prod'] })).rejects.toThrow(
      new ForbiddenError('You recorded capacity, which SRE-P signs off; another approver for SRE-P must approve.'),
    );
  });

  it('reads a ticket-wide approval as counting at every stage, lets its approver decline one stage alone, and a later ticket-wide decline overrides their per-stage approval', async () => {
    const world = demoWorld();
    const ports = world.portsFor('acc-sre-p');
    const wide = await decide(ports, srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve' });
    expect(properties(world)[teamProperty('sre-p')]).toMatchObject({ decision: 'approved' });
    expect(teamAt(wide, 'promote-to-prod', 'sre-p')?.state).toBe('approved');
    expect(teamAt(wide, 'go-live', 'sre-p')?.state).toBe('approved');

    const declined = await decide(ports, srep, ISSUE_KEY, { team: 'sre-p', decision: 'decline', comment: 'Go-live capacity is not agreed', stages: ['go-live'] });
    expect(teamAt(declined, 'promote-to-prod', 'sre-p')?.state).toBe('approved');
    expect(teamAt(declined, 'go-live', 'sre-p')?.state).toBe('declined');

    await decide(ports, srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['go-live'] });
    const everywhere = await decide(ports, srep, ISSUE_KEY, { team: 'sre-p', decision: 'decline', comment: 'An incident: stop everything' });
    expect(teamAt(everywhere, 'promote-to-prod', 'sre-p')?.state).toBe('declined');
    expect(teamAt(everywhere, 'go-live', 'sre-p')?.state).toBe('declined');
    expect(properties(world)[decisionProperty('go-live', 'sre-p', 'acc-sre-p')]).toMatchObject({ decision: 'declined', comment: 'An incident: stop everything' });
  });

  it('repairs a ticket-wide record changed outside the app when the stages named are all the team signs off, and decides per stage otherwise', async () => {
    const world = demoWorld();
    properties(world)[teamProperty('cee')] = { kind: 'decision', issueId, team: 'cee', decision: 'approved', by: 'acc-pm', via: 'golive-cee', at: world.now.toISOString(), covers: {} };
    const view = await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve', stages: ['go-live'] });
    expect(properties(world)[teamProperty('cee')]).toMatchObject({ decision: 'approved', by: 'acc-cee' });
    expect(world.audit.events[0]?.action).toBe('repair');
    expect(view.unverified).toEqual([]);

    properties(world)[teamProperty('sre-p')] = { kind: 'decision', issueId, team: 'sre-p', decision: 'approved', by: 'acc-pm', via: 'golive-sre-p', at: world.now.toISOString(), covers: {} };
    const partial = await decide(world.portsFor('acc-sre-p'), srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['promote-to-prod'] });
    expect(partial.recordsV2?.decisions.map((d) => `${d.stage}.${d.team}`)).toEqual(['promote-to-prod.sre-p']);
    expect(partial.unverified.map((u) => u.propertyKey)).toEqual([teamProperty('sre-p')]);
  });

  it('revokes per-stage decisions when their approver revokes without naming stages (a comment command after the panel)', async () => {
    const world = demoWorld();
    const ports = world.portsFor('acc-sre-p');
    await decide(ports, srep, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['promote-to-prod', 'go-live'] });
    const view = await decide(ports, srep, ISSUE_KEY, { team: 'sre-p', decision: 'revoke' });
    expect(view.recordsV2?.decisions.map((d) => `${d.stage}:${d.decision}`).sort()).toEqual(['go-live:revoked', 'promote-to-prod:revoked']);
    expect(properties(world)[teamProperty('sre-p')]).toBeUndefined();
  });
});
