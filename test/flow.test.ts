import { RESOLVER_MODULE_KEYS } from '../src/contract';
import type { GateConfigV2 } from '../src/gate/v2/config';
import { decisionProperty } from '../src/gate/v2/records';
import { DEMO, refusalOf, unwrap, useSite } from './support/site-client';

// The whole Go-Live Gate flow over the local site's REST API and /forge/invoke, as the demo users, with the app run from
// the bundle @forge/bundler made (dist/forge, what `forge deploy` uploads), so the flow tests what a deploy ships. SKU
// runs the v2 managed add-on template: the PM fills each stage in, then every team agrees at the stage.
const { pm: PM, transitions } = DEMO;
const env = useSite({ env: { SITE_APP_BUNDLE: 'dist/forge' } });
let config: GateConfigV2;

beforeAll(async () => {
  config = await env.client.configV2();
});

const rest = (email: string, method: string, path: string, body?: unknown) => env.client.rest(email, method, path, body);
const transition = (email: string, issueKey: string, id: string) => rest(email, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } });
const teamName = (key: string): string => config.teams.find((team) => team.key === key)?.name ?? key;
/** The teams a stage requires on every ticket (Layered SRE is required only where present: not on these tickets). */
const requiredAt = (key: string): string[] => {
  const found = config.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found.teams.map(({ team }) => team).filter((team) => config.teams.find((t) => t.key === team)?.applies.when === 'always');
};
const approveAt = (issueKey: string, team: string, stage: string): Promise<void> => env.client.approveAt(issueKey, team, [stage]);
const createTicket = async (): Promise<string> => (await env.client.createTicket('Add-on E go-live')).key;

async function statusOf(issueKey: string): Promise<string> {
  const issue = await rest(PM, 'GET', `/rest/api/3/issue/${issueKey}?fields=status`);
  return (issue.body as { fields: { status: { name: string } } }).fields.status.name;
}

/** The PM fills promote to prod in, its teams agree at the stage, and the ticket moves to In Production. */
async function promoted(key: string): Promise<void> {
  await env.client.fillIn(key, 'promote-to-prod');
  for (const team of requiredAt('promote-to-prod')) await approveAt(key, team, 'promote-to-prod');
  expect((await transition(PM, key, transitions.promoteToProd)).status).toBe(204);
  expect(await statusOf(key)).toBe('In Production');
}

describe('the go-live flow on the local site', () => {
  it('refuses the transitions until every team agreed, then goes live', async () => {
    const key = await createTicket();

    const refusedPromotion = await transition(PM, key, transitions.promoteToProd);
    expect(refusedPromotion.status).toBe(400);
    const promotionMessage = refusalOf(refusedPromotion.body);
    for (const team of requiredAt('promote-to-prod')) expect(promotionMessage).toContain(teamName(team));

    await promoted(key);

    // Go live carries nothing over: the teams that agreed to promote to prod are asked again, with everyone else.
    const refusedGoLive = await transition(PM, key, transitions.goLive);
    expect(refusedGoLive.status).toBe(400);
    const goLiveMessage = refusalOf(refusedGoLive.body);
    for (const team of requiredAt('go-live')) expect(goLiveMessage).toContain(teamName(team));
    expect(await statusOf(key)).toBe('In Production');

    await env.client.fillIn(key, 'go-live');
    for (const team of requiredAt('go-live')) await approveAt(key, team, 'go-live');
    const gate = unwrap(await env.client.invoke(PM, 'panel', 'getGate', {}, { issueKey: key }));
    expect(gate.verdicts.find((verdict) => verdict.stage === 'go-live')?.allowed).toBe(true);

    expect((await transition(PM, key, transitions.goLive)).status).toBe(204);
    expect(await statusOf(key)).toBe('Live');
  });

  it("catches a PM's hand-written approval property for CEE", async () => {
    const key = await createTicket();
    await promoted(key);
    await env.client.fillIn(key, 'go-live');
    for (const team of requiredAt('go-live').filter((team) => team !== 'cee')) await approveAt(key, team, 'go-live');

    // The PM copies a genuine approval and rewrites it as CEE's: any issue editor can PUT an issue property.
    const genuine = await rest(PM, 'GET', `/rest/api/3/issue/${key}/properties/${decisionProperty('go-live', 'sre-p', 'acc-sre-p')}`);
    expect(genuine.status).toBe(200);
    const forged = { ...(genuine.body as { value: Record<string, unknown> }).value, team: 'cee', by: 'acc-cee', via: 'golive-cee' };
    expect((await rest(PM, 'PUT', `/rest/api/3/issue/${key}/properties/${decisionProperty('go-live', 'cee', 'acc-cee')}`, forged)).status).toBeLessThan(300);

    const refused = await transition(PM, key, transitions.goLive);
    expect(refused.status).toBe(400);
    expect(refusalOf(refused.body)).toContain(teamName('cee'));
    expect(await statusOf(key)).toBe('In Production');

    await approveAt(key, 'cee', 'go-live');
    expect((await transition(PM, key, transitions.goLive)).status).toBe(204);
  });

  it('answers /forge/invoke errors with a status and a message', async () => {
    const post = (body: unknown, email = PM) =>
      fetch(`${env.site.url}/forge/invoke`, { method: 'POST', headers: { authorization: env.site.basic(email), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const badBody = await post({ moduleKey: RESOLVER_MODULE_KEYS.panel, functionKey: 'getGate' });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: string }).error).toContain('context');
    expect((await post({ moduleKey: 'no-such-module', functionKey: 'getGate', context: { issueKey: 'SKU-1' } })).status).toBe(404);
    expect((await post({ moduleKey: RESOLVER_MODULE_KEYS.panel, functionKey: 'noSuchFunction', context: { issueKey: 'SKU-1' } })).status).toBe(404);
    expect((await post({ moduleKey: RESOLVER_MODULE_KEYS.panel, functionKey: 'getGate', context: { issueKey: 'SKU-999' } })).status).toBe(404);
    const anonymous = await fetch(`${env.site.url}/forge/invoke`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });
});
