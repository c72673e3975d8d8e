import { NUMBERS_PROPERTY } from '../gate/records';
import { ForbiddenError } from '../errors';
import { decide } from './decide';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { recordNumbers } from './record-numbers';
import type { NotifyPorts, TeamMessage } from '../ports';

const stored = (world: MemoryWorld): Record<string, unknown> => world.issues.issues.get('10001')!.properties;
const goLiveTeam = (view: Awaited<ReturnType<typeof recordNumbers>>, team: string): string | undefined =>
  view.verdicts.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === team)?.state;

describe('recordNumbers', () => {
  it('records capacity and velocity for the reporter and keeps values not named in a later call', async () => {
    const world = demoWorld();
    const pm = world.portsFor('acc-pm');
    await recordNumbers(pm, { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 500, velocity: 20 } });
    const view = await recordNumbers(pm, { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 600 } });
    expect(view.records.numbers?.values).toEqual({ capacity: 600, velocity: 20 });
    expect(world.audit.events.at(-1)).toMatchObject({ action: 'record-numbers', detail: 'Recorded Capacity = 600' });
  });

  it("tells SRE-P that its promote-to-prod approval needs renewing when capacity changes, though it has not approved go live", async () => {
    const world = demoWorld();
    const sent: TeamMessage[] = [];
    const claimed = new Set<string>();
    const notify: NotifyPorts = {
      notifier: { notify: (_issue, message) => Promise.resolve(void sent.push(message)) },
      notificationLog: { claim: (key) => Promise.resolve(!claimed.has(key) && claimed.add(key) !== undefined), release: (key) => Promise.resolve(void claimed.delete(key)) },
    };
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 500, velocity: 20 } });
    await decide({ ...world.portsFor('acc-sre-p'), notify }, { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve', stages: ['promote-to-prod'] });
    sent.length = 0;

    await recordNumbers({ ...world.portsFor('acc-pm'), notify }, { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 800 } });

    expect(sent.map((m) => [m.subject, m.groups])).toEqual([["SKU-1: SRE-P's approval needs renewing", ['golive-sre-p']]]);
    expect(sent[0]?.textBody).toContain('no longer counts for Promote to prod');
  });

  it('makes only SRE-P, which signs off the numbers, approve again when capacity changes', async () => {
    const world = demoWorld();
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 500, velocity: 20 } });
    await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve' });
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    const view = await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 800 } });
    expect(goLiveTeam(view, 'sre-p')).toBe('stale');
    expect(goLiveTeam(view, 'cee')).toBe('approved');
  });

  it('refuses numbers out of range or unknown, listing each, and stores nothing', async () => {
    const world = demoWorld();
    const refusal = recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 0, speed: 3 } });
    await expect(refusal).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [
        { path: 'values.capacity', message: 'must be at least 1' },
        { path: 'values.speed', message: 'no number has the key "speed"' },
      ],
    });
    expect(stored(world)[NUMBERS_PROPERTY]).toBeUndefined();
  });

  it('refuses someone who is neither the reporter nor in a gating team', async () => {
    const world = demoWorld();
    await expect(recordNumbers(world.portsFor('acc-stranger'), { accountId: 'acc-stranger' }, ISSUE_KEY, { values: { capacity: 5 } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(world.records.stored.size).toBe(0);
  });

  it('does not carry forged numbers into a record the app vouches for', async () => {
    const world = demoWorld();
    stored(world)[NUMBERS_PROPERTY] = { kind: 'numbers', issueId: '10001', values: { capacity: 9999, velocity: 999 }, by: 'acc-pm', at: world.now.toISOString() };
    const view = await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 10 } });
    expect(view.records.numbers?.values).toEqual({ capacity: 10 });
  });
});
