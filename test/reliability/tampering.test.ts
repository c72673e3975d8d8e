// Tampering through Jira's REST API by someone who may edit the issue (the PM): every forged, edited, copied,
// replayed, deleted, malformed or oversized record, forged override, edited numbers or fake summary is caught. The validator blocks the transition
// naming the team, the panel shows the record as unverified, and the team's approver repairs it by re-affirming.
import type { GateView } from '../../src/contract';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import { NUMBERS_PROPERTY, overrideProperty, SUMMARY_PROPERTY, teamProperty } from '../../src/gate/records';
import { summaryOf } from '../support/summary-of';
import type { IntegrityProblem } from '../../src/gate/verdict';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { call, createTicket, decide, Figures, fillIn, getGate, PM, propertyPath, refusal, rest, savedConfigV2, snapshot, transition, TRANSITIONS, unwrap } from './support';

/** The team whose record is tampered with; every other team of "Promote to Prod" has genuinely approved. */
const TARGET = 'dev-team';
const JIRA_VALUE_LIMIT = 32_768;

let site: RunningSite;
let config: GateConfigV2;
let targetName: string;
const figures = new Figures('tampering');

beforeAll(async () => {
  site = await startSite();
  config = await savedConfigV2(site);
  targetName = config.teams.find((team) => team.key === TARGET)?.name ?? TARGET;
});
afterAll(async () => {
  figures.print();
  await site?.stop();
});

/**
 * A ticket whose PM answered the checklist of "Promote to Prod", and on which every team of the stage but the target has
 * approved (ticket-wide, as a comment command gives it: the records tampered with below are these).
 */
async function readyButTarget(): Promise<{ key: string; id: string }> {
  const ticket = await createTicket(site, 'Tampered go-live');
  await fillIn(site, ticket.key, 'promote-to-prod');
  const promote = config.stages.find((stage) => stage.key === 'promote-to-prod');
  for (const { team } of promote?.teams ?? []) {
    if (team !== TARGET) unwrap(await decide(site, team, ticket.key, 'approve', 'LGTM'));
  }
  return ticket;
}

const readProperty = async (issueKey: string, propertyKey: string): Promise<Record<string, unknown>> => {
  const reply = await rest(site, PM, 'GET', propertyPath(issueKey, propertyKey));
  expect(reply.status).toBe(200);
  return (reply.body as { value: Record<string, unknown> }).value;
};
const putProperty = async (issueKey: string, propertyKey: string, value: unknown): Promise<void> => {
  figures.operations++;
  expect((await rest(site, PM, 'PUT', propertyPath(issueKey, propertyKey), value)).status).toBeLessThan(300);
};

/** The tampering is caught (blocked naming the team, shown unverified) and repaired by the target's approver. */
async function expectCaughtAndRepaired(issueKey: string, problem: IntegrityProblem): Promise<void> {
  const blocked = await transition(site, issueKey, TRANSITIONS.promoteToProd);
  expect(blocked.status).toBe(400);
  expect(refusal(blocked)).toContain(targetName);

  const gate = await getGate(site, issueKey);
  expect(gate.unverified).toContainEqual(expect.objectContaining({ propertyKey: teamProperty(TARGET), problem }));
  expect(gate.verdicts.find((verdict) => verdict.stage === 'promote-to-prod')?.teams.find((team) => team.team === TARGET)?.state).toBe('unverified');
  figures.caught++;

  const repaired = unwrap(await decide(site, TARGET, issueKey, 'approve', 'Re-affirmed after the record was tampered with'));
  expect(repaired.unverified).toEqual([]);
  const passed = await transition(site, issueKey, TRANSITIONS.promoteToProd);
  if (passed.status !== 204) figures.lost++;
  expect(passed.status).toBe(204);
}

