import type { GateConfig } from '../gate/config';
import { templateConfig } from '../../test/support/v1-templates';
import type { TeamStateV2 } from '../gate/v2/verdict';
import { notifyTeams, planNotifications } from './notify-teams';
import type { NotificationLog, Notifier, TeamMessage } from '../ports';

function managedAddon(): GateConfig {
  const config = templateConfig('managed-addon');
  if (config === undefined) throw new Error('managed-addon template missing');
  return config;
}
const config = managedAddon();
const promote = config.stages[0]?.requiredTeams ?? [];
const issue = { id: '10001', key: 'SKU-1', title: 'Add-on <Widgets>' };

type Team = { state: TeamStateV2; at?: string; by?: string };
const approved = (team: string, at = '2026-01-02T00:00:00.000Z'): Team => ({ state: 'approved', at, by: `acc-${team}` });

/** A summary where the listed teams have the given states and every other team is pending. */
function summary(teams: Record<string, Team>): unknown {
  const all: Record<string, Team> = Object.fromEntries(config.teams.map((t) => [t.key, teams[t.key] ?? { state: 'pending' }]));
  const allowed = (required: readonly string[]): boolean => required.every((k) => all[k]?.state === 'approved');
  return {
    schemaVersion: 1, status: 'blocked', stage: 'x', approved: 0, required: 0, pending: [], declined: [], unverified: [], overridden: [],
    updated: '2026-01-03T00:00:00.000Z',
    stages: Object.fromEntries(config.stages.map((s) => [s.key, { allowed: allowed(s.requiredTeams), approved: 0, required: s.requiredTeams.length }])),
    teams: all,
    numbers: {},
  };
}

const allPromote = Object.fromEntries(promote.map((t) => [t, approved(t)]));

describe('planNotifications', () => {
  it('asks the teams of the first stage when the gate first sees a ticket, except those that already approved', () => {
    const planned = planNotifications(config, issue, undefined, summary({ 'sre-p': approved('sre-p') }));
    expect(planned.map((p) => [p.stage, p.team, p.reason])).toEqual(
      promote.filter((t) => t !== 'sre-p').map((t) => ['promote-to-prod', t, 'stage-entered']),
    );
  });

  it('asks every go-live team that has not agreed yet when promote to prod passes', () => {
    const planned = planNotifications(config, issue, summary({ ...allPromote, 'mt-sre': { state: 'pending' } }), summary(allPromote));
    const goLive = config.stages[1]?.requiredTeams ?? [];
    expect(planned.map((p) => p.team)).toEqual(goLive.filter((t) => !promote.includes(t)));
    expect(planned.every((p) => p.stage === 'go-live' && p.reason === 'stage-entered')).toBe(true);
  });

  it('says what is asked of the team, to its groups, with the title escaped in HTML', () => {
    const [first] = planNotifications(config, issue, summary({ ...allPromote, 'mt-sre': { state: 'pending' } }), summary(allPromote));
    expect(first?.message).toEqual<TeamMessage>({
      subject: 'SKU-1 waits on Layered SRE for Go live',
      textBody: 'SKU-1 (Add-on <Widgets>) has reached the stage "Go live", which needs Layered SRE to agree.\n\nPlease review it and approve, or decline with a reason, in the Go-Live Gate panel of SKU-1.',
      htmlBody: '<p>SKU-1 (Add-on &lt;Widgets&gt;) has reached the stage &quot;Go live&quot;, which needs Layered SRE to agree.</p><p>Please review it and approve, or decline with a reason, in the Go-Live Gate panel of SKU-1.</p>',
      groups: ['golive-layered-sre'],
    });
  });

  it.each([
    ['another approval in the same stage', summary({ 'sre-p': approved('sre-p') }), summary({ 'sre-p': approved('sre-p'), 'osd-e2e': approved('osd-e2e') })],
    ['a revoke that moves the ticket back a stage', summary(allPromote), summary({ ...allPromote, 'mt-sre': { state: 'pending' } })],
    ['a summary that cannot be read', summary({}), { schemaVersion: 1, teams: 'edited' }],
  ])('asks nobody after %s', (_what, before, after) => {
    expect(planNotifications(config, issue, before, after)).toEqual([]);
  });

  it('tells only the team whose approval went stale when the numbers change', () => {
    const before = summary({ ...allPromote, 'sre-p': approved('sre-p'), cee: approved('cee') });
    const after = summary({ ...allPromote, 'sre-p': { ...approved('sre-p'), state: 'stale' }, cee: approved('cee') });
    const planned = planNotifications(config, issue, before, after);
    expect(planned.map((p) => [p.team, p.reason, p.message.subject])).toEqual([['sre-p', 'approval-stale', "SKU-1: SRE-P's approval needs renewing"]]);
    expect(planned[0]?.message.textBody).toContain('The approval SRE-P gave on 2026-01-02 on SKU-1 (Add-on <Widgets>) no longer counts');
  });

  it("reads gate model v2's team states: tells the team whose approval went stale, and never asks a team not required or waived", () => {
    const v2States: Record<string, Team> = { 'layered-sre': { state: 'not-required' }, cee: { state: 'waived' } };
    const before = summary({ ...allPromote, ...v2States });
    const stale = summary({ ...allPromote, ...v2States, 'sre-p': { ...approved('sre-p'), state: 'stale' } });
    expect(planNotifications(config, issue, before, stale).map((p) => [p.team, p.reason])).toEqual([['sre-p', 'approval-stale']]);
    const entered = planNotifications(config, issue, summary({ ...allPromote, ...v2States, 'mt-sre': { state: 'pending' } }), before);
    const goLive = config.stages[1]?.requiredTeams ?? [];
    expect(entered.map((p) => p.team)).toEqual(goLive.filter((t) => !promote.includes(t) && !Object.hasOwn(v2States, t)));
  });

  it('gives a new approval that goes stale again a new key, and the same approval the same key', () => {
    const before = summary({ 'sre-p': approved('sre-p') });
    const staleOf = (at: string): unknown => summary({ 'sre-p': { ...approved('sre-p', at), state: 'stale' } });
    const key = (after: unknown): string | undefined => planNotifications(config, issue, before, after).find((p) => p.reason === 'approval-stale')?.key;
    expect(key(staleOf('2026-01-02T00:00:00.000Z'))).toBe(key(staleOf('2026-01-02T00:00:00.000Z')));
    expect(key(staleOf('2026-01-05T00:00:00.000Z'))).not.toBe(key(staleOf('2026-01-02T00:00:00.000Z')));
  });
});

