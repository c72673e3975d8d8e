import { digestOf } from '../gate/digest';
import { readRecords } from '../gate/integrity';
import type { TeamDecision } from '../gate/records';
import { SUMMARY_PROPERTY, teamProperty } from '../gate/records';
import { summaryOf } from '../../test/support/summary-of';
import { templateConfig } from '../../test/support/v1-templates';
import { ForbiddenError, NotFoundError, UnavailableError, ValidationError } from '../errors';
import { decide } from './decide';
import type { TeamMessage } from '../ports';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { snapshotOf } from './verified-issue';
import { loadGate } from './load-gate';
import { recordNumbers } from './record-numbers';

const config = templateConfig('managed-addon')!;
const issueId = '10001';
const stored = (world: MemoryWorld): Record<string, unknown> => world.issues.issues.get(issueId)!.properties;

/** Everything a refused action must leave untouched. */
const state = (world: MemoryWorld): string => JSON.stringify({ properties: stored(world), digests: [...world.records.stored], audit: world.audit.events });

describe('decide', () => {
  it('records an approval with its digest, an audit event and an up-to-date summary', async () => {
    const world = demoWorld();
    const view = await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve', comment: 'LGTM' });

    const decision = view.records.decisions['sre-p'];
    expect(decision).toMatchObject({ decision: 'approved', by: 'acc-sre-p', via: 'golive-sre-p', at: world.now.toISOString(), comment: 'LGTM' });
    expect(world.records.stored.get(`${issueId}:${teamProperty('sre-p')}`)).toEqual({ seq: 1, digest: digestOf(decision!), record: decision });
    expect(world.audit.events).toEqual([expect.objectContaining({ issueId, actor: 'acc-sre-p', action: 'decide', team: 'sre-p', outcome: 'applied', seq: 1 })]);
    expect(view.audit.events[0]).toMatchObject({ action: 'decide', team: 'sre-p' });
    expect(view.unverified).toEqual([]);
    expect(view.verdicts.find((v) => v.stage === 'promote-to-prod')?.teams.find((t) => t.team === 'sre-p')?.state).toBe('approved');
    expect(stored(world)[SUMMARY_PROPERTY]).toMatchObject({ status: 'blocked', stage: 'promote-to-prod', approved: 1, required: 4 });
  });

  it('makes an SRE-P approval cover the numbers SRE-P signs off, and a CEE approval cover nothing', async () => {
    const world = demoWorld();
    const view = await decide(world.portsFor('acc-sre-p'), { accountId: 'acc-sre-p' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve' });
    expect(view.records.decisions['sre-p']?.covers.numbers).toMatch(/^[0-9a-f]{64}$/);
    const cee = await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    expect(cee.records.decisions['cee']?.covers).toEqual({});
  });

  it('refuses a decision for a team the caller is not in, storing nothing', async () => {
    const world = demoWorld();
    const before = state(world);
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'sre-p', decision: 'approve' })).rejects.toThrow(
      new ForbiddenError('You are not in golive-sre-p, the group that acts for SRE-P.'),
    );
    expect(state(world)).toBe(before);
  });

  it('refuses the reporter approving, storing nothing', async () => {
    const world = demoWorld();
    world.directory.groups.set('acc-pm', ['golive-addon-pm']);
    const before = state(world);
    await expect(decide(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { team: 'addon-pm', decision: 'approve' })).rejects.toThrow(
      new ForbiddenError('The reporter of this ticket may not approve.'),
    );
    expect(state(world)).toBe(before);
  });

  it('refuses one person approving for a second team', async () => {
    const world = demoWorld();
    world.directory.groups.set('acc-both', ['golive-cee', 'golive-osd-sre']);
    await decide(world.portsFor('acc-both'), { accountId: 'acc-both' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    const before = state(world);
    await expect(decide(world.portsFor('acc-both'), { accountId: 'acc-both' }, ISSUE_KEY, { team: 'osd-sre', decision: 'approve' })).rejects.toThrow(
      new ForbiddenError('You already approved for CEE.'),
    );
    expect(state(world)).toBe(before);
  });

  it('refuses a decline without a reason, naming the comment field', async () => {
    const world = demoWorld();
    const before = state(world);
    const refusal = decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'decline', comment: '   ' });
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({ fieldErrors: [{ path: 'comment', message: 'a decline needs a reason' }] });
    expect(state(world)).toBe(before);
  });

  it('records a decline with its reason', async () => {
    const world = demoWorld();
    const view = await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'decline', comment: ' Docs missing ' });
    expect(view.records.decisions['cee']).toMatchObject({ decision: 'declined', comment: 'Docs missing' });
    expect(stored(world)[SUMMARY_PROPERTY]).toMatchObject({ declined: [] });
  });

  it('refuses a team the configuration does not have', async () => {
    const world = demoWorld();
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'nobody', decision: 'approve' })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'team', message: 'no team has the key "nobody"' }],
    });
  });

  it('answers not-found to a caller who cannot see the issue, storing nothing', async () => {
    const world = demoWorld();
    world.issues.issues.get(issueId)!.hiddenFrom.add('acc-cee');
    const before = state(world);
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' })).rejects.toBeInstanceOf(NotFoundError);
    expect(state(world)).toBe(before);
  });

  it('refuses a decision on a ticket whose project has no gate', async () => {
    const world = demoWorld();
    world.configs.stored.clear();
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' })).rejects.toMatchObject({
      name: 'NotConfiguredError',
    });
  });

  it('repairs a forged approval when an approver re-affirms it', async () => {
    const world = demoWorld();
    const forged: TeamDecision = { kind: 'decision', issueId, team: 'cee', decision: 'approved', by: 'acc-cee', via: 'golive-cee', at: world.now.toISOString(), covers: {} };
    stored(world)[teamProperty('cee')] = forged;
    const tampered = await loadGate(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY);
    expect(tampered.unverified).toEqual([{ propertyKey: teamProperty('cee'), problem: 'no-digest', fix: 'An approver for CEE can re-affirm the decision.' }]);

    const repaired = await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    expect(repaired.unverified).toEqual([]);
    expect(repaired.records.decisions['cee']?.decision).toBe('approved');
    expect(world.audit.events.at(-1)).toMatchObject({ action: 'repair', team: 'cee', detail: 'CEE approved (replacing a record that was not written by the app)' });
  });

  it('keeps a revoked approval revoked when the old approval is replayed', async () => {
    const world = demoWorld();
    const approved = await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    const oldApproval = approved.records.decisions['cee'];
    world.now = new Date('2026-03-01T11:00:00.000Z');
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'revoke' });
    stored(world)[teamProperty('cee')] = oldApproval;
    const view = await loadGate(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY);
    expect(view.unverified).toEqual([expect.objectContaining({ propertyKey: teamProperty('cee'), problem: 'digest-mismatch' })]);
    expect(view.records.decisions['cee']).toBeUndefined();
  });

  it('writes the digest before the property, so a failed property write shows as unverified and re-affirming repairs it', async () => {
    const world = demoWorld();
    await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    world.issues.failPut = new UnavailableError('Jira did not answer; try again in a minute.');
    world.now = new Date('2026-03-01T11:00:00.000Z');
    await expect(decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'revoke' })).rejects.toBeInstanceOf(UnavailableError);

    delete world.issues.failPut;
    const partial = await loadGate(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY);
    expect(partial.unverified).toEqual([expect.objectContaining({ propertyKey: teamProperty('cee'), problem: 'digest-mismatch' })]);
    const repaired = await decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'approve' });
    expect(repaired.unverified).toEqual([]);
  });

  it('e-mails the teams a ticket waits on once it enters the next stage, each once', async () => {
    const world = demoWorld();
    const sent: { issue: string; subject: string; groups: readonly string[] }[] = [];
    const claimed = new Set<string>();
    const notify = {
      notifier: { notify: (issue: string, message: TeamMessage) => Promise.resolve(void sent.push({ issue, subject: message.subject, groups: message.groups })) },
      notificationLog: {
        claim: (key: string) => Promise.resolve(!claimed.has(key) && claimed.add(key) !== undefined),
        release: (key: string) => Promise.resolve(void claimed.delete(key)),
      },
    };
    for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) {
      await decide({ ...world.portsFor(`acc-${team}`), notify }, { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' });
    }
    const goLive = sent.filter((m) => m.subject.endsWith('for Go live'));
    expect(goLive.map((m) => m.groups[0]).sort()).toEqual(['cee', 'layered-sre', 'platform-payload', 'osd-sre', 'osd-rosa-pm', 'ocm-pm', 'addon-pm', 'servicedev-a', 'servicedev-b'].map((t) => `golive-${t}`).sort());
    expect(goLive[0]).toMatchObject({ issue: issueId, subject: 'SKU-1 waits on Layered SRE for Go live' });
  });

  it('loses no decision and leaves a summary that matches the records when every team decides at once', async () => {
    const world = demoWorld();
    const views = await Promise.all(
      config.teams.map((team) => decide(world.portsFor(`acc-${team.key}`), { accountId: `acc-${team.key}` }, ISSUE_KEY, { team: team.key, decision: 'approve' })),
    );
    expect(views).toHaveLength(13);
    const issue = await world.issues.getIssue('acc-admin', ISSUE_KEY);
    const snapshot = snapshotOf(issue, await world.records.heads(issueId));
    expect(Object.keys(readRecords(config, snapshot).decisions).sort()).toEqual(config.teams.map((t) => t.key).sort());
    expect({ ...(issue.properties[SUMMARY_PROPERTY] as object), updated: '' }).toEqual({ ...summaryOf(config, snapshot, world.now), updated: '' });
    expect(issue.properties[SUMMARY_PROPERTY]).toMatchObject({ stage: 'go-live', approved: 13, required: 13, pending: [] });
    expect(world.audit.events).toHaveLength(13);
  });

  it('keeps the summary true to the records when decisions, revokes and number changes race', async () => {
    const world = demoWorld();
    await Promise.all(['cee', 'osd-sre', 'sre-p'].map((team) => decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' })));
    await Promise.all([
      decide(world.portsFor('acc-cee'), { accountId: 'acc-cee' }, ISSUE_KEY, { team: 'cee', decision: 'revoke' }),
      decide(world.portsFor('acc-ocm-pm'), { accountId: 'acc-ocm-pm' }, ISSUE_KEY, { team: 'ocm-pm', decision: 'decline', comment: 'Pricing not agreed' }),
      recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 100, velocity: 5 } }),
      decide(world.portsFor('acc-mt-sre'), { accountId: 'acc-mt-sre' }, ISSUE_KEY, { team: 'mt-sre', decision: 'approve' }),
    ]);
    const issue = await world.issues.getIssue('acc-admin', ISSUE_KEY);
    const snapshot = snapshotOf(issue, await world.records.heads(issueId));
    const records = readRecords(config, snapshot);
    expect(records.unverified).toEqual([]);
    expect(Object.fromEntries(Object.entries(records.decisions).map(([team, d]) => [team, d.decision]))).toEqual({
      cee: 'revoked', 'osd-sre': 'approved', 'sre-p': 'approved', 'ocm-pm': 'declined', 'mt-sre': 'approved',
    });
    expect({ ...(issue.properties[SUMMARY_PROPERTY] as object), updated: '' }).toEqual({ ...summaryOf(config, snapshot, world.now), updated: '' });
    expect(world.audit.events).toHaveLength(7);
  });
});
