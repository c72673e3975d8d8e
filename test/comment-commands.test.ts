import type { GateView } from '../src/contract';
import { DEMO, refusalOf, useSite } from './support/site-client';

// Commands in Jira comments on the local site: the comment is saved, Jira delivers avi:jira:commented:issue to the
// app's trigger, the app re-reads the comment, decides as its author under the panel's rules, and replies as the app.
const env = useSite();

const adf = (...lines: string[]) => ({ type: 'doc', version: 1, content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
interface Comment {
  readonly id: string;
  readonly author: { readonly accountId: string; readonly accountType: string };
  readonly body: unknown;
}
/** A comment's text as plain lines: paragraphs joined by new lines, mentions as @accountId. */
const textOf = (body: unknown): string =>
  (body as { content: { content?: { type: string; text?: string; attrs?: { id?: string } }[] }[] }).content
    .map((block) => (block.content ?? []).map((piece) => (piece.type === 'mention' ? `@${piece.attrs?.id ?? ''}` : (piece.text ?? ''))).join(''))
    .join('\n');

async function comment(as: string, issueKey: string, ...lines: string[]): Promise<string> {
  const created = (await env.client.restOk(as, 'POST', `/rest/api/3/issue/${issueKey}/comment`, { body: adf(...lines) }, 201)) as Comment;
  await env.site.drainEvents();
  return created.id;
}
async function edit(as: string, issueKey: string, id: string, ...lines: string[]): Promise<void> {
  await env.client.restOk(as, 'PUT', `/rest/api/3/issue/${issueKey}/comment/${id}`, { body: adf(...lines) }, 200);
  await env.site.drainEvents();
}
/** The app's replies on the ticket, oldest first. */
async function replies(issueKey: string): Promise<string[]> {
  const page = (await env.client.restOk(DEMO.pm, 'GET', `/rest/api/3/issue/${issueKey}/comment`, undefined, 200)) as { comments: Comment[] };
  return page.comments.filter((c) => c.author.accountType === 'app').map((c) => textOf(c.body));
}
const gateOf = (issueKey: string): Promise<GateView> => env.client.call(DEMO.pm, 'panel', 'getGate', {}, { issueKey });
const verdictOf = (gate: GateView, stage: string) => gate.verdicts.find((v) => v.stage === stage);

describe('commands in Jira comments', () => {
  it('an approver’s /lgtm changes the stage card and the validator, and the record links to the comment', async () => {
    const { key } = await env.client.createTicket('Add-on C go-live');
    // The PM has answered promote to prod's checklist and two teams agreed at the stage in the panel.
    await env.client.fillIn(key, 'promote-to-prod');
    for (const team of ['sre-p', 'osd-e2e']) await env.client.approveAt(key, team, ['promote-to-prod']);
    await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 400);

    const first = await comment(DEMO.approverOf('mt-sre'), key, 'Runbook reviewed.', '/lgtm');
    const gate = await gateOf(key);
    expect(gate.records.decisions['mt-sre']).toMatchObject({ decision: 'approved', by: 'acc-mt-sre', source: { kind: 'comment', commentId: first } });
    const card = verdictOf(gate, 'promote-to-prod');
    expect(card?.message).toBe('Promote to prod blocked: waiting on Dev team');
    expect(card?.teams.find((t) => t.team === 'mt-sre')).toMatchObject({ state: 'approved', decision: { source: { kind: 'comment', commentId: first } } });
    expect(await replies(key)).toEqual(['@acc-mt-sre Recorded: Managed Tenants SRE approves Promote to prod (/lgtm).\nPromote to prod blocked: waiting on Dev team.']);
    const refused = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: DEMO.transitions.promoteToProd } });
    expect(refusalOf(refused.body)).toContain('Promote to prod blocked: waiting on Dev team');

    await comment(DEMO.approverOf('dev-team'), key, '+1');
    expect(verdictOf(await gateOf(key), 'promote-to-prod')?.message).toBe('Promote to prod: ready');
    expect((await replies(key))[1]).toBe('@acc-dev-team Recorded: Dev team approves Promote to prod (+1).\nPromote to prod: ready.');
    await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
  });

  it('/na by a Layered SRE approver marks the team not applicable: the go-live card no longer waits on it, and the audit trail names the comment', async () => {
    const { key } = await env.client.createTicket('Add-on N go-live');
    const id = await comment(DEMO.approverOf('layered-sre'), key, '/na layered-sre No layered SRE team runs this add-on');
    await comment(DEMO.approverOf('cee'), key, '/na osd-e2e the e2e suite does not cover it');
    const gate = await gateOf(key);
    expect(gate.recordsV2?.waivers).toEqual([expect.objectContaining({ target: { kind: 'team', key: 'layered-sre' }, status: 'waived', by: 'acc-layered-sre', reason: 'No layered SRE team runs this add-on' })]);
    expect(verdictOf(gate, 'go-live')?.missing).not.toContain('Layered SRE');
    expect(gate.audit.events.find((e) => e.action === 'waive')?.detail).toBe(`Layered SRE marked not applicable: No layered SRE team runs this add-on (in comment ${id})`);
    const [waived, refused] = await replies(key);
    expect(waived).toMatch(/^@acc-layered-sre Recorded: Layered SRE does not apply to this ticket: “No layered SRE team runs this add-on” \(\/na layered-sre No layered SRE team runs this add-on\)\.\nGo live blocked: waiting on SRE-P, /);
    expect(refused).toBe('@acc-cee Recorded nothing for /na osd-e2e the e2e suite does not cover it: Only an approver for OSD e2e or a member of golive-overriders can mark OSD e2e not applicable.');
  });

  it('records nothing for a command by someone outside the team, and the reply says why', async () => {
    const { key } = await env.client.createTicket('Add-on D go-live');
    await comment(DEMO.approverOf('cee'), key, '/approve mt-sre');
    await comment(DEMO.pm, key, '/lgtm');
    const gate = await gateOf(key);
    expect(gate.records.decisions).toEqual({});
    expect(gate.audit.events.filter((e) => e.action === 'decide')).toEqual([]);
    expect(await replies(key)).toEqual([
      '@acc-cee Recorded nothing for /approve mt-sre: You are not in golive-mt-sre, the group that acts for Managed Tenants SRE.',
      '@acc-pm Recorded nothing for /lgtm: You do not act for any team Promote to prod needs (Managed Tenants SRE, OSD e2e, SRE-P and Dev team)',
    ]);
  });

  it('applies a command once when the same comment is delivered again, and applies what an edit adds', async () => {
    const { key } = await env.client.createTicket('Add-on E go-live');
    const id = await comment(DEMO.approverOf('sre-p'), key, '/lgtm');
    // Saving the comment again delivers the same event for the same comment a second time.
    await edit(DEMO.approverOf('sre-p'), key, id, '/lgtm');
    let gate = await gateOf(key);
    expect(gate.audit.events.filter((e) => e.action === 'decide')).toHaveLength(1);
    expect(await replies(key)).toHaveLength(1);

    await edit(DEMO.approverOf('sre-p'), key, id, '/lgtm', '/decline capacity numbers are missing');
    gate = await gateOf(key);
    expect(gate.records.decisions['sre-p']).toMatchObject({ decision: 'declined', comment: 'capacity numbers are missing', source: { kind: 'comment', commentId: id } });
    expect(gate.audit.events.filter((e) => e.action === 'decide')).toHaveLength(2);
    expect(await replies(key)).toHaveLength(2);
  });

  it('stays silent about commands in quotes and code, and about the app’s own replies', async () => {
    const { key } = await env.client.createTicket('Add-on F go-live');
    const quoted = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] },
        { type: 'codeBlock', content: [{ type: 'text', text: '/approve mt-sre' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '/lgtm', marks: [{ type: 'code' }] }] },
      ],
    };
    await env.client.restOk(DEMO.approverOf('mt-sre'), 'POST', `/rest/api/3/issue/${key}/comment`, { body: quoted }, 201);
    await env.client.restOk('app', 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf('/lgtm') }, 201);
    await env.site.drainEvents();
    expect((await gateOf(key)).records.decisions).toEqual({});
    expect(await replies(key)).toEqual(['/lgtm']);
  });

  it('keeps the panel as fast with thousands of comments on the ticket: it reads none of them, and a comment without a command costs no Jira request', async () => {
    const { key } = await env.client.createTicket('Add-on G go-live');
    const bare = await env.client.count(() => gateOf(key));
    const many = 2000;
    const plain = await env.client.count(async () => {
      for (let start = 0; start < many; start += 50) {
        await Promise.all(Array.from({ length: Math.min(50, many - start) }, (_, i) => env.client.restOk(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/comment`, { body: adf(`Note ${start + i}: looks fine to me`) }, 201)));
      }
      await env.site.drainEvents();
    });
    expect(plain['trigger:comment-commands']).toBe(many);
    expect(Object.keys(plain).filter((kind) => kind.startsWith('jira:') && !kind.startsWith('jira:POST /rest/api/3/issue/{issueIdOrKey}/comment'))).toEqual([]);

    const id = await comment(DEMO.approverOf('mt-sre'), key, '/lgtm');
    const loaded = await env.client.count(() => gateOf(key));
    expect(Object.keys(loaded).filter((kind) => kind.includes('comment'))).toEqual([]);
    expect(Object.values(loaded).reduce((a, b) => a + b, 0)).toBe(Object.values(bare).reduce((a, b) => a + b, 0));
    expect((await gateOf(key)).records.decisions['mt-sre']?.source).toEqual({ kind: 'comment', commentId: id });
  });
});
