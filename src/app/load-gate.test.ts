import { teamProperty } from '../gate/records';
import { templateConfig } from '../../test/support/v1-templates';
import { NotFoundError } from '../errors';
import { decide } from './decide';
import { getAudit } from './get-audit';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import { loadGate } from './load-gate';

describe('loadGate', () => {
  it('answers everything the panel shows with one issue read', async () => {
    const world = demoWorld();
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    const reads = world.issues.requests;
    const view = await loadGate(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY);
    expect(world.issues.requests - reads).toBe(1);
    expect(view).toMatchObject({ configured: true, me: { accountId: 'acc-sre-p' }, canOverride: false, canRecord: true, issue: { key: ISSUE_KEY, reporterAccountId: 'acc-pm' } });
    expect(view.verdicts.map((v) => v.stage)).toEqual(['promote-to-prod', 'go-live']);
    expect(view.permissions.find((p) => p.team === 'sre-p')).toMatchObject({ canAct: true });
    expect(view.permissions.find((p) => p.team === 'cee')).toMatchObject({ canAct: false, reason: 'You are not in golive-cee, the group that acts for CEE' });
    expect(view.audit.events).toEqual([expect.objectContaining({ actor: 'acc-cee', action: 'decide' })]);
  });

  it('shows a write as applied when its record is the head and verifies, though its writer stopped before saying so', async () => {
    const world = demoWorld();
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve' });
    // As a writer killed after the property write leaves it: CEE's event pending; SRE-P's pending, with its property gone.
    for (const event of world.audit.events) Object.assign(event, { outcome: 'pending' });
    delete world.issues.issues.get('10001')?.properties[teamProperty('sre-p')];
    const view = await loadGate(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY);
    expect(view.audit.events.map((e) => [e.team, e.outcome])).toEqual([
      ['sre-p', 'pending'],
      ['cee', 'applied'],
    ]);
  });

  it('shows a project without a gate as not configured instead of failing', async () => {
    const world = demoWorld();
    world.configs.stored.clear();
    expect(await loadGate(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY)).toMatchObject({ configured: false, verdicts: [], permissions: [], canRecord: false });
  });

  it('lets the override group override and strangers record nothing', async () => {
    const world = demoWorld();
    expect(await loadGate(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY)).toMatchObject({ canOverride: true, canRecord: true });
    expect(await loadGate(world.portsFor('acc-stranger'), { accountId: 'acc-stranger' }, ISSUE_KEY)).toMatchObject({ canOverride: false, canRecord: false });
  });
});

describe('getAudit', () => {
  it('pages through the audit trail, newest first', async () => {
    const world = demoWorld();
    for (const team of ['cee', 'osd-sre', 'mt-sre']) await decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' });
    const first = await getAudit(world.portsFor('acc-pm'), ISSUE_KEY, { limit: 2 });
    expect(first.events.map((e) => e.team)).toEqual(['mt-sre', 'osd-sre']);
    const second = await getAudit(world.portsFor('acc-pm'), ISSUE_KEY, { limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ events: [expect.objectContaining({ team: 'cee' })], nextCursor: undefined });
  });

  it("answers not-found to someone who cannot see the issue instead of its history", async () => {
    const world = demoWorld(templateConfig('managed-addon'));
    world.issues.issues.get('10001')!.hiddenFrom.add('acc-stranger');
    await expect(getAudit(world.portsFor('acc-stranger'), ISSUE_KEY, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
