import type { GateConfig } from '../gate/config';
import { templateConfig } from '../../test/support/v1-templates';
import { demoWorld, ISSUE_KEY, MemoryBenchSnapshots, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { decide } from './decide';
import { loadReviews } from './load-reviews';
import { recordNumbers } from './record-numbers';
import { trackNewIssue } from './track-new-issue';

const HOUR = 3_600_000;
const lapses = (world: MemoryWorld) => world.history.events.filter((e) => e.kind === 'approval-stale' || e.kind === 'approval-expired');
const approve = (world: MemoryWorld, team: string) => decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' });

function reviewsOf(world: MemoryWorld) {
  const search = {
    search: () => Promise.resolve({ issues: [...world.issues.issues.values()].map((issue) => ({ id: issue.id, key: issue.key, fields: { summary: issue.key, created: '2026-02-01T00:00:00.000Z', status: { name: 'In Review', statusCategory: { key: 'indeterminate' } } }, properties: issue.properties })) }),
  };
  const ports = { ...world.portsFor('acc-pm'), search, history: world.history, benchSnapshots: new MemoryBenchSnapshots() };
  return loadReviews(ports, { projectId: PROJECT.id, projectKey: PROJECT.key, accountId: 'acc-pm', from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' });
}

describe('approvals that stop counting are review-history events', () => {
  it('records the moment a change of the numbers makes SRE-P’s approval stale, once, however many writes follow', async () => {
    const world = demoWorld();
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 500, velocity: 20 } });
    await approve(world, 'sre-p');
    const approvedAt = world.now.toISOString();
    world.now = new Date(world.now.getTime() + 5 * HOUR);
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 800 } });
    const changedAt = world.now.toISOString();
    world.now = new Date(world.now.getTime() + HOUR);
    await approve(world, 'cee');
    await trackNewIssue({ ...world.portsFor('app'), history: world.history }, ISSUE_KEY);

    expect(lapses(world)).toEqual([
      expect.objectContaining({ kind: 'approval-stale', team: 'sre-p', by: 'acc-sre-p', approvedAt, at: changedAt, id: 'golive-gate.team.sre-p#1', issueKey: ISSUE_KEY }),
    ]);
    const view = await reviewsOf(world);
    expect(view.throughput.teams.find((t) => t.team === 'sre-p')).toMatchObject({ approvals: 1, stale: 1, expired: 0, lapsesFromSummary: 0 });
    expect(view.measurement.lapsesFromSummary).toBe(0);
  });

  it('records the expiry of an approval given for one stage under its own record, as the validator judges it', async () => {
    const managed = templateConfig('managed-addon') as GateConfig;
    const world = demoWorld({ ...managed, stages: managed.stages.map((s) => (s.key === 'go-live' ? { ...s, approvalLifetimeDays: 1 } : s)) });
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve', stages: ['go-live'] });
    const approvedAt = world.now;
    world.now = new Date(approvedAt.getTime() + 50 * HOUR);
    await approve(world, 'ocm-pm');
    expect(lapses(world)).toEqual([
      expect.objectContaining({
        kind: 'approval-expired', team: 'cee', stage: 'go-live', by: 'acc-cee', id: 'golive-gate.decision.go-live.cee.acc-cee#1',
        approvedAt: approvedAt.toISOString(), at: new Date(approvedAt.getTime() + 24 * HOUR).toISOString(),
      }),
    ]);
  });

  it('dates an expiry at the end of the approval’s lifetime, however late it is noticed, and a new approval can expire again', async () => {
    const managed = templateConfig('managed-addon') as GateConfig;
    const world = demoWorld({ ...managed, stages: managed.stages.map((s) => (s.key === 'go-live' ? { ...s, approvalLifetimeDays: 1 } : s)) });
    await approve(world, 'cee');
    const approvedAt = world.now;
    world.now = new Date(approvedAt.getTime() + 50 * HOUR);
    await approve(world, 'ocm-pm');
    expect(lapses(world)).toEqual([
      expect.objectContaining({ kind: 'approval-expired', team: 'cee', stage: 'go-live', approvedAt: approvedAt.toISOString(), at: new Date(approvedAt.getTime() + 24 * HOUR).toISOString() }),
    ]);
    await approve(world, 'cee');
    world.now = new Date(world.now.getTime() + 30 * HOUR);
    await approve(world, 'addon-pm');
    expect(lapses(world).map((e) => e.id).sort()).toEqual(['golive-gate.team.cee#1', 'golive-gate.team.cee#2', 'golive-gate.team.ocm-pm#1']);
    const view = await reviewsOf(world);
    expect(view.throughput.teams.find((t) => t.team === 'cee')).toMatchObject({ approvals: 2, expired: 2, stale: 0 });
  });

  it('counts a lapse the summary shows but the history never recorded (written before it kept lapses), and says so', async () => {
    const world = demoWorld();
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 500, velocity: 20 } });
    await approve(world, 'sre-p');
    world.now = new Date(world.now.getTime() + 2 * HOUR);
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 800 } });
    const changedAt = world.now.toISOString();
    // As today's main left it: the summary says stale, the history has the decision only.
    world.history.events.splice(0, world.history.events.length, ...world.history.events.filter((e) => e.kind === 'decision'));
    const view = await reviewsOf(world);
    expect(view.throughput.teams.find((t) => t.team === 'sre-p')).toMatchObject({ stale: 1, lapsesFromSummary: 1 });
    expect(view.measurement.lapsesFromSummary).toBe(1);

    // The next write on the ticket records the lapse, dated by the numbers that caused it: counted once, from the history.
    world.now = new Date(world.now.getTime() + 48 * HOUR);
    await approve(world, 'cee');
    expect(lapses(world)).toEqual([expect.objectContaining({ kind: 'approval-stale', team: 'sre-p', at: changedAt })]);
    const after = await reviewsOf(world);
    expect(after.throughput.teams.find((t) => t.team === 'sre-p')).toMatchObject({ stale: 1, lapsesFromSummary: 0 });
  });
});
