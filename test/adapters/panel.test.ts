// The panel's resolvers as the local site runs them (dist/app/index.cjs through the real @forge packages).
import type { GateView, ResolverResult } from '../../src/contract';
import { templateConfig } from '../support/v1-templates';
import { DEMO, unwrap, useSite } from '../support/site-client';

const env = useSite();
const teams = templateConfig('managed-addon')!.teams.map((t) => t.key);
const rest = (method: string, path: string, body?: unknown) => env.client.rest(DEMO.pm, method, path, body);
const newTicket = async (): Promise<string> => (await env.client.createTicket('Panel adapter test', false)).key;
const decide = (team: string, key: string): Promise<ResolverResult<GateView>> => env.client.invoke(DEMO.approverOf(team), 'panel', 'decide', { team, decision: 'approve' }, { issueKey: key });
const getGate = async (key: string): Promise<GateView> => unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key }));

describe('the panel on the local site', () => {
  it('loses no decision and leaves a summary that matches the records when every team approves at once', async () => {
    const key = await newTicket();
    // The PM has answered promote to prod's checklist, so the ticket is at go live once the teams agree.
    await env.client.fillIn(key, 'promote-to-prod');
    const results = await Promise.all(teams.map((team) => decide(team, key)));
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const gate = await getGate(key);
    expect(Object.keys(gate.records.decisions).sort()).toEqual([...teams].sort());
    // One audit event per decision, and the PM's answers before them.
    expect(gate.audit.events.filter((e) => e.action === 'decide')).toHaveLength(teams.length);
    expect(gate.audit.events).toHaveLength(teams.length + 1);
    const summary = await rest('GET', `/rest/api/3/issue/${key}/properties/golive-gate.summary`);
    expect((summary.body as { value: unknown }).value).toMatchObject({ status: 'blocked', stage: 'go-live', approved: 13, required: 13, pending: [], unverified: [] });
    console.log(`panel concurrency: ${teams.length} decisions at once, lost 0`);
  });

  it('shows a decline edited into an approval through the REST API as unverified until an approver re-affirms it', async () => {
    const key = await newTicket();
    const declined = unwrap(await env.client.invoke(DEMO.approverOf('cee'), 'panel', 'decide', { team: 'cee', decision: 'decline', comment: 'Docs missing' }, { issueKey: key }));
    const approval = { ...declined.records.decisions['cee']!, decision: 'approved' as const };
    delete approval.comment;
    const edited = await rest('PUT', `/rest/api/3/issue/${key}/properties/golive-gate.team.cee`, approval);
    expect(edited.status).toBeLessThan(300);

    const tampered = await getGate(key);
    expect(tampered.unverified).toEqual([{ propertyKey: 'golive-gate.team.cee', problem: 'digest-mismatch', fix: 'An approver for CEE can re-affirm the decision.' }]);
    expect(tampered.records.decisions['cee']).toBeUndefined();

    const repaired = unwrap(await decide('cee', key));
    expect(repaired.unverified).toEqual([]);
    expect(repaired.records.decisions['cee']?.decision).toBe('approved');
  });
});
