// The panel's resolvers as the local site runs them (dist/app/index.cjs through the real @forge packages).
import type { GateView, ResolverResult } from '../../src/contract';
import { templateConfig } from '../../src/gate/templates';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';

let site: RunningSite;
const teams = templateConfig('managed-addon')!.teams.map((t) => t.key);

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.stop();
});

async function rest(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${site.url}${path}`, {
    method,
    headers: { authorization: site.basic(email), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function newTicket(): Promise<string> {
  const created = await rest('pm@example.com', 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SKU' }, summary: 'Panel adapter test', issuetype: { name: 'Task' } } });
  return (created.body as { key: string }).key;
}

const decide = (team: string, key: string, decision = 'approve'): Promise<ResolverResult<GateView>> =>
  site.invoke(`${team}@example.com`, 'go-live-gate-panel', 'decide', { team, decision }, { issueKey: key }) as Promise<ResolverResult<GateView>>;

const view = (result: ResolverResult<GateView>): GateView => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

describe('the panel on the local site', () => {
  it('loses no decision and leaves a summary that matches the records when every team approves at once', async () => {
    const key = await newTicket();
    const results = await Promise.all(teams.map((team) => decide(team, key)));
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const gate = view((await site.invoke('pm@example.com', 'go-live-gate-panel', 'getGate', {}, { issueKey: key })) as ResolverResult<GateView>);
    expect(Object.keys(gate.records.decisions).sort()).toEqual([...teams].sort());
    expect(gate.audit.events).toHaveLength(teams.length);
    const summary = await rest('pm@example.com', 'GET', `/rest/api/3/issue/${key}/properties/golive-gate.summary`);
    expect((summary.body as { value: unknown }).value).toMatchObject({ status: 'blocked', stage: 'go-live', approved: 13, required: 13, pending: [], unverified: [] });
    console.log(`panel concurrency: ${teams.length} decisions at once, lost 0`);
  });

  it('shows a decline edited into an approval through the REST API as unverified until an approver re-affirms it', async () => {
    const key = await newTicket();
    const declined = view(
      (await site.invoke('cee@example.com', 'go-live-gate-panel', 'decide', { team: 'cee', decision: 'decline', comment: 'Docs missing' }, { issueKey: key })) as ResolverResult<GateView>,
    );
    const approval = { ...declined.records.decisions['cee']!, decision: 'approved' as const };
    delete approval.comment;
    const edited = await rest('pm@example.com', 'PUT', `/rest/api/3/issue/${key}/properties/golive-gate.team.cee`, approval);
    expect(edited.status).toBeLessThan(300);

    const tampered = view((await site.invoke('pm@example.com', 'go-live-gate-panel', 'getGate', {}, { issueKey: key })) as ResolverResult<GateView>);
    expect(tampered.unverified).toEqual([{ propertyKey: 'golive-gate.team.cee', problem: 'digest-mismatch', fix: 'An approver for CEE can re-affirm the decision.' }]);
    expect(tampered.records.decisions['cee']).toBeUndefined();

    const repaired = view(await decide('cee', key));
    expect(repaired.unverified).toEqual([]);
    expect(repaired.records.decisions['cee']?.decision).toBe('approved');
  });
});