describe('tampering with the gate through Jira REST', () => {
  it('catches a forged approval for a team that never agreed', async () => {
    const { key } = await readyButTarget();
    const genuine = await readProperty(key, teamProperty('sre-p'));
    await putProperty(key, teamProperty(TARGET), { ...genuine, team: TARGET, by: `acc-${TARGET}`, via: `golive-${TARGET}` });
    await expectCaughtAndRepaired(key, 'no-digest');
  });

  it('catches a decline edited into an approval', async () => {
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'decline', 'Load tests are missing'));
    const decline = await readProperty(key, teamProperty(TARGET));
    await putProperty(key, teamProperty(TARGET), { ...decline, decision: 'approved', comment: 'LGTM' });
    await expectCaughtAndRepaired(key, 'digest-mismatch');
  });

  it('catches an approval copied from another ticket', async () => {
    const other = await createTicket(site, 'Approved elsewhere');
    unwrap(await decide(site, TARGET, other.key, 'approve', 'LGTM'));
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'decline', 'Runbook missing'));
    await putProperty(key, teamProperty(TARGET), await readProperty(other.key, teamProperty(TARGET)));
    await expectCaughtAndRepaired(key, 'wrong-issue');
  });

  it('catches an approval replayed after it was revoked', async () => {
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    const approval = await readProperty(key, teamProperty(TARGET));
    unwrap(await decide(site, TARGET, key, 'revoke'));
    await putProperty(key, teamProperty(TARGET), approval);
    await expectCaughtAndRepaired(key, 'digest-mismatch');
  });

  it('catches a deleted approval', async () => {
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    figures.operations++;
    expect((await rest(site, PM, 'DELETE', propertyPath(key, teamProperty(TARGET)))).status).toBe(204);
    await expectCaughtAndRepaired(key, 'deleted');
  });

  it('catches a value that is not a record, after Jira refuses text that is not JSON', async () => {
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    figures.operations++;
    const notJson = await rest(site, PM, 'PUT', propertyPath(key, teamProperty(TARGET)), undefined, '{"decision": approved');
    expect(notJson.status).toBe(400);
    figures.refused++;
    await putProperty(key, teamProperty(TARGET), { approved: true, team: TARGET });
    await expectCaughtAndRepaired(key, 'malformed');
  });

  it("catches a 32,768-character value and leaves a longer one to Jira's refusal", async () => {
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    const padded = (length: number) => ({ decision: 'approved', pad: 'x'.repeat(length - JSON.stringify({ decision: 'approved', pad: '' }).length) });
    expect(JSON.stringify(padded(JIRA_VALUE_LIMIT))).toHaveLength(JIRA_VALUE_LIMIT);
    figures.operations++;
    const tooLong = await rest(site, PM, 'PUT', propertyPath(key, teamProperty(TARGET)), padded(JIRA_VALUE_LIMIT + 1));
    expect(tooLong.status).toBe(400);
    figures.refused++;
    await putProperty(key, teamProperty(TARGET), padded(JIRA_VALUE_LIMIT));
    await expectCaughtAndRepaired(key, 'malformed');
  });

  it('catches a forged override of the stage', async () => {
    const { key, id } = await readyButTarget();
    const forged = { kind: 'override', issueId: id, stage: 'promote-to-prod', by: 'acc-admin', via: 'golive-overriders', at: new Date().toISOString(), justification: 'Approved by the VP in a meeting, no time to wait' };
    await putProperty(key, overrideProperty('promote-to-prod'), forged);

    const blocked = await transition(site, key, TRANSITIONS.promoteToProd);
    expect(blocked.status).toBe(400);
    expect(refusal(blocked)).toContain(targetName);
    const gate = await getGate(site, key);
    expect(gate.unverified).toContainEqual(expect.objectContaining({ propertyKey: overrideProperty('promote-to-prod'), problem: 'no-digest' }));
    expect(gate.verdicts.find((verdict) => verdict.stage === 'promote-to-prod')).toMatchObject({ allowed: false, overridden: false });
    figures.caught++;

    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    const passed = await transition(site, key, TRANSITIONS.promoteToProd);
    if (passed.status !== 204) figures.lost++;
    expect(passed.status).toBe(204);
  });

  it('catches numbers edited after SRE-P signed them off', async () => {
    const { key } = await readyButTarget();
    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(204);
    // The PM records the numbers (and answers go live's checklist); SRE-P, who signs the numbers off, approves them.
    await fillIn(site, key, 'go-live');
    for (const team of config.teams) unwrap(await decide(site, team.key, key, 'approve', 'LGTM'));

    const numbers = await readProperty(key, NUMBERS_PROPERTY);
    const values = numbers['values'] as Record<string, number>;
    await putProperty(key, NUMBERS_PROPERTY, { ...numbers, values: { ...values, capacity: 5_000 } });
    const blocked = await transition(site, key, TRANSITIONS.goLive);
    expect(blocked.status).toBe(400);
    expect(refusal(blocked)).toMatch(/numbers/i);
    const gate = await getGate(site, key);
    expect(gate.unverified).toContainEqual(expect.objectContaining({ propertyKey: NUMBERS_PROPERTY, problem: 'digest-mismatch' }));
    figures.caught++;

    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values }, { issueKey: key }));
    const passed = await transition(site, key, TRANSITIONS.goLive);
    if (passed.status !== 204) figures.lost++;
    expect(passed.status).toBe(204);
  });

  it('ignores a forged summary and rewrites it on the next decision', async () => {
    const { key } = await readyButTarget();
    const forged = { ...(await readProperty(key, SUMMARY_PROPERTY)), status: 'ready', approved: 4, pending: [], declined: [], unverified: [] };
    await putProperty(key, SUMMARY_PROPERTY, forged);

    const blocked = await transition(site, key, TRANSITIONS.promoteToProd);
    expect(blocked.status).toBe(400);
    expect(refusal(blocked)).toContain(targetName);
    const gate = await getGate(site, key);
    expect(gate.verdicts.find((verdict) => verdict.stage === 'promote-to-prod')?.allowed).toBe(false);
    figures.caught++;

    unwrap(await decide(site, TARGET, key, 'approve', 'LGTM'));
    const after = await snapshot(site, key);
    const summary = after.properties[SUMMARY_PROPERTY] as { updated: string };
    expect({ ...summary, updated: undefined }).toEqual({ ...summaryOf(config, after, new Date(summary.updated)), updated: undefined });
    const passed = await transition(site, key, TRANSITIONS.promoteToProd);
    if (passed.status !== 204) figures.lost++;
    expect(passed.status).toBe(204);
  });
});
