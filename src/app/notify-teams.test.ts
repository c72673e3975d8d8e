import type { GateSummary } from '../gate/summary';
import { deriveSummary } from '../gate/summary';
import type { GateConfigV2 } from '../gate/v2/config';
import { OWNING_SIG_FIELD, templateConfigV2 } from '../gate/v2/templates';
import { IssueFixtureV2 } from '../../test/support/v2-issue-fixture';
import { notifyTeams, planNotifications } from './notify-teams';
import type { NotificationLog, Notifier, TeamMessage } from '../ports';

function template(key: string): GateConfigV2 {
  const config = templateConfigV2(key);
  if (config === undefined) throw new Error(`${key} template missing`);
  return config;
}
const addon = template('managed-addon');
const kep = template('kubernetes-prr');
const promote = addon.stages[0]?.teams.map((t) => t.team) ?? [];
const goLive = addon.stages[1]?.teams.map((t) => t.team) ?? [];
const issue = { id: '10001', key: 'SKU-1', title: 'Add-on <Widgets>' };
const NOW = new Date('2026-03-01T10:00:00.000Z');
const T0 = '2026-01-02T00:00:00.000Z';
const T1 = '2026-01-05T00:00:00.000Z';

/** The summary the app writes for the ticket as it stands. */
function summaryOf(ticket: IssueFixtureV2): GateSummary {
  const snapshot = ticket.snapshot();
  return deriveSummary(ticket.facts(), { issue: { id: ticket.ticket.id, key: ticket.ticket.key }, properties: snapshot.properties, digests: snapshot.digests }, NOW);
}

/** What is planned after a write that left the ticket as it stands, given the summary before it. */
const plan = (ticket: IssueFixtureV2, previous: unknown) => planNotifications(ticket.facts(), NOW, issue, previous, summaryOf(ticket));

/**
 * An add-on ticket whose promote-to-prod items are answered and whose promote-to-prod teams approved that stage, except
 * `missing`; with none missing, it passed the stage (the validator's pass record).
 */
function promoted(missing: readonly string[] = [], ticket = new IssueFixtureV2(addon)): IssueFixtureV2 {
  ticket.answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/runs/1' }, T0);
  for (const team of promote) if (!missing.includes(team)) ticket.approve('promote-to-prod', team, T0);
  return missing.length === 0 ? ticket.pass('promote-to-prod', T0) : ticket;
}

