import { ForbiddenError, ValidationError } from '../errors';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { assignReviewer, getReviewers } from './assign-reviewer';
import { decide } from './decide';
import { OWNING_SIG_FIELD, templateConfigV2 } from '../gate/v2/templates';

function world(): MemoryWorld {
  const w = demoWorld();
  w.directory.groups.set('acc-cee-2', ['golive-cee']);
  for (const [id, key] of [['10002', 'SKU-2'], ['10003', 'SKU-3']] as const) w.issues.add({ id, key, projectId: PROJECT.id, projectKey: PROJECT.key, reporterAccountId: 'acc-pm' });
  return w;
}
const as = (w: MemoryWorld, accountId: string) => ({ ports: w.portsFor(accountId), caller: { accountId } });
const cee = (answer: Awaited<ReturnType<typeof getReviewers>>) => answer.teams.find((t) => t.team === 'cee');
const tick = (w: MemoryWorld): void => {
  w.now = new Date(w.now.getTime() + 60_000);
};

describe('reviewer assignment', () => {
  it('lets a team member name the team’s reviewer, and reassign it, with an audit event', async () => {
    const w = world();
    const { ports, caller } = as(w, 'acc-cee');
    expect(cee(await getReviewers(ports, caller, ISSUE_KEY))).toEqual({ team: 'cee', name: 'CEE', members: ['acc-cee', 'acc-cee-2'] });
    expect(cee(await assignReviewer(ports, caller, ISSUE_KEY, { team: 'cee', assignee: 'acc-cee-2' }))).toMatchObject({ reviewer: 'acc-cee-2', how: 'chosen', assignedBy: 'acc-cee' });
    tick(w);
    expect(cee(await assignReviewer(ports, caller, ISSUE_KEY, { team: 'cee', assignee: 'acc-cee' }))).toMatchObject({ reviewer: 'acc-cee', how: 'chosen' });
    expect(w.audit.events.map((e) => e.action)).toEqual(['reviewer-assigned', 'reviewer-assigned']);
    // Someone outside the team sees the reviewer but cannot name one.
    const pm = as(w, 'acc-pm');
    expect(cee(await getReviewers(pm.ports, pm.caller, ISSUE_KEY))).toEqual(expect.not.objectContaining({ members: expect.anything() as unknown }));
  });

  it('refuses someone outside the team, and an assignee outside it', async () => {
    const w = world();
    const pm = as(w, 'acc-pm');
    await expect(assignReviewer(pm.ports, pm.caller, ISSUE_KEY, { team: 'cee' })).rejects.toThrow(ForbiddenError);
    const { ports, caller } = as(w, 'acc-cee');
    await expect(assignReviewer(ports, caller, ISSUE_KEY, { team: 'cee', assignee: 'acc-pm' })).rejects.toThrow(ValidationError);
    expect(w.history.events).toEqual([]);
  });

  it('picks round-robin the member with the fewest tickets still waiting on them', async () => {
    const w = world();
    const { ports, caller } = as(w, 'acc-cee');
    const roundRobin = async (key: string) => cee(await assignReviewer(ports, caller, key, { team: 'cee' }))?.reviewer;
    await expect(roundRobin('SKU-1')).resolves.toBe('acc-cee');
    tick(w);
    await expect(roundRobin('SKU-2')).resolves.toBe('acc-cee-2');
    tick(w);
    // acc-cee decided SKU-1: their queue is empty again, acc-cee-2 still has SKU-2.
    await decide(ports, caller, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    tick(w);
    await expect(roundRobin('SKU-3')).resolves.toBe('acc-cee');
  });

  describe("on a team whose approvers a ticket field names (KEP's Owning SIG)", () => {
    function kepWorld(): MemoryWorld {
      const w = demoWorld();
      w.configs.stored.set(PROJECT.id, { config: templateConfigV2('kubernetes-prr')!, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
      const ticket = w.issues.issues.get('10001');
      if (ticket !== undefined) ticket.fields = { [OWNING_SIG_FIELD]: ['sig-node'] };
      w.directory.groups.set('acc-node-1', ['golive-sig-node']);
      w.directory.groups.set('acc-node-2', ['golive-sig-node']);
      w.directory.groups.set('acc-apps', ['golive-sig-apps']);
      return w;
    }
    const owning = (answer: Awaited<ReturnType<typeof getReviewers>>) => answer.teams.find((t) => t.team === 'owning-sig');

    it("lets an approver of the ticket's Owning SIG see its members and name its reviewer among them", async () => {
      const w = kepWorld();
      const { ports, caller } = as(w, 'acc-node-1');
      expect(owning(await getReviewers(ports, caller, ISSUE_KEY))).toEqual({ team: 'owning-sig', name: 'Owning SIG', members: ['acc-node-1', 'acc-node-2'] });
      expect(owning(await assignReviewer(ports, caller, ISSUE_KEY, { team: 'owning-sig', assignee: 'acc-node-2' }))).toMatchObject({ reviewer: 'acc-node-2', how: 'chosen' });
      expect(owning(await assignReviewer(ports, caller, ISSUE_KEY, { team: 'owning-sig' }))?.reviewer).toMatch(/^acc-node-[12]$/);
    });

    it("refuses an approver of another SIG, naming the group that acts for the ticket's Owning SIG", async () => {
      const w = kepWorld();
      const { ports, caller } = as(w, 'acc-apps');
      await expect(assignReviewer(ports, caller, ISSUE_KEY, { team: 'owning-sig' })).rejects.toThrow(
        new ForbiddenError('Only a member of Owning SIG can name its reviewer (you are not in golive-sig-node).'),
      );
      const node = as(w, 'acc-node-1');
      await expect(assignReviewer(node.ports, node.caller, ISSUE_KEY, { team: 'owning-sig', assignee: 'acc-apps' })).rejects.toThrow(ValidationError);
    });
  });
});
