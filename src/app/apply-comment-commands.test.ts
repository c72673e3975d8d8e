import { teamProperty } from '../gate/records';
import { waiverProperty } from '../gate/v2/records';
import { applyCommentCommands } from './apply-comment-commands';
import { commentPortsOf, demoWorld, MemoryClaims, MemoryComments } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';

const issueId = '10001';
type Part = string | { code: string } | { quote: string };
const adf = (...lines: Part[]) => ({
  type: 'doc',
  version: 1,
  content: lines.map((line) =>
    typeof line === 'string'
      ? { type: 'paragraph', content: [{ type: 'text', text: line }] }
      : 'code' in line
        ? { type: 'codeBlock', content: [{ type: 'text', text: line.code }] }
        : { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: line.quote }] }] },
  ),
});

interface Setup {
  world: MemoryWorld;
  comments: MemoryComments;
  claims: MemoryClaims;
  /** A comment by `author`, delivered to the trigger as Jira would (the event carries the body it was saved with). */
  comment(author: string, body: unknown, type?: string): Promise<{ id: string; outcome: Awaited<ReturnType<typeof applyCommentCommands>> }>;
  deliver(id: string): ReturnType<typeof applyCommentCommands>;
  replies(): string[];
}

function setup(world = demoWorld()): Setup {
  const comments = new MemoryComments();
  const claims = new MemoryClaims();
  const ports = commentPortsOf(world, comments, claims);
  const deliver = (id: string) => applyCommentCommands(ports, issueId, id, comments.comments.get(id)?.body);
  const text = (body: unknown): string =>
    (body as { content: { content: { type: string; text?: string; attrs?: { id: string } }[] }[] }).content
      .map((p) => p.content.map((piece) => (piece.type === 'mention' ? `@${piece.attrs?.id ?? ''}` : (piece.text ?? ''))).join(''))
      .join('\n');
  return {
    world,
    comments,
    claims,
    async comment(author, body, type) {
      const id = comments.add(issueId, author, body, type);
      return { id, outcome: await deliver(id) };
    },
    deliver,
    replies: () => comments.replies.map((reply) => text(reply.body)),
  };
}

const decisionOf = (world: MemoryWorld, team: string): unknown => world.issues.issues.get(issueId)?.properties[teamProperty(team)];

