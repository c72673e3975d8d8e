import { SUMMARY_PROPERTY } from '../gate/records';
import { OWNING_SIG_FIELD, templateConfigV2 } from '../gate/v2/templates';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import type { IssueEventPorts, NotifyPorts, TeamMessage } from '../ports';
import { trackNewIssue } from './track-new-issue';

/** The world's ports as the app sees them, with a notifier that records what it sent and a FAIL_IF_EXISTS-like log. */
function asApp(world: MemoryWorld): { ports: IssueEventPorts; sent: { issue: string; message: TeamMessage }[] } {
  const sent: { issue: string; message: TeamMessage }[] = [];
  const claimed = new Set<string>();
  const notify: NotifyPorts = {
    notifier: { notify: (issue, message) => Promise.resolve(void sent.push({ issue, message })) },
    notificationLog: {
      claim: (key) => Promise.resolve(!claimed.has(key) && claimed.add(key) !== undefined),
      release: (key) => Promise.resolve(void claimed.delete(key)),
    },
  };
  return { ports: { ...world.portsFor('app'), notify }, sent };
}

describe('trackNewIssue', () => {
  it('gives a new ticket of a gated project its summary and tells the four promote-to-prod teams it waits on them', async () => {
    const world = demoWorld();
    const { ports, sent } = asApp(world);

    const outcome = await trackNewIssue(ports, '10001');

    const stored = world.issues.issues.get('10001')?.properties[SUMMARY_PROPERTY];
    expect(stored).toMatchObject({ status: 'blocked', stage: 'promote-to-prod', approved: 0, required: 4, pending: ['sre-p', 'osd-e2e', 'mt-sre', 'dev-team'] });
    expect(outcome).toMatchObject({ tracked: true, summary: stored });
    expect(sent.map((s) => s.message.groups)).toEqual([['golive-mt-sre'], ['golive-osd-e2e'], ['golive-sre-p'], ['golive-dev-team']]);
    expect(sent.every((s) => s.issue === '10001')).toBe(true);
    expect(sent.map((s) => s.message.subject)).toContain(`${ISSUE_KEY} waits on Managed Tenants SRE for Promote to prod`);
  });

  it("tells the Owning SIG approvers the new ticket's field names that its first stage waits on them", async () => {
    const world = demoWorld();
    world.configs.stored.set(PROJECT.id, { config: templateConfigV2('kubernetes-prr')!, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
    const ticket = world.issues.issues.get('10001');
    if (ticket !== undefined) ticket.fields = { [OWNING_SIG_FIELD]: ['sig-node'] };
    const { ports, sent } = asApp(world);

    await trackNewIssue(ports, '10001');

    expect(sent.map((s) => [s.message.subject, s.message.groups])).toEqual([
      [`${ISSUE_KEY} waits on Owning SIG for Alpha`, ['golive-sig-node']],
      [`${ISSUE_KEY} waits on PRR team for Alpha`, ['golive-prr']],
    ]);
  });

  it('leaves a ticket of a project without a gate alone', async () => {
    const world = demoWorld();
    world.configs.stored.clear();
    const { ports, sent } = asApp(world);

    expect(await trackNewIssue(ports, ISSUE_KEY)).toEqual({ tracked: false, reason: 'project SKU has no Go-Live Gate configuration' });
    expect(world.issues.issues.get('10001')?.properties).toEqual({});
    expect(sent).toEqual([]);
  });

  it('notifies nobody twice and rewrites nothing when the same event is delivered again', async () => {
    const world = demoWorld();
    const { ports, sent } = asApp(world);
    await trackNewIssue(ports, '10001');
    const writes = world.issues.requests;

    const again = await trackNewIssue(ports, '10001');

    expect(sent).toHaveLength(4);
    expect(again).toMatchObject({ tracked: true, notifications: [] });
    // One read before and one verifying read after: no property was written the second time.
    expect(world.issues.requests - writes).toBe(2);
  });

  it('notifies nobody twice when two deliveries of the event race', async () => {
    const world = demoWorld();
    const { ports, sent } = asApp(world);

    await Promise.all([trackNewIssue(ports, '10001'), trackNewIssue(ports, '10001')]);

    expect(sent.map((s) => s.message.groups[0]).sort()).toEqual(['golive-dev-team', 'golive-mt-sre', 'golive-osd-e2e', 'golive-sre-p']);
  });
});
