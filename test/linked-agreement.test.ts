import type { GateView } from '../src/contract';
import { teamProperty } from '../src/gate/records';
import { DEMO, refusalOf, useSite } from './support/site-client';

// Agreement on a linked ticket (issue 15) on the local site: with the link type "Relates" configured, a team's approval
// recorded by the app on a related ticket counts for the ticket, under its rules; links of another type, and a record
// changed on the linked ticket, do not.
const env = useSite();
const project = { projectKey: DEMO.projectKey };

beforeAll(async () => {
  const config = await env.client.configV2();
  await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, linkedApprovals: { linkType: 'Relates' } } }, project);
});

const gateOf = (issueKey: string): Promise<GateView> => env.client.call(DEMO.pm, 'panel', 'getGate', {}, { issueKey });
const teamOf = async (issueKey: string, team: string) => (await gateOf(issueKey)).verdicts.find((v) => v.stage === 'promote-to-prod')?.teams.find((t) => t.team === team);
const link = (type: string, inward: string, outward: string) => env.client.restOk(DEMO.pm, 'POST', '/rest/api/3/issueLink', { type: { name: type }, inwardIssue: { key: inward }, outwardIssue: { key: outward } }, 201);
const promote = (key: string) => env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: DEMO.transitions.promoteToProd } });

describe('agreement on a linked ticket', () => {
  it('counts a team’s approval on a related ticket in the panel and the validator, and stops counting it when its record there is changed', async () => {
    const ticket = await env.client.createTicket('Add-on G go-live');
    await env.client.fillIn(ticket.key, 'promote-to-prod');
    const related = await env.client.createTicket('Add-on G release');
    const blocking = await env.client.createTicket('Add-on G capacity work');
    await link('Relates', ticket.key, related.key);
    await link('Blocks', blocking.key, ticket.key);

    await env.client.approve(related.key, 'dev-team');
    await env.client.approve(blocking.key, 'mt-sre');
    expect(await teamOf(ticket.key, 'dev-team')).toMatchObject({ state: 'approved', decision: { by: 'acc-dev-team', linkedIssue: related.key }, reason: expect.stringMatching(new RegExp(`^Dev team approved on ${related.key} `)) as unknown });
    // At go live every team agrees to this ticket's go-live signal, which an approval on another ticket cannot cover.
    const atGoLive = (await gateOf(ticket.key)).verdicts.find((v) => v.stage === 'go-live')?.teams.find((t) => t.team === 'dev-team');
    expect(atGoLive).toMatchObject({ state: 'pending', reason: expect.stringMatching(new RegExp(`^Dev team approved on ${related.key}, but it signs off this ticket's numbers, answers or release`)) as unknown });
    // A link of another type is not where agreement is given.
    expect((await teamOf(ticket.key, 'mt-sre'))?.state).toBe('pending');
    // SRE-P signs off this ticket's numbers: its approval elsewhere cannot cover them.
    await env.client.approve(related.key, 'sre-p');
    expect(await teamOf(ticket.key, 'sre-p')).toMatchObject({ state: 'pending', reason: expect.stringMatching(/but it signs off this ticket's numbers, answers or release/) as unknown });

    for (const team of ['mt-sre', 'osd-e2e', 'sre-p']) await env.client.approve(ticket.key, team);
    expect((await gateOf(ticket.key)).verdicts.find((v) => v.stage === 'promote-to-prod')?.message).toBe('Promote to prod: ready');

    // Anyone who can edit the related ticket can change the property; the app's head there no longer matches it.
    const property = `/rest/api/3/issue/${related.key}/properties/${teamProperty('dev-team')}`;
    const record = ((await env.client.restOk(DEMO.pm, 'GET', property, undefined, 200)) as { value: Record<string, unknown> }).value;
    await env.client.restOk(DEMO.pm, 'PUT', property, { ...record, at: new Date().toISOString() }, [200, 201]);
    expect((await teamOf(ticket.key, 'dev-team'))?.state).toBe('pending');
    const refused = await promote(ticket.key);
    expect(refused.status).toBe(400);
    expect(refusalOf(refused.body)).toContain('Promote to prod blocked: waiting on Dev team');

    await env.client.approve(related.key, 'dev-team');
    expect((await promote(ticket.key)).status).toBe(204);
  });
});
