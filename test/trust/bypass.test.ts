// "Trust": the bypasses found from outside, each tried again on the local site with the real app. An attacker with edit
// rights on the issue, an approver who left the team, a team removed and added back, text that shows nothing, a stage
// that requires nothing: none of them gets a ticket through, and each refusal says why.
import type { ConfigView, GateView } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import { NUMBERS_PROPERTY, teamProperty } from '../../src/gate/records';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import {
  ADMIN,
  approver,
  call,
  createTicket,
  decide,
  fillIn,
  getGate,
  PM,
  PROJECT,
  propertyPath,
  refusal,
  refusedWith,
  rest,
  savedConfig,
  savedConfigV2,
  transition,
  TRANSITIONS,
  unwrap,
} from '../reliability/support';

const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

let site: RunningSite;
let config: GateConfig;
let configV2: GateConfigV2;

beforeAll(async () => {
  site = await startSite();
  config = await savedConfig(site);
  configV2 = await savedConfigV2(site);
});
afterAll(async () => {
  await site?.stop();
});

const promoteTeam = (gate: GateView, team: string) => gate.verdicts.find((v) => v.stage === 'promote-to-prod')?.teams.find((t) => t.team === team);
const saveConfig = async (change: (config: GateConfig) => GateConfig) => call<ConfigView>(site, ADMIN, 'saveConfig', { config: change(await savedConfig(site)) }, PROJECT);
const saveConfigV2 = async (change: (config: GateConfigV2) => GateConfigV2) => call<ConfigView>(site, ADMIN, 'saveConfig', { config: change(await savedConfigV2(site)) }, PROJECT);

/** A ticket on which the PM answered the checklist and recorded numbers, and every team of "Promote to Prod" approved. */
async function approvedOnNumbers(): Promise<{ key: string; id: string }> {
  const ticket = await createTicket(site, 'Numbers signed off');
  await fillIn(site, ticket.key, 'promote-to-prod');
  unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 500, velocity: 20 } }, { issueKey: ticket.key }));
  for (const team of PROMOTE_TEAMS) unwrap(await decide(site, team, ticket.key, 'approve', 'LGTM'));
  return ticket;
}

describe('class 1: an approval is judged against what the app wrote', () => {
  it.each([
    ['deletes the numbers', async (key: string) => rest(site, PM, 'DELETE', propertyPath(key, NUMBERS_PROPERTY))],
    ['puts back the numbers SRE-P approved', async (key: string, before: unknown) => rest(site, PM, 'PUT', propertyPath(key, NUMBERS_PROPERTY), before)],
    ['writes any JSON into the numbers', async (key: string) => rest(site, PM, 'PUT', propertyPath(key, NUMBERS_PROPERTY), { anything: true })],
  ])('keeps Promote to Prod blocked when, after changing capacity through the app, the PM %s', async (_how, tamper) => {
    const { key } = await approvedOnNumbers();
    const before = ((await rest(site, PM, 'GET', propertyPath(key, NUMBERS_PROPERTY))).body as { value: unknown }).value;
    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 800 } }, { issueKey: key }));
    expect(refusal(await transition(site, key, TRANSITIONS.promoteToProd))).toBe('Promote to prod blocked: re-approval needed from SRE-P');

    expect((await tamper(key, before)).status).toBeLessThan(300);
    const blocked = await transition(site, key, TRANSITIONS.promoteToProd);
    expect(blocked.status).toBe(400);
    expect(refusal(blocked)).toContain('SRE-P');
    const sreP = promoteTeam(await getGate(site, key), 'sre-p');
    expect(sreP?.state).toBe('unverified');
    expect(sreP?.reason).toMatch(/^SRE-P's approval covers the numbers, which (were deleted|were changed|are not a record the app wrote)/);
  });
});

describe('class 5: an approver can always revoke, and it sticks', () => {
  it('revokes over a tampered approval; restoring the approval afterwards does not pass the stage', async () => {
    const ticket = await createTicket(site, 'Revoke over tampering');
    for (const team of PROMOTE_TEAMS) unwrap(await decide(site, team, ticket.key, 'approve', 'LGTM'));
    const approval = ((await rest(site, PM, 'GET', propertyPath(ticket.key, teamProperty('dev-team')))).body as { value: unknown }).value;
    expect((await rest(site, PM, 'PUT', propertyPath(ticket.key, teamProperty('dev-team')), { decision: 'approved', by: 'someone' })).status).toBe(200);

    const revoked = await decide(site, 'dev-team', ticket.key, 'revoke', 'The runbook is wrong after all');
    expect(revoked).toMatchObject({ ok: true });
    expect(promoteTeam(unwrap(revoked), 'dev-team')).toMatchObject({ state: 'pending', reason: 'Dev team revoked its decision' });

    expect((await rest(site, PM, 'PUT', propertyPath(ticket.key, teamProperty('dev-team')), approval)).status).toBe(200);
    const blocked = await transition(site, ticket.key, TRANSITIONS.promoteToProd);
    expect(blocked.status).toBe(400);
    expect(refusal(blocked)).toContain('Dev team');
  });
});

