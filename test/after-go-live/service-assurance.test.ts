import { DEMO, unwrap, useSite } from '../support/site-client';

// Seed 000: an add-on promoted to prod but not gone live "gets a potentially lower service assurance". The summary
// follows the ticket's status (the issue-updated trigger derives it again after a transition), so JQL finds it.
const env = useSite();

async function keysFound(jql: string): Promise<string[]> {
  const found = await env.client.rest(DEMO.pm, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 });
  expect(found.status).toBe(200);
  return (found.body as { issues: { key: string }[] }).issues.map((i) => i.key);
}

describe('service assurance', () => {
  it('shows a promoted-but-not-live ticket with reduced assurance in the panel and in JQL, and full once live', async () => {
    const { key } = await env.client.createTicket('Add-on S go-live');
    await env.site.drainEvents();
    const before = unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key }));
    expect(before.assurance).toEqual({ level: 'none', status: 'In Review' });

    await env.client.fillIn(key, 'promote-to-prod');
    for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) await env.client.approveAt(key, team, ['promote-to-prod']);
    await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
    await env.site.drainEvents();

    const promoted = unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key }));
    expect(promoted.assurance).toEqual({ level: 'reduced', stage: 'promote-to-prod', stageName: 'Promote to prod', status: 'In Production' });
    expect(await keysFound('project = SKU AND goLiveGateAssurance = "reduced"')).toContain(key);
    expect(await keysFound('project = SKU AND goLiveGateAssurance = "full"')).not.toContain(key);
    expect(await keysFound('issue.property[golive-gate.assurance].level = "reduced"')).toContain(key);

    // Go live: the PM's answers and numbers, then every team the ticket waits on agrees at the stage.
    await env.client.fillIn(key, 'go-live');
    const goLiveTeams = unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key })).verdicts[1]?.teams ?? [];
    for (const team of goLiveTeams.filter((t) => t.state === 'pending')) await env.client.approveAt(key, team.team, ['go-live']);
    await env.client.transition(DEMO.pm, key, DEMO.transitions.goLive, 204);
    await env.site.drainEvents();
    expect(unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key })).assurance?.level).toBe('full');
    expect(await keysFound('project = SKU AND goLiveGateAssurance = "full"')).toContain(key);
  });
});
