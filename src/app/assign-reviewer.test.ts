import { ForbiddenError, ValidationError } from '../errors';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { assignReviewer, getReviewers } from './assign-reviewer';
import { decide } from './decide';

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
});
