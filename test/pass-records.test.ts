import { passProperty } from '../src/gate/v2/records';
import { DEMO, unwrap, useSite } from './support/site-client';

// Issue 13 item 8 on the local site: a real status change (Jira's avi:jira:updated:issue with its changelog, delivered
// to the app's unmodified trigger) stores the stage's pass record; a passed stage is read-only; a pass someone edits by
// hand is caught.
const env = useSite();
const PROMOTE = 'promote-to-prod';
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

async function properties(issueKey: string): Promise<Record<string, unknown>> {
  const answer = await env.client.restOk(DEMO.pm, 'GET', `/rest/api/3/issue/${issueKey}?properties=*all&fields=status`, undefined, 200);
  return (answer as { properties?: Record<string, unknown> }).properties ?? {};
}

const gateOf = async (issueKey: string, as: string = DEMO.pm) => unwrap(await env.client.invoke(as, 'panel', 'getGate', {}, { issueKey }));

test('moving a ticket through promote to prod stores the pass, makes the stage read-only, and a pass edited by hand is caught', async () => {
  const { key } = await env.client.createTicket('Add-on that passes promote to prod');
  await env.client.fillIn(key, PROMOTE);
  for (const team of PROMOTE_TEAMS) await env.client.call(DEMO.approverOf(team), 'panel', 'decide', { team, decision: 'approve', stages: [PROMOTE] }, { issueKey: key });
  await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
  await env.site.drainEvents();

  const gate = await gateOf(key);
  const pass = gate.recordsV2?.passes[PROMOTE];
  expect(pass).toMatchObject({
    kind: 'pass',
    stage: PROMOTE,
    by: 'acc-pm',
    transition: { id: expect.stringMatching(/^\d+$/) as unknown, from: '10001', to: '10002', fromName: 'In Review', toName: 'In Production' },
    configVersion: gate.configV2?.version,
    overridden: false,
    message: 'Promote to prod: ready',
  });
  // The teams' decisions at the stage and the PM's answers to its checklist.
  expect(Object.keys(pass?.relied ?? {}).sort()).toEqual([...PROMOTE_TEAMS.map((team) => `golive-gate.decision.${PROMOTE}.${team}.acc-${team}`), 'golive-gate.answers'].sort());
  expect((await properties(key))[passProperty(PROMOTE)]).toEqual(pass);
  expect(gate.verdictsV2?.find((v) => v.stage === PROMOTE)).toMatchObject({ allowed: true, passed: { by: 'acc-pm', at: pass?.at } });
  expect(gate.audit.events.find((e) => e.propertyKey === passProperty(PROMOTE))).toMatchObject({ action: 'pass', actor: 'acc-pm', outcome: 'applied', seq: 1 });

  // Read-only: the approver cannot revoke at the passed stage, and is told which stage passed and when.
  const refused = await env.client.invoke(DEMO.approverOf('sre-p'), 'panel', 'decide', { team: 'sre-p', decision: 'revoke', stages: [PROMOTE] }, { issueKey: key });
  expect(refused).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'forbidden', message: `Promote to prod passed on ${pass?.at.slice(0, 10) ?? ''} when acc-pm moved the ticket; its decisions are read-only until the ticket moves back.` }) as unknown,
  });

  // Anyone who can edit the issue can rewrite the property: the pass no longer matches its KVS head and counts for nothing.
  await env.client.restOk(DEMO.pm, 'PUT', `/rest/api/3/issue/${key}/properties/${passProperty(PROMOTE)}`, { ...pass, by: 'acc-cee' }, [200, 201]);
  const tampered = await gateOf(key);
  expect(tampered.unverified).toEqual([expect.objectContaining({ propertyKey: passProperty(PROMOTE), problem: 'digest-mismatch' })]);
  expect(tampered.verdictsV2?.find((v) => v.stage === PROMOTE)?.passed).toBeUndefined();
  expect(tampered.recordsV2?.passes[PROMOTE]).toBeUndefined();
});

test('a ticket that goes live stores both passes, each relying on its own stage’s records', async () => {
  const { key } = await env.client.createTicket('Add-on that goes live');
  await env.client.fillIn(key, PROMOTE);
  for (const team of PROMOTE_TEAMS) await env.client.approve(key, team);
  await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
  await env.site.drainEvents();
  // Go live: the PM's answers and numbers, every team ticket-wide (the promote-to-prod teams again: their ticket-wide
  // decision still counts at go live, where a decision at promote to prod does not carry over).
  const view = await env.client.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey: DEMO.projectKey });
  const goLive = view.config?.stages.find((s) => s.key === 'go-live');
  await env.client.fillIn(key, 'go-live');
  for (const team of goLive?.requiredTeams ?? []) await env.client.approve(key, team);
  await env.client.transition(DEMO.pm, key, DEMO.transitions.goLive, 204);
  await env.site.drainEvents();

  const gate = await gateOf(key);
  expect(Object.keys(gate.recordsV2?.passes ?? {}).sort()).toEqual(['go-live', PROMOTE]);
  expect(gate.recordsV2?.passes['go-live']).toMatchObject({ transition: { from: '10002', to: '10003', fromName: 'In Production', toName: 'Live' } });
  expect(Object.keys(gate.recordsV2?.passes['go-live']?.relied ?? {})).toEqual(expect.arrayContaining(['golive-gate.numbers', 'golive-gate.team.cee']));
  expect(gate.verdictsV2?.map((v) => [v.stage, v.passed?.by])).toEqual([[PROMOTE, 'acc-pm'], ['go-live', 'acc-pm']]);
});
