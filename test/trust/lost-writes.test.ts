// "Trust": acknowledged means kept. Users writing at the same moment, KVS writes held in transit until after the next
// write, and writes interrupted half way, on the local site with the real app: nothing acknowledged is lost, a late
// write never replaces a newer one, the app's own records always verify, and the audit trail says what happened.
import type { ConfigView, GateView } from '../../src/contract';
import { NUMBERS_PROPERTY, teamProperty } from '../../src/gate/records';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import {
  ADMIN,
  auditTrail,
  call,
  clearFaults,
  createTicket,
  decide,
  getGate,
  inParallel,
  lateWritesLanded,
  planFault,
  PM,
  PROJECT,
  refusedWith,
  savedConfig,
  transition,
  TRANSITIONS,
  unwrap,
} from '../reliability/support';

/**
 * A KVS write that fails for the app at once (as a timed-out attempt does) and lands this much later all the same:
 * long enough for the app to try again and for the next acknowledged write to land first.
 */
const LATE_MS = 2_000;
const TIMEOUT_MS = 60_000;

let site: RunningSite;

beforeAll(async () => {
  site = await startSite();
});
afterEach(async () => {
  await clearFaults(site);
});
afterAll(async () => {
  await site?.stop();
});

describe('class 2: concurrent number recording', () => {
  it('keeps both numbers when the PM records capacity and SRE-P records velocity at the same moment, on every ticket', async () => {
    const tickets = await Promise.all(Array.from({ length: 10 }, (_, i) => createTicket(site, `Numbers at once ${i}`)));
    const outcomes = await inParallel(
      tickets.flatMap(({ key }, i) => [
        { key, email: PM, values: { capacity: 100 + i } },
        { key, email: 'sre-p@example.com', values: { velocity: 10 + i } },
      ]),
      20,
      ({ key, email, values }) => call<GateView>(site, email, 'recordNumbers', { values }, { issueKey: key }),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.ok : String(o.reason)))).toEqual(outcomes.map(() => true));
    for (const [i, { key }] of tickets.entries()) {
      const gate = await getGate(site, key);
      expect({ key, numbers: gate.records.numbers?.values, unverified: gate.unverified }).toEqual({ key, numbers: { capacity: 100 + i, velocity: 10 + i }, unverified: [] });
    }
  }, TIMEOUT_MS);
});

describe('class 3: configuration saves', () => {
  it('keeps the latest acknowledged save in force when an earlier save\'s KVS write lands late', async () => {
    const before = await savedConfig(site);
    const withoutCee = { ...before, stages: before.stages.map((stage) => ({ ...stage, requiredTeams: stage.requiredTeams.filter((team) => team !== 'cee') })) };
    // The KVS write that puts a save in force lands late: the plain `set` of the current key in schema version 1 (after
    // the history claim, which passes), the transaction from version 2 on.
    await planFault(site, { target: 'kvs', match: 'set', skip: 1, lateMs: LATE_MS });
    await planFault(site, { target: 'kvs', match: 'transaction', lateMs: LATE_MS });
    const first = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: withoutCee }, PROJECT));
    await clearFaults(site);
    const second = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: { ...first.config, stages: before.stages } }, PROJECT));
    await lateWritesLanded(site);

    const inForce = await savedConfig(site);
    expect(inForce.version).toBe(second.config?.version);
    expect(inForce.stages).toEqual(before.stages);
  }, TIMEOUT_MS);
});

describe('class 4: a late KVS write', () => {
  it('never replaces a newer decision: the acknowledged revoke stays in force and verified', async () => {
    const { key } = await createTicket(site, 'Late write');
    for (const team of ['mt-sre', 'osd-e2e', 'sre-p']) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    unwrap(await decide(site, 'dev-team', key, 'decline', 'No runbook yet'));
    await planFault(site, { target: 'kvs', match: 'transaction', lateMs: LATE_MS });
    unwrap(await decide(site, 'dev-team', key, 'approve', 'Runbook added'));
    unwrap(await decide(site, 'dev-team', key, 'revoke', 'The runbook is wrong after all'));
    await lateWritesLanded(site);

    const gate = await getGate(site, key);
    expect(gate.unverified).toEqual([]);
    expect(gate.records.decisions['dev-team']).toMatchObject({ decision: 'revoked' });
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(400);
  }, TIMEOUT_MS);
});

describe('class 9: the audit trail says what happened', () => {
  it('records that an approval whose property write failed did not take effect', async () => {
    const { key, id } = await createTicket(site, 'Interrupted approval');
    await planFault(site, { target: 'jira', match: `PUT /rest/api/3/issue/${id}/properties/${teamProperty('sre-p')}`, status: 500, times: 4 });
    expect(refusedWith(await decide(site, 'sre-p', key, 'approve', 'LGTM')).code).toBe('unavailable');
    await clearFaults(site);

    const [event] = (await auditTrail(site, key)).filter((e) => e.team === 'sre-p');
    expect(event).toMatchObject({ action: 'decide', detail: 'SRE-P approved: LGTM', outcome: 'failed' });
    expect(event?.outcomeDetail).toMatch(/^The record was not put on the issue, so it does not count until it is written again/);
    expect((await getGate(site, key)).records.decisions['sre-p']).toBeUndefined();
  });

  it('records that each acknowledged write applied', async () => {
    const { key } = await createTicket(site, 'Applied writes');
    unwrap(await decide(site, 'sre-p', key, 'approve', 'LGTM'));
    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 10 } }, { issueKey: key }));
    const events = await auditTrail(site, key);
    expect(events.map((e) => [e.propertyKey, e.outcome])).toEqual([
      [NUMBERS_PROPERTY, 'applied'],
      [teamProperty('sre-p'), 'applied'],
    ]);
  });
});