describe('class 6: text must show something', () => {
  it('refuses team, stage and group names of invisible characters, naming each field', async () => {
    const invisible = '\u200b\u200b\u200b';
    const result = await saveConfig((current) => ({
      ...current,
      teams: current.teams.map((team, index) => (index === 0 ? { ...team, name: invisible, groups: [invisible] } : team)),
      stages: current.stages.map((stage, index) => (index === 0 ? { ...stage, name: invisible } : stage)),
    }));
    expect(refusedWith(result).code).toBe('invalid-input');
    expect(refusedWith(result).fieldErrors?.map((e) => e.path)).toEqual(['teams.0.name', 'teams.0.groups.0', 'stages.0.name']);
  });

  it('refuses an override justified by invisible characters or dots, and the stage stays blocked', async () => {
    const { key } = await createTicket(site, 'Invisible justification');
    for (const justification of ['\u200b'.repeat(20), '.'.repeat(20), '\u3164'.repeat(30)]) {
      expect(refusedWith(await call<GateView>(site, ADMIN, 'override', { stage: 'promote-to-prod', justification }, { issueKey: key })).code).toBe('invalid-input');
    }
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(400);
  });
});

describe('class 7: policy holes', () => {
  it('refuses a stage that requires nothing, unless the policies allow it', async () => {
    const withEmptyStage = (current: GateConfig): GateConfig => ({ ...current, stages: [...current.stages, { key: 'launch', name: 'Launch', requiredTeams: [], requiredNumbers: [] }] });
    const refused = await saveConfig(withEmptyStage);
    expect(refusedWith(refused).fieldErrors).toEqual([{ path: 'stages.2.requiredTeams', message: 'require at least one team, number or question: a stage that requires nothing would pass every ticket' }]);
    expect((await savedConfig(site)).stages).toHaveLength(2);
    const allowed = await saveConfig((current) => withEmptyStage({ ...current, policies: { ...current.policies, allowEmptyStages: true } }));
    expect(allowed).toMatchObject({ ok: true });
    unwrap(await saveConfig((current) => ({ ...current, stages: config.stages, policies: config.policies })));
  });

  it("blocks the transition when an approver has left the team's groups, naming them", async () => {
    const ticket = await createTicket(site, 'Approver left');
    await fillIn(site, ticket.key, 'promote-to-prod');
    for (const team of PROMOTE_TEAMS) unwrap(await decide(site, team, ticket.key, 'approve', 'LGTM'));
    expect((await rest(site, ADMIN, 'DELETE', '/rest/api/3/group/user?groupname=golive-dev-team&accountId=acc-dev-team')).status).toBe(200);
    try {
      const blocked = await transition(site, ticket.key, TRANSITIONS.promoteToProd);
      expect(blocked.status).toBe(400);
      expect(refusal(blocked)).toBe('Promote to prod blocked: approver left Dev team (acc-dev-team)');
    } finally {
      expect((await rest(site, ADMIN, 'POST', '/rest/api/3/group/user?groupname=golive-dev-team', { accountId: 'acc-dev-team' })).status).toBe(201);
    }
    expect((await transition(site, ticket.key, TRANSITIONS.promoteToProd)).status).toBe(204);
  });

  it('does not revive the approval of a team removed from the gate and added back', async () => {
    const ticket = await createTicket(site, 'Team added back');
    unwrap(await decide(site, 'cee', ticket.key, 'approve', 'Docs are fine'));
    const cee = configV2.teams.find((team) => team.key === 'cee');
    if (cee === undefined) throw new Error('the demo gate has no CEE');
    const without = (current: GateConfigV2): GateConfigV2 => ({
      ...current,
      teams: current.teams.filter((team) => team.key !== 'cee'),
      stages: current.stages.map((stage) => ({ ...stage, teams: stage.teams.filter(({ team }) => team !== 'cee') })),
      // The item CEE reviews stays, reviewed by nobody while CEE is gone.
      items: current.items.map(({ reviewedBy, ...item }) => (reviewedBy === 'cee' ? item : { ...item, ...(reviewedBy !== undefined && { reviewedBy }) })),
    });
    unwrap(await saveConfigV2(without));
    unwrap(await saveConfigV2((current) => ({ ...current, teams: [...current.teams, cee], stages: configV2.stages, items: configV2.items })));
    const goLive = (await getGate(site, ticket.key)).verdicts.find((v) => v.stage === 'go-live');
    expect(goLive?.teams.find((team) => team.team === 'cee')).toMatchObject({
      state: 'pending',
      reason: "CEE's approval was given before CEE was added back to the gate; an approver for CEE must approve again",
    });
    const again = unwrap(await decide(site, 'cee', ticket.key, 'approve', 'Docs are still fine'));
    expect(again.verdicts.find((v) => v.stage === 'go-live')?.teams.find((team) => team.team === 'cee')?.state).toBe('approved');
  });
});

describe('class 8: bad input is bad input', () => {
  it('answers a garbage audit cursor with invalid-input', async () => {
    const { key } = await createTicket(site, 'Audit cursor');
    for (const cursor of ['garbage!', 'x'.repeat(600), '%%%']) {
      const result = await call(site, approver('cee'), 'getAudit', { cursor }, { issueKey: key });
      expect(refusedWith(result).code).toBe('invalid-input');
    }
  });
});