describe('planNotifications', () => {
  it('asks the teams of the first stage when the gate first sees a ticket, except those that already approved it', () => {
    const planned = plan(new IssueFixtureV2(addon).approve('promote-to-prod', 'sre-p', T0), undefined);
    expect(planned.map((p) => [p.stage, p.team, p.reason])).toEqual(promote.filter((t) => t !== 'sre-p').map((t) => ['promote-to-prod', t, 'stage-entered']));
  });

  it('does not ask a team that approved the stage the ticket is at, though it waits on that team at a later stage', () => {
    // The summary shows each team at the strictest stage (GA), where the PRR team has not approved yet.
    const ticket = new IssueFixtureV2(kep, { fields: { [OWNING_SIG_FIELD]: ['sig-node'] } }).approve('alpha', 'prr', T0);
    expect(summaryOf(ticket).teams['prr']?.state).toBe('pending');
    expect(plan(ticket, undefined).map((p) => [p.stage, p.team])).toEqual([['alpha', 'owning-sig']]);
  });

  it('asks every go-live team that has not approved go live when promote to prod passes, SRE-P again, Layered SRE only where present', () => {
    const planned = plan(promoted(), summaryOf(promoted(['mt-sre'])));
    expect(planned.map((p) => p.team)).toEqual(goLive.filter((t) => t !== 'layered-sre'));
    expect(planned.every((p) => p.stage === 'go-live' && p.reason === 'stage-entered')).toBe(true);
    const labelled = (): IssueFixtureV2 => new IssueFixtureV2(addon, { labels: ['layered-sre'] });
    expect(plan(promoted([], labelled()), summaryOf(promoted(['mt-sre'], labelled()))).map((p) => p.team)).toContain('layered-sre');
  });

  it('asks a team at the stage the ticket is at once its waiver is withdrawn, and Layered SRE once the ticket has its label', () => {
    const waiver = { kind: 'team' as const, key: 'cee' };
    const ticket = promoted().waive(waiver, T0, 'CEE does not support this add-on');
    const before = summaryOf(ticket);
    expect(plan(ticket.withdrawWaiver(waiver, T1, 'CEE supports it after all'), before).map((p) => [p.team, p.stage, p.reason])).toEqual([['cee', 'go-live', 'stage-entered']]);
    const unlabelled = promoted();
    const withoutLabel = summaryOf(unlabelled);
    expect(plan(unlabelled.withTicket({ labels: ['layered-sre'] }), withoutLabel).map((p) => [p.team, p.stage])).toEqual([['layered-sre', 'go-live']]);
  });

  it('never asks a team waived on the ticket', () => {
    const waived = (missing: readonly string[]): IssueFixtureV2 => promoted(missing).waive({ kind: 'team', key: 'cee' }, T0, 'CEE does not support this add-on');
    expect(plan(waived([]), summaryOf(waived(['mt-sre']))).map((p) => p.team)).not.toContain('cee');
  });

  it('says what is asked of the team, to its groups, with the title escaped in HTML', () => {
    const [first] = plan(promoted(), summaryOf(promoted(['mt-sre'])));
    expect(first?.message).toEqual<TeamMessage>({
      subject: 'SKU-1 waits on SRE-P for Go live',
      textBody: 'SKU-1 (Add-on <Widgets>) has reached the stage "Go live", which needs SRE-P to agree.\n\nPlease review it and approve, or decline with a reason, in the Go-Live Gate panel of SKU-1.',
      htmlBody: '<p>SKU-1 (Add-on &lt;Widgets&gt;) has reached the stage &quot;Go live&quot;, which needs SRE-P to agree.</p><p>Please review it and approve, or decline with a reason, in the Go-Live Gate panel of SKU-1.</p>',
      groups: ['golive-sre-p'],
    });
  });

  it('says how many of its approvers a stage needs when it needs more than one', () => {
    const twoOfPrr: GateConfigV2 = { ...kep, stages: kep.stages.map((s) => ({ ...s, teams: s.teams.map((t) => (t.team === 'prr' ? { ...t, minApprovals: 2 } : t)) })) };
    const ticket = new IssueFixtureV2(twoOfPrr, { fields: { [OWNING_SIG_FIELD]: ['sig-node'] } }).approve('alpha', 'prr', T0);
    const prr = plan(ticket, undefined).find((p) => p.team === 'prr');
    expect(prr?.message.textBody).toContain('has reached the stage "Alpha", which needs 2 approvers of PRR team to agree (1 so far).');
  });

  it("tells the Owning SIG approvers the ticket's field names that the review waits on them", () => {
    const planned = plan(new IssueFixtureV2(kep, { fields: { [OWNING_SIG_FIELD]: ['sig-node'] } }), undefined);
    expect(planned.map((p) => [p.team, p.message.groups])).toEqual([
      ['owning-sig', ['golive-sig-node']],
      ['prr', ['golive-prr']],
    ]);
    expect(planned[0]?.message.subject).toBe('SKU-1 waits on Owning SIG for Alpha');
  });

  it('tells the SIG the Owning SIG field names once it is set after the ticket entered the stage, and a SIG it names later, each once', () => {
    const ticket = new IssueFixtureV2(kep);
    const entered = summaryOf(ticket);
    ticket.withTicket({ fields: { [OWNING_SIG_FIELD]: ['sig-node'] } }).answer({ 'kep-implementable': true }, T0);
    const set = plan(ticket, entered);
    expect(set.map((p) => [p.team, p.message.groups])).toEqual([['owning-sig', ['golive-sig-node']]]);
    const changed = plan(ticket.withTicket({ fields: { [OWNING_SIG_FIELD]: ['sig-apps'] } }), summaryOf(ticket));
    expect(changed.map((p) => [p.team, p.message.groups])).toEqual([['owning-sig', ['golive-sig-apps']]]);
    expect(changed[0]?.key).not.toBe(set[0]?.key);
  });

  it('tells the reporter, instead of nobody, when the ticket names no Owning SIG', () => {
    const [owning] = plan(new IssueFixtureV2(kep), undefined);
    expect(owning).toMatchObject({ team: 'owning-sig', reason: 'stage-entered', message: { groups: [], reporter: true, subject: 'SKU-1 waits on Owning SIG for Alpha, but names no approver for it' } });
    expect(owning?.message.textBody).toContain('Owning SIG is not set on this ticket, so nobody can approve for Owning SIG yet.');
  });

  it.each([
    ['another approval in the same stage', () => new IssueFixtureV2(addon).approve('promote-to-prod', 'sre-p', T0), (t: IssueFixtureV2) => t.approve('promote-to-prod', 'osd-e2e', T0)],
    ['a revoke that moves the ticket back a stage', () => promoted(), (t: IssueFixtureV2) => t.revoke('promote-to-prod', 'mt-sre', T1)],
  ])('asks nobody after %s', (_what, start, change) => {
    const ticket = start();
    const before = summaryOf(ticket);
    expect(plan(change(ticket), before)).toEqual([]);
  });

  it('asks nobody when the new summary cannot be read', () => {
    const ticket = new IssueFixtureV2(addon);
    expect(planNotifications(ticket.facts(), NOW, issue, summaryOf(ticket), { schemaVersion: 1, teams: 'edited' })).toEqual([]);
  });

  it('tells only the team whose approval went stale when the numbers change', () => {
    const ticket = promoted().recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('go-live', 'sre-p', T0).approve('go-live', 'cee', T0);
    const before = summaryOf(ticket);
    const planned = plan(ticket.recordNumbers({ capacity: 800 }, T1), before);
    expect(planned.map((p) => [p.team, p.stage, p.reason, p.message.subject])).toEqual([['sre-p', 'go-live', 'approval-stale', "SKU-1: SRE-P's approval needs renewing"]]);
    expect(planned[0]?.message.textBody).toContain('The approval SRE-P gave on 2026-01-02 on SKU-1 (Add-on <Widgets>) no longer counts for Go live');
  });

  it('tells a team whose approval at the stage the ticket is at went stale, which the summary (the strictest stage) does not show', () => {
    const ticket = new IssueFixtureV2(addon).recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('promote-to-prod', 'sre-p', T0);
    const before = summaryOf(ticket);
    ticket.recordNumbers({ capacity: 800 }, T1);
    expect(summaryOf(ticket).teams['sre-p']?.state).toBe('pending');
    expect(plan(ticket, before).map((p) => [p.team, p.stage, p.reason])).toEqual([['sre-p', 'promote-to-prod', 'approval-stale']]);
  });

  it('gives a new approval that goes stale again a new key, and the same approval the same key', () => {
    const staleAfter = (at: string): string | undefined => {
      const ticket = new IssueFixtureV2(addon).recordNumbers({ capacity: 500 }, T0).approve('go-live', 'sre-p', at).recordNumbers({ capacity: 800 }, T1);
      return plan(ticket, undefined).find((p) => p.reason === 'approval-stale')?.key;
    };
    expect(staleAfter(T0)).toBeDefined();
    expect(staleAfter(T0)).toBe(staleAfter(T0));
    expect(staleAfter('2026-01-03T00:00:00.000Z')).not.toBe(staleAfter(T0));
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
  const before = summaryOf(promoted(['mt-sre']));
  const ticket = promoted();
  const facts = ticket.facts();
  const after = summaryOf(ticket);
  const asked = goLive.filter((t) => t !== 'layered-sre');

  it('notifies each team once for the same thing, however often the summary is written', async () => {
    const { ports, sent } = fakes();
    const first = await notifyTeams(ports, facts, NOW, issue, before, after);
    const again = await notifyTeams(ports, facts, NOW, issue, before, after);
    const fromScratch = await notifyTeams(ports, facts, NOW, issue, undefined, after);
    expect(first.every((o) => o.result === 'sent')).toBe(true);
    expect(again.every((o) => o.result === 'already-sent')).toBe(true);
    expect(fromScratch.every((o) => o.result === 'already-sent')).toBe(true);
    expect(sent).toHaveLength(first.length);
    expect(new Set(sent.map((s) => s.message.groups[0])).size).toBe(sent.length);
  });

  it('notifies two writers racing on the same change only once', async () => {
    const { ports, sent } = fakes();
    await Promise.all([notifyTeams(ports, facts, NOW, issue, before, after), notifyTeams(ports, facts, NOW, issue, before, after)]);
    expect(sent).toHaveLength(asked.length);
  });

  it('tries a failed notification again on the next write, without failing this one', async () => {
    const { ports, sent } = fakes(['golive-cee']);
    const first = await notifyTeams(ports, facts, NOW, issue, before, after);
    expect(first.find((o) => o.team === 'cee')).toMatchObject({ result: 'failed', error: 'Jira refused the request (400)' });
    const healthy = fakes();
    const retry = await notifyTeams({ ...ports, notifier: healthy.ports.notifier }, facts, NOW, issue, before, after);
    expect(retry.filter((o) => o.result === 'sent').map((o) => o.team)).toEqual(['cee']);
    expect(sent.some((s) => s.message.groups.includes('golive-cee'))).toBe(false);
    expect(healthy.sent.map((s) => s.message.groups)).toEqual([['golive-cee']]);
  });

  it('sends nothing when the dedup log cannot be reached', async () => {
    const { ports, sent } = fakes();
    const broken = { ...ports, notificationLog: { claim: () => Promise.reject(new Error('storage down')), release: () => Promise.resolve() } };
    const outcomes = await notifyTeams(broken, facts, NOW, issue, before, after);
    expect(outcomes.every((o) => o.result === 'failed')).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
