import type { ConfigView } from '../src/contract';
import { RESOLVER_MODULE_KEYS } from '../src/contract';
import { DEMO, refusalOf, unwrap, useSite } from './support/site-client';

// The whole Go-Live Gate flow over the local site's REST API and /forge/invoke, as the demo users, with the app run from
// the bundle @forge/bundler made (dist/forge, what `forge deploy` uploads), so the flow tests what a deploy ships.
const { pm: PM, transitions } = DEMO;
const env = useSite({ env: { SITE_APP_BUNDLE: 'dist/forge' } });
let config: NonNullable<ConfigView['config']>;

beforeAll(async () => {
  const view = await env.client.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey: DEMO.projectKey });
  if (!view.config) throw new Error('The demo project has no gate configuration: the app-side seed did not run');
  config = view.config;
});

const rest = (email: string, method: string, path: string, body?: unknown) => env.client.rest(email, method, path, body);
const transition = (email: string, issueKey: string, id: string) => rest(email, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } });
const teamName = (key: string): string => config.teams.find((team) => team.key === key)?.name ?? key;
const stage = (key: string) => {
  const found = config.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
};
const approve = (issueKey: string, team: string): Promise<void> => env.client.approve(issueKey, team);
const createTicket = async (): Promise<string> => (await env.client.createTicket('Add-on E go-live')).key;

async function recordNumbers(issueKey: string): Promise<void> {
  for (const signer of new Set(config.numbers.map((spec) => spec.signedOffBy))) {
    const specs = config.numbers.filter((spec) => spec.signedOffBy === signer);
    const values = Object.fromEntries(specs.map((spec) => [spec.key, spec.min ?? 1]));
    await env.client.call(DEMO.approverOf(signer), 'panel', 'recordNumbers', { values }, { issueKey });
  }
}

async function statusOf(issueKey: string): Promise<string> {
  const issue = await rest(PM, 'GET', `/rest/api/3/issue/${issueKey}?fields=status`);
  return (issue.body as { fields: { status: { name: string } } }).fields.status.name;
}

describe('the go-live flow on the local site', () => {
  it('refuses the transitions until every team agreed, then goes live', async () => {
    const key = await createTicket();
    const promote = stage('promote-to-prod');
    const goLive = stage('go-live');

    const refusedPromotion = await transition(PM, key, transitions.promoteToProd);
    expect(refusedPromotion.status).toBe(400);
    const promotionMessage = refusalOf(refusedPromotion.body);
    for (const team of promote.requiredTeams) expect(promotionMessage).toContain(teamName(team));

    for (const team of promote.requiredTeams) await approve(key, team);
    expect((await transition(PM, key, transitions.promoteToProd)).status).toBe(204);
    expect(await statusOf(key)).toBe('In Production');

    const waiting = goLive.requiredTeams.filter((team) => !promote.requiredTeams.includes(team));
    const refusedGoLive = await transition(PM, key, transitions.goLive);
    expect(refusedGoLive.status).toBe(400);
    const goLiveMessage = refusalOf(refusedGoLive.body);
    for (const team of waiting) expect(goLiveMessage).toContain(teamName(team));
    expect(await statusOf(key)).toBe('In Production');

    await recordNumbers(key);
    for (const team of goLive.requiredTeams) await approve(key, team);
    const gate = unwrap(await env.client.invoke(PM, 'panel', 'getGate', {}, { issueKey: key }));
    expect(gate.verdicts.find((verdict) => verdict.stage === 'go-live')?.allowed).toBe(true);

    expect((await transition(PM, key, transitions.goLive)).status).toBe(204);
    expect(await statusOf(key)).toBe('Live');
  });

  it("catches a PM's hand-written approval property for CEE", async () => {
    const key = await createTicket();
    const promote = stage('promote-to-prod');
    for (const team of promote.requiredTeams) await approve(key, team);
    expect((await transition(PM, key, transitions.promoteToProd)).status).toBe(204);
    await recordNumbers(key);
    for (const team of stage('go-live').requiredTeams.filter((team) => team !== 'cee')) await approve(key, team);

    // The PM copies a genuine approval and rewrites it as CEE's: any issue editor can PUT an issue property.
    const genuine = await rest(PM, 'GET', `/rest/api/3/issue/${key}/properties/golive-gate.team.sre-p`);
    expect(genuine.status).toBe(200);
    const forged = { ...(genuine.body as { value: Record<string, unknown> }).value, team: 'cee', by: 'acc-cee', via: 'golive-cee' };
    expect((await rest(PM, 'PUT', `/rest/api/3/issue/${key}/properties/golive-gate.team.cee`, forged)).status).toBeLessThan(300);

    const refused = await transition(PM, key, transitions.goLive);
    expect(refused.status).toBe(400);
    expect(refusalOf(refused.body)).toContain(teamName('cee'));
    expect(await statusOf(key)).toBe('In Production');

    await approve(key, 'cee');
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