describe('commands in Jira comments', () => {
  it('records /lgtm for the one team its author acts for at the stage the ticket waits at, says so with the verdict, and keeps the comment it came from', async () => {
    const s = setup();
    const { id } = await s.comment('acc-mt-sre', adf('Checked the runbook.', '/lgtm'));
    expect(decisionOf(s.world, 'mt-sre')).toMatchObject({ decision: 'approved', by: 'acc-mt-sre', via: 'golive-mt-sre', source: { kind: 'comment', commentId: id } });
    expect(s.world.audit.events).toEqual([expect.objectContaining({ actor: 'acc-mt-sre', action: 'decide', team: 'mt-sre', detail: `Managed Tenants SRE approved (in comment ${id})`, outcome: 'applied' })]);
    expect(s.replies()).toEqual([
      '@acc-mt-sre Recorded: Managed Tenants SRE approves Promote to prod (/lgtm).\nPromote to prod blocked: waiting on SRE-P, OSD e2e, Dev team.',
    ]);
  });

  it('records nothing for someone outside the team and says why in the panel’s words', async () => {
    const s = setup();
    await s.comment('acc-cee', adf('/approve mt-sre'));
    await s.comment('acc-pm', adf('/lgtm'));
    expect(decisionOf(s.world, 'mt-sre')).toBeUndefined();
    expect(s.world.audit.events).toEqual([]);
    expect(s.replies()).toEqual([
      '@acc-cee Recorded nothing for /approve mt-sre: You are not in golive-mt-sre, the group that acts for Managed Tenants SRE.',
      '@acc-pm Recorded nothing for /lgtm: You do not act for any team Promote to prod needs (Managed Tenants SRE, OSD e2e, SRE-P and Dev team)',
    ]);
  });

  it('applies a command once when the event is delivered twice, and stays silent the second time', async () => {
    const s = setup();
    const { id } = await s.comment('acc-osd-e2e', adf('/lgtm'));
    const again = await s.deliver(id);
    await Promise.all([s.deliver(id), s.deliver(id)]);
    expect(again).toMatchObject({ handled: true, results: [] });
    expect(s.world.audit.events).toHaveLength(1);
    expect(s.replies()).toHaveLength(1);
  });

  it('applies only the command an edit adds', async () => {
    const s = setup();
    const { id } = await s.comment('acc-dev-team', adf('/lgtm'));
    s.comments.edit(id, adf('/lgtm', '/decline the rollback plan is missing'));
    await s.deliver(id);
    expect(decisionOf(s.world, 'dev-team')).toMatchObject({ decision: 'declined', comment: 'the rollback plan is missing', source: { kind: 'comment', commentId: id } });
    expect(s.world.audit.events).toHaveLength(2);
    expect(s.replies()[1]).toMatch(/^@acc-dev-team Recorded: Dev team declines Promote to prod: “the rollback plan is missing” \(\/decline the rollback plan is missing\)\.\nPromote to prod blocked: /);
  });

  it('asks to name the team when the author acts for several teams of the stage, and withdraws with /revoke', async () => {
    const s = setup();
    s.world.directory.groups.set('acc-both', ['golive-mt-sre', 'golive-sre-p']);
    await s.comment('acc-both', adf('/lgtm'));
    expect(s.replies()[0]).toBe('@acc-both Recorded nothing for /lgtm: You act for Managed Tenants SRE and SRE-P on Promote to prod; name the team, e.g. /approve mt-sre.');
    await s.comment('acc-both', adf('/approve sre-p'));
    expect(decisionOf(s.world, 'sre-p')).toMatchObject({ decision: 'approved', by: 'acc-both' });
    await s.comment('acc-both', adf('/revoke'));
    expect(decisionOf(s.world, 'sre-p')).toMatchObject({ decision: 'revoked', by: 'acc-both' });
  });

  it('ignores commands in code and quotes, comments by apps, and comments without commands, without replying', async () => {
    const s = setup();
    const outcomes = [
      (await s.comment('acc-mt-sre', adf({ quote: '/lgtm' }, { code: '/approve mt-sre' }))).outcome,
      (await s.comment('acc-mt-sre', adf('/lgtm'), 'app')).outcome,
      (await s.comment('acc-mt-sre', adf('I think /lgtm is premature', 'LGTM, but fix the typo'))).outcome,
    ];
    expect(outcomes).toEqual([{ handled: false, why: 'no-commands' }, { handled: false, why: 'app-author' }, { handled: false, why: 'no-commands' }]);
    expect(s.world.audit.events).toEqual([]);
    expect(s.replies()).toEqual([]);
  });

  it('takes the author from Jira, not from what the comment says, and applies the reporter rule', async () => {
    const world = demoWorld();
    world.directory.groups.set('acc-pm', ['golive-mt-sre']);
    const s = setup(world);
    await s.comment('acc-pm', adf('On behalf of @acc-mt-sre:', '/lgtm'));
    expect(decisionOf(s.world, 'mt-sre')).toBeUndefined();
    expect(s.replies()).toEqual(['@acc-pm Recorded nothing for /lgtm: The reporter of this ticket may not approve.']);
  });

  it('answers a line it cannot read once, even when the comment is edited around it', async () => {
    const s = setup();
    const { id } = await s.comment('acc-mt-sre', adf('/approve nobody'));
    s.comments.edit(id, adf('/approve nobody', 'thanks'));
    await s.deliver(id);
    expect(s.replies()).toHaveLength(1);
    expect(s.replies()[0]).toMatch(/^@acc-mt-sre Did not understand \/approve nobody: no team or stage is called “nobody”/);
  });

  it('marks a team not applicable on /na by a member of the team, with the reason, the verdict of the stage that needs it and the comment in the audit trail', async () => {
    const s = setup();
    const { id } = await s.comment('acc-layered-sre', adf('/na layered-sre No layered SRE team runs this add-on'));
    expect(s.world.issues.issues.get(issueId)?.properties[waiverProperty({ kind: 'team', key: 'layered-sre' })]).toMatchObject({
      kind: 'waiver',
      target: { kind: 'team', key: 'layered-sre' },
      status: 'waived',
      by: 'acc-layered-sre',
      via: 'golive-layered-sre',
      reason: 'No layered SRE team runs this add-on',
    });
    expect(s.world.audit.events).toEqual([expect.objectContaining({ actor: 'acc-layered-sre', action: 'waive', team: 'layered-sre', detail: `Layered SRE marked not applicable: No layered SRE team runs this add-on (in comment ${id})`, outcome: 'applied' })]);
    expect(s.replies()).toEqual([
      '@acc-layered-sre Recorded: Layered SRE does not apply to this ticket: “No layered SRE team runs this add-on” (/na layered-sre No layered SRE team runs this add-on).\nGo live blocked: waiting on SRE-P, CEE, OSD e2e, OSD SRE, Platform & Payload, OSD/ROSA PM, OCM PM, Addon/Product PM, ServiceDev A, ServiceDev B, Managed Tenants SRE, Dev team; capacity not recorded; velocity not recorded.',
    ]);
  });

  it('waives a number or an item on /na by an override-group member, and refuses someone outside the team or a reason that says nothing, saying why', async () => {
    const s = setup();
    await s.comment('acc-admin', adf('/na capacity Free add-on, nobody is billed for it'));
    await s.comment('acc-mt-sre', adf('/na osd-e2e no e2e suite for this add-on'));
    await s.comment('acc-layered-sre', adf('/na layered-sre n/a'));
    const properties = s.world.issues.issues.get(issueId)?.properties ?? {};
    expect(properties[waiverProperty({ kind: 'number', key: 'capacity' })]).toMatchObject({ status: 'waived', by: 'acc-admin', via: 'golive-overriders' });
    expect(properties[waiverProperty({ kind: 'team', key: 'osd-e2e' })]).toBeUndefined();
    expect(properties[waiverProperty({ kind: 'team', key: 'layered-sre' })]).toBeUndefined();
    expect(s.replies()).toEqual([
      '@acc-admin Recorded: Capacity does not apply to this ticket: “Free add-on, nobody is billed for it” (/na capacity Free add-on, nobody is billed for it).\nGo live blocked: waiting on Layered SRE, SRE-P, CEE, OSD e2e, OSD SRE, Platform & Payload, OSD/ROSA PM, OCM PM, Addon/Product PM, ServiceDev A, ServiceDev B, Managed Tenants SRE, Dev team; velocity not recorded.',
      '@acc-mt-sre Recorded nothing for /na osd-e2e no e2e suite for this add-on: Only an approver for OSD e2e or a member of golive-overriders can mark OSD e2e not applicable.',
      '@acc-layered-sre Recorded nothing for /na layered-sre n/a: Say why in words: write at least 10 visible characters (this has 3); nothing was saved.',
    ]);
  });

  it('does nothing on a project without a gate, and on a comment deleted before it was read', async () => {
    const world = demoWorld();
    world.configs.stored.clear();
    const s = setup(world);
    expect((await s.comment('acc-mt-sre', adf('/lgtm'))).outcome).toEqual({ handled: false, why: 'not-configured' });
    expect(await applyCommentCommands(commentPortsOf(s.world, s.comments, s.claims), issueId, '424242')).toEqual({ handled: false, why: 'comment-gone' });
    expect(s.replies()).toEqual([]);
  });
});