/** A KVS-like log with FAIL_IF_EXISTS semantics, and a notifier that records what it sent. */
function fakes(failFor: readonly string[] = []) {
  const keys = new Set<string>();
  const sent: { issue: string; message: TeamMessage }[] = [];
  const notificationLog: NotificationLog = {
    claim: (key) => Promise.resolve(keys.has(key) ? false : (keys.add(key), true)),
    release: (key) => Promise.resolve(void keys.delete(key)),
  };
  const notifier: Notifier = {
    notify: (issueId, message) => {
      if (message.groups.some((g) => failFor.includes(g))) return Promise.reject(new Error('Jira refused the request (400)'));
      sent.push({ issue: issueId, message });
      return Promise.resolve();
    },
  };
  return { ports: { notificationLog, notifier }, sent, keys };
}

describe('notifyTeams', () => {
  const before = summary({ ...allPromote, 'mt-sre': { state: 'pending' } });
  const after = summary(allPromote);

  it('notifies each team once for the same thing, however often the summary is written', async () => {
    const { ports, sent } = fakes();
    const first = await notifyTeams(ports, config, issue, before, after);
    const again = await notifyTeams(ports, config, issue, before, after);
    const fromScratch = await notifyTeams(ports, config, issue, undefined, after);
    expect(first.every((o) => o.result === 'sent')).toBe(true);
    expect(again.every((o) => o.result === 'already-sent')).toBe(true);
    expect(fromScratch.every((o) => o.result === 'already-sent')).toBe(true);
    expect(sent).toHaveLength(first.length);
    expect(new Set(sent.map((s) => s.message.groups[0])).size).toBe(sent.length);
  });

  it('notifies two writers racing on the same change only once', async () => {
    const { ports, sent } = fakes();
    await Promise.all([notifyTeams(ports, config, issue, before, after), notifyTeams(ports, config, issue, before, after)]);
    expect(sent).toHaveLength(config.stages[1]!.requiredTeams.filter((t) => !promote.includes(t)).length);
  });

  it('tries a failed notification again on the next write, without failing this one', async () => {
    const { ports, sent } = fakes(['golive-cee']);
    const first = await notifyTeams(ports, config, issue, before, after);
    expect(first.find((o) => o.team === 'cee')).toMatchObject({ result: 'failed', error: 'Jira refused the request (400)' });
    const healthy = fakes();
    const retry = await notifyTeams({ ...ports, notifier: healthy.ports.notifier }, config, issue, before, after);
    expect(retry.filter((o) => o.result === 'sent').map((o) => o.team)).toEqual(['cee']);
    expect(sent.some((s) => s.message.groups.includes('golive-cee'))).toBe(false);
    expect(healthy.sent.map((s) => s.message.groups)).toEqual([['golive-cee']]);
  });

  it('sends nothing when the dedup log cannot be reached', async () => {
    const { ports, sent } = fakes();
    const broken = { ...ports, notificationLog: { claim: () => Promise.reject(new Error('storage down')), release: () => Promise.resolve() } };
    const outcomes = await notifyTeams(broken, config, issue, before, after);
    expect(outcomes.every((o) => o.result === 'failed')).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
