import type { ConfigView, GateView, ResolverResult } from '../src/contract';
import type { RunningSite } from './support/site';
import { startSite } from './support/site';

// The whole Go-Live Gate flow over the local site's REST API and /forge/invoke, as the demo users, with the app run from
// the bundle @forge/bundler made (dist/forge, what `forge deploy` uploads), so the flow tests what a deploy ships.
const PANEL = 'go-live-gate-panel';
const SETTINGS = 'go-live-gate-settings';
const PM = 'pm@example.com';
const ADMIN = 'admin@example.com';
const START_REVIEW = '11';
const PROMOTE_TO_PROD = '21';
const GO_LIVE = '31';
const approver = (team: string): string => `${team}@example.com`;

let site: RunningSite;
let config: NonNullable<ConfigView['config']>;

beforeAll(async () => {
  site = await startSite({ env: { SITE_APP_BUNDLE: 'dist/forge' } });
  const view = unwrap<ConfigView>(await site.invoke(ADMIN, SETTINGS, 'getConfig', {}, { projectKey: 'SKU' }));
  if (!view.config) throw new Error('The demo project has no gate configuration: the app-side seed did not run');
  config = view.config;
});
afterAll(() => site.stop());

function unwrap<T>(answer: unknown): T {
  const result = answer as ResolverResult<T>;
  if (!result.ok) throw new Error(`resolver refused: ${result.error.message}`);
  return result.data;
}

async function rest(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${site.url}${path}`, {
    method,
    headers: { authorization: site.basic(email), 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const transition = (email: string, issueKey: string, id: string) => rest(email, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } });
const teamName = (key: string): string => config.teams.find((team) => team.key === key)?.name ?? key;
const stage = (key: string) => {
  const found = config.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
};
const approve = async (issueKey: string, team: string): Promise<void> => {
  unwrap(await site.invoke(approver(team), PANEL, 'decide', { team, decision: 'approve', comment: 'LGTM' }, { issueKey }));
};

async function createTicket(): Promise<string> {
  const created = await rest(PM, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SKU' }, summary: 'Add-on E go-live', issuetype: { name: 'Task' } } });
  expect(created.status).toBe(201);
  const key = (created.body as { key: string }).key;
  expect((await transition(PM, key, START_REVIEW)).status).toBe(204);
  return key;
}

async function recordNumbers(issueKey: string): Promise<void> {
  for (const signer of new Set(config.numbers.map((spec) => spec.signedOffBy))) {
    const specs = config.numbers.filter((spec) => spec.signedOffBy === signer);
    const values = Object.fromEntries(specs.map((spec) => [spec.key, spec.min ?? 1]));
    unwrap(await site.invoke(approver(signer), PANEL, 'recordNumbers', { values }, { issueKey }));
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

    const refusedPromotion = await transition(PM, key, PROMOTE_TO_PROD);
    expect(refusedPromotion.status).toBe(400);
    const promotionMessage = (refusedPromotion.body as { errorMessages: string[] }).errorMessages.join(' ');
    for (const team of promote.requiredTeams) expect(promotionMessage).toContain(teamName(team));

    for (const team of promote.requiredTeams) await approve(key, team);
    expect((await transition(PM, key, PROMOTE_TO_PROD)).status).toBe(204);
    expect(await statusOf(key)).toBe('In Production');

    const waiting = goLive.requiredTeams.filter((team) => !promote.requiredTeams.includes(team));
    const refusedGoLive = await transition(PM, key, GO_LIVE);
    expect(refusedGoLive.status).toBe(400);
    const goLiveMessage = (refusedGoLive.body as { errorMessages: string[] }).errorMessages.join(' ');
    for (const team of waiting) expect(goLiveMessage).toContain(teamName(team));
    expect(await statusOf(key)).toBe('In Production');

    await recordNumbers(key);
    for (const team of goLive.requiredTeams) await approve(key, team);
    const gate = unwrap<GateView>(await site.invoke(PM, PANEL, 'getGate', {}, { issueKey: key }));
    expect(gate.verdicts.find((verdict) => verdict.stage === 'go-live')?.allowed).toBe(true);

    expect((await transition(PM, key, GO_LIVE)).status).toBe(204);
    expect(await statusOf(key)).toBe('Live');
  });

  it("catches a PM's hand-written approval property for CEE", async () => {
    const key = await createTicket();
    const promote = stage('promote-to-prod');
    for (const team of promote.requiredTeams) await approve(key, team);
    expect((await transition(PM, key, PROMOTE_TO_PROD)).status).toBe(204);
    await recordNumbers(key);
    for (const team of stage('go-live').requiredTeams.filter((team) => team !== 'cee')) await approve(key, team);

    // The PM copies a genuine approval and rewrites it as CEE's: any issue editor can PUT an issue property.
    const genuine = await rest(PM, 'GET', `/rest/api/3/issue/${key}/properties/golive-gate.team.sre-p`);
    expect(genuine.status).toBe(200);
    const forged = { ...(genuine.body as { value: Record<string, unknown> }).value, team: 'cee', by: 'acc-cee', via: 'golive-cee' };
    expect((await rest(PM, 'PUT', `/rest/api/3/issue/${key}/properties/golive-gate.team.cee`, forged)).status).toBeLessThan(300);

    const refused = await transition(PM, key, GO_LIVE);
    expect(refused.status).toBe(400);
    expect((refused.body as { errorMessages: string[] }).errorMessages.join(' ')).toContain(teamName('cee'));
    expect(await statusOf(key)).toBe('In Production');

    await approve(key, 'cee');
    expect((await transition(PM, key, GO_LIVE)).status).toBe(204);
  });

  it('answers /forge/invoke errors with a status and a message', async () => {
    const post = (body: unknown, email = PM) =>
      fetch(`${site.url}/forge/invoke`, { method: 'POST', headers: { authorization: site.basic(email), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const badBody = await post({ moduleKey: PANEL, functionKey: 'getGate' });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: string }).error).toContain('context');
    expect((await post({ moduleKey: 'no-such-module', functionKey: 'getGate', context: { issueKey: 'SKU-1' } })).status).toBe(404);
    expect((await post({ moduleKey: PANEL, functionKey: 'noSuchFunction', context: { issueKey: 'SKU-1' } })).status).toBe(404);
    expect((await post({ moduleKey: PANEL, functionKey: 'getGate', context: { issueKey: 'SKU-999' } })).status).toBe(404);
    const anonymous = await fetch(`${site.url}/forge/invoke`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });
});
