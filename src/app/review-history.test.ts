import { digestOf } from '../gate/digest';
import type { TeamDecision } from '../gate/records';
import { teamProperty } from '../gate/records';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import { decide } from './decide';
import { recordStageEntry } from './record-stage-entry';

const issueId = '10001';
const HOUR = 3_600_000;

describe('the review history of decisions', () => {
  it('keeps a decline and the approval after it as two events, in the transaction of each record', async () => {
    const world = demoWorld();
    const ports = world.portsFor('acc-osd-e2e');
    await decide(ports, { accountId: 'acc-osd-e2e' }, ISSUE_KEY, { team: 'osd-e2e', decision: 'decline', comment: 'No runbook' });
    const declinedAt = world.now.toISOString();
    world.now = new Date(world.now.getTime() + 3 * HOUR);
    await decide(ports, { accountId: 'acc-osd-e2e' }, ISSUE_KEY, { team: 'osd-e2e', decision: 'approve' });
    expect(world.history.events.map((e) => e.kind === 'decision' && [e.decision, e.at, e.id, e.by, e.issueKey])).toEqual([
      ['declined', declinedAt, 'golive-gate.team.osd-e2e#1', 'acc-osd-e2e', ISSUE_KEY],
      ['approved', world.now.toISOString(), 'golive-gate.team.osd-e2e#2', 'acc-osd-e2e', ISSUE_KEY],
    ]);
  });

  it('adds a decision made before the history existed when it is replaced', async () => {
    const world = demoWorld();
    // The head main wrote (schema version 2, before the review history): an approval with no history event.
    const earlier: TeamDecision = {
      kind: 'decision', issueId, team: 'cee', decision: 'approved', by: 'acc-cee', via: 'golive-cee', at: '2026-02-01T09:00:00.000Z', covers: {},
    };
    world.records.stored.set(`${issueId}:${teamProperty('cee')}`, { seq: 1, digest: digestOf(earlier), record: earlier });
    world.issues.issues.get(issueId)!.properties[teamProperty('cee')] = earlier;
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'revoke' });
    expect(world.history.events.map((e) => e.kind === 'decision' && [e.decision, e.at, e.id])).toEqual([
      ['approved', '2026-02-01T09:00:00.000Z', 'golive-gate.team.cee#1'],
      ['revoked', world.now.toISOString(), 'golive-gate.team.cee#2'],
    ]);
  });
});

describe('recordStageEntry', () => {
  const entry = { projectId: PROJECT.id, issueId, issueKey: ISSUE_KEY, status: 'In Review', changeId: '10077', by: 'acc-pm' };

  it('records that the ticket entered the review of the stage whose transition leaves from its new status', async () => {
    const world = demoWorld();
    const events = await recordStageEntry({ ...world.portsFor('acc-pm'), history: world.history }, entry);
    expect(events).toEqual([expect.objectContaining({ kind: 'stage-entered', stage: 'promote-to-prod', status: 'In Review', at: world.now.toISOString(), id: 'promote-to-prod:10077' })]);
    expect(world.history.events).toEqual(events);
    expect(events[0]?.by).toBe('acc-pm');
    // The issue's audit trail keeps to the gate's records.
    expect(world.audit.events).toEqual([]);
  });

  it('keeps the first moment when the same event is delivered again', async () => {
    const world = demoWorld();
    const ports = { ...world.portsFor('acc-pm'), history: world.history };
    await recordStageEntry(ports, entry);
    const first = world.now.toISOString();
    world.now = new Date(world.now.getTime() + HOUR);
    await recordStageEntry(ports, entry);
    expect(world.history.events.map((e) => e.at)).toEqual([first]);
  });

  it.each([
    ['a status no stage leaves from', { ...entry, status: 'Live' }],
    ['a project without a gate', { ...entry, projectId: '99999' }],
  ])('records nothing for %s', async (_what, moved) => {
    const world = demoWorld();
    await expect(recordStageEntry({ ...world.portsFor('acc-pm'), history: world.history }, moved)).resolves.toEqual([]);
    expect(world.history.events).toEqual([]);
  });

  it('matches the status name without regard to case', async () => {
    const world = demoWorld();
    const events = await recordStageEntry({ ...world.portsFor('acc-pm'), history: world.history }, { ...entry, status: 'in production' });
    expect(events.map((e) => e.stage)).toEqual(['go-live']);
  });
});
