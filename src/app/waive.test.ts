import { ForbiddenError, ValidationError } from '../errors';
import { recordDigest, waiverProperty } from '../gate/v2/records';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { waive, withdrawWaiver } from './waive';

const issueId = '10001';
const layered = { kind: 'team', key: 'layered-sre' } as const;
const reason = 'No layered SRE team runs this add-on: SRE-P operates it alone';
const properties = (world: MemoryWorld): Record<string, unknown> => world.issues.issues.get(issueId)!.properties;
const state = (world: MemoryWorld): string => JSON.stringify({ properties: properties(world), heads: [...world.records.stored], audit: world.audit.events });
const goLiveTeam = (view: Awaited<ReturnType<typeof waive>>, team: string) => view.verdictsV2?.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === team);

describe('waive', () => {
  it('marks Layered SRE not applicable with its reason: a tamper-evident record, an audit event, and the v2 verdict no longer waits on it', async () => {
    const world = demoWorld();
    const view = await waive(world.portsFor('acc-layered-sre'), { accountId: 'acc-layered-sre' }, ISSUE_KEY, { target: layered, reason: `  ${reason} ` });

    const record = { kind: 'waiver', schemaVersion: 2, issueId, target: layered, status: 'waived', by: 'acc-layered-sre', via: 'golive-layered-sre', at: world.now.toISOString(), reason };
    expect(properties(world)[waiverProperty(layered)]).toEqual(record);
    expect(world.records.stored.get(`${issueId}:${waiverProperty(layered)}`)).toEqual({ seq: 1, digest: recordDigest(record), record });
    expect(world.audit.events).toEqual([expect.objectContaining({ action: 'waive', team: 'layered-sre', detail: `Layered SRE marked not applicable: ${reason}`, outcome: 'applied', seq: 1 })]);
    expect(view.recordsV2?.waivers).toEqual([record]);
    expect(view.unverified).toEqual([]);
    expect(goLiveTeam(view, 'layered-sre')?.applicability.status).toBe('waived');
    expect(view.verdictsV2?.find((v) => v.stage === 'go-live')?.message).not.toContain('Layered SRE');
  });

  it('lets an override-group member mark a team not applicable, through that group', async () => {
    const world = demoWorld();
    const view = await waive(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { target: layered, reason });
    expect(view.recordsV2?.waivers[0]).toMatchObject({ by: 'acc-admin', via: 'golive-overriders' });
  });

  it('refuses someone of another team, a reason not in words and a target no stage needs, storing nothing', async () => {
    const world = demoWorld();
    const before = state(world);
    await expect(waive(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { target: layered, reason })).rejects.toThrow(ForbiddenError);
    await expect(waive(world.portsFor('acc-layered-sre'), { accountId: 'acc-layered-sre' }, ISSUE_KEY, { target: layered, reason: '\u200b'.repeat(30) })).rejects.toThrow(
      new ValidationError('Say why in words: write at least 10 visible characters (this has 0); nothing was saved.'),
    );
    await expect(waive(world.portsFor('acc-layered-sre'), { accountId: 'acc-layered-sre' }, ISSUE_KEY, { target: layered, reason: '.......... !!!!!!' })).rejects.toThrow(ValidationError);
    await expect(waive(world.portsFor('acc-admin'), { accountId: 'acc-admin' }, ISSUE_KEY, { target: { kind: 'team', key: 'nobody' }, reason })).rejects.toThrow(
      new ValidationError('No stage of this gate needs a team "nobody", so there is nothing to mark not applicable.'),
    );
    expect(state(world)).toBe(before);
  });

  it('withdraws a waiver with a reason, so the team is required again; withdrawing twice is refused', async () => {
    const world = demoWorld();
    const ports = world.portsFor('acc-layered-sre');
    const caller = { accountId: 'acc-layered-sre' };
    await waive(ports, caller, ISSUE_KEY, { target: layered, reason });
    const view = await withdrawWaiver(ports, caller, ISSUE_KEY, { target: layered, reason: 'A layered SRE team runs the add-on after all' });

    expect(view.recordsV2?.waivers).toEqual([expect.objectContaining({ status: 'withdrawn', reason: 'A layered SRE team runs the add-on after all' })]);
    expect(world.records.stored.get(`${issueId}:${waiverProperty(layered)}`)?.seq).toBe(2);
    expect(goLiveTeam(view, 'layered-sre')?.applicability.status).toBe('required');
    expect(world.audit.events.map((e) => e.action)).toEqual(['waive', 'withdraw-waiver']);

    const before = state(world);
    await expect(withdrawWaiver(ports, caller, ISSUE_KEY, { target: layered, reason: 'Once more, to be sure of it' })).rejects.toThrow(
      new ValidationError('Layered SRE is not marked not applicable on this ticket, so there is nothing to withdraw.'),
    );
    expect(state(world)).toBe(before);
  });

  it('does not trust a waiver someone put on the issue, and lets the team repair it by marking it again', async () => {
    const world = demoWorld();
    properties(world)[waiverProperty(layered)] = { kind: 'waiver', schemaVersion: 2, issueId, target: layered, status: 'waived', by: 'acc-layered-sre', via: 'golive-layered-sre', at: world.now.toISOString(), reason };
    const ports = world.portsFor('acc-layered-sre');
    const view = await waive(ports, { accountId: 'acc-layered-sre' }, ISSUE_KEY, { target: layered, reason });
    expect(world.audit.events[0]?.action).toBe('repair');
    expect(world.audit.events[0]?.detail).toContain('(replacing a record that');
    expect(view.recordsV2?.waivers).toHaveLength(1);
  });
});
