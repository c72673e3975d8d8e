// Faults injected by the local site (POST /__site/faults): Jira answering 429 with Retry-After, 5xx, slowly or not at
// all, KVS failing, and writes that land only halfway. Reads retry a bounded number of times; the validator never lets
// a transition through on an error and says to try again; a half-done write shows as unverified and is repairable.
import type { GateView } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import { teamProperty } from '../../src/gate/records';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { delta } from '../support/site-faults';
import { auditTrail, call, clearFaults, createTicket, decide, Figures, fillIn, getGate, planFault, refusal, refusedWith, savedConfig, snapshot, transition, TRANSITIONS, unwrap } from './support';

const TARGET = 'dev-team';
/** The app tries a Jira request once and retries it 3 times (src/forge/jira-client.ts DEFAULT_RETRY_POLICY). */
const JIRA_ATTEMPTS = 4;
/** The app tries a KVS call once and retries it twice (src/forge/kvs-calls.ts). */
const KVS_ATTEMPTS = 3;
const ISSUE_READS = 'jira:GET /rest/api/3/issue/{issueIdOrKey}';
const GROUP_READS = 'jira:GET /rest/api/3/user/groups';
/** The KVS operations a write may use: a single set or a transaction of several. */
const KVS_WRITES = ['set', 'transaction'] as const;

let site: RunningSite;
let config: GateConfig;
let targetName: string;
const figures = new Figures('faults');

beforeAll(async () => {
  site = await startSite();
  config = await savedConfig(site);
  targetName = config.teams.find((team) => team.key === TARGET)?.name ?? TARGET;
});
afterEach(async () => {
  await clearFaults(site);
});
afterAll(async () => {
  figures.print();
  await site?.stop();
});

/** A ticket whose PM answered the checklist of "Promote to Prod" and every team of the stage approved, so only a fault could keep it from moving. */
async function readyTicket(): Promise<{ key: string; id: string }> {
  const ticket = await createTicket(site, 'Go-live under faults');
  await fillIn(site, ticket.key, 'promote-to-prod');
  const promote = config.stages.find((stage) => stage.key === 'promote-to-prod');
  for (const team of promote?.requiredTeams ?? []) unwrap(await decide(site, team, ticket.key, 'approve', 'LGTM'));
  return ticket;
}

/** Runs `work` and answers how many requests of each kind the site served meanwhile. */
async function counted<T>(work: () => Promise<T>): Promise<{ value: T; served: Record<string, number> }> {
  const before = await site.metrics();
  const value = await work();
  return { value, served: delta(before, await site.metrics()) };
}

/** The transition is refused (fails closed) with a message that says to try again; once the fault is gone it passes. */
async function expectFailsClosedThenPasses(issueKey: string): Promise<void> {
  figures.operations++;
  const refused = await transition(site, issueKey, TRANSITIONS.promoteToProd);
  expect(refused.status).toBe(400);
  expect(refusal(refused)).toMatch(/try again/i);
  figures.refused++;
  await clearFaults(site);
  expect((await transition(site, issueKey, TRANSITIONS.promoteToProd)).status).toBe(204);
}

describe('Jira faults on reads', () => {
  it('retries a 429 with Retry-After and a 503 on a resolver read, within bounds', async () => {
    const { key } = await createTicket(site);
    await planFault(site, { target: 'jira', match: 'GET /rest/api/3/user/groups', status: 429, retryAfterSeconds: 1, times: 2 });
    await planFault(site, { target: 'jira', match: 'GET /rest/api/3/user/groups', status: 503, times: 1 });
    figures.operations++;
    const { value, served } = await counted(() => decide(site, 'sre-p', key, 'approve', 'LGTM'));
    expect(value.ok).toBe(true);
    expect(served[GROUP_READS]).toBe(JIRA_ATTEMPTS);
    figures.caught++;
  });

  it('retries KVS reads that fail, within bounds', async () => {
    const { key } = await createTicket(site);
    const before = await counted(() => getGate(site, key));
    await planFault(site, { target: 'kvs', match: 'query', status: 500, times: KVS_ATTEMPTS - 1 });
    figures.operations++;
    const { served } = await counted(() => getGate(site, key));
    // Both queries a panel load makes match: the record heads (entity/query) and the audit trail (query).
    const queries = (counts: Record<string, number>): number => (counts['kvs:query'] ?? 0) + (counts['kvs:entity/query'] ?? 0);
    expect(queries(served)).toBe(queries(before.served) + KVS_ATTEMPTS - 1);
    figures.caught++;
  });

  it('gives up after a bounded number of attempts and says to try again, storing nothing', async () => {
    const { key } = await createTicket(site);
    const before = await snapshot(site, key);
    await planFault(site, { target: 'jira', match: 'GET /rest/api/3/user/groups', status: 500, times: 100 });
    figures.operations++;
    const { value, served } = await counted(() => decide(site, 'sre-p', key, 'approve', 'LGTM'));
    expect(refusedWith(value).code).toBe('unavailable');
    expect(refusedWith(value).message).toMatch(/try again/i);
    expect(served[GROUP_READS]).toBe(JIRA_ATTEMPTS);
    figures.refused++;
    await clearFaults(site);
    expect(await snapshot(site, key)).toEqual(before);
  });

  it('lets the validator through after a 429, a 502 and a slow answer, within bounds', async () => {
    const { key } = await readyTicket();
    await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, status: 429, retryAfterSeconds: 1, times: 1 });
    await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, status: 502, times: 1 });
    await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, delayMs: 1_500, times: 1 });
    figures.operations++;
    const { value, served } = await counted(async () => {
      const reply = await transition(site, key, TRANSITIONS.promoteToProd);
      await site.drainEvents();
      return reply;
    });
    expect(value.status).toBe(204);
    // The validator's three attempts, then the issue-updated trigger (issue 18) reads the issue once to write its
    // service assurance, and twice to record the pass of promote to prod (issue 13: the read it judges by, the re-read
    // after the write).
    expect(served[ISSUE_READS]).toBe(3 + 1 + 2);
    figures.caught++;
  });

  it('retries a read that hangs once', async () => {
    const { key } = await readyTicket();
    await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, hang: true, times: 1 });
    figures.operations++;
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(204);
    figures.caught++;
  });
});

describe('the validator fails closed', () => {
  it('when Jira keeps answering 503', async () => {
    const { key } = await readyTicket();
    await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, status: 503, times: 100 });
    await expectFailsClosedThenPasses(key);
  });

  it('when Jira does not answer at all', async () => {
    const { key } = await readyTicket();
    await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, hang: true, times: JIRA_ATTEMPTS });
    await expectFailsClosedThenPasses(key);
  }, 120_000);

  it('when KVS fails to give the digests', async () => {
    const { key } = await readyTicket();
    // The configuration is read first (a query by project key); the record heads' query is the next one.
    await planFault(site, { target: 'kvs', match: 'query', skip: 1, status: 500, times: KVS_ATTEMPTS });
    await expectFailsClosedThenPasses(key);
  });

  it('when KVS fails to give the configuration', async () => {
    const { key } = await readyTicket();
    // The validator finds the configuration by the ticket's project key: a query of the configuration entity's index.
    await planFault(site, { target: 'kvs', match: 'query', status: 503, times: KVS_ATTEMPTS });
    await expectFailsClosedThenPasses(key);
  });
});

describe('writes that fail halfway', () => {
  it('retries a property write that Jira answers with 429, then 503', async () => {
    const { key, id } = await createTicket(site);
    const path = `PUT /rest/api/3/issue/${id}/properties/${teamProperty('sre-p')}`;
    await planFault(site, { target: 'jira', match: path, status: 429, retryAfterSeconds: 1, times: 1 });
    await planFault(site, { target: 'jira', match: path, status: 503, times: 1 });
    figures.operations++;
    const result = await decide(site, 'sre-p', key, 'approve', 'LGTM');
    expect(result.ok).toBe(true);
    const gate = await getGate(site, key);
    expect(gate.records.decisions['sre-p']?.decision).toBe('approved');
    expect(gate.unverified).toEqual([]);
    figures.caught++;
  });

  it('stores nothing when KVS refuses the first write of a decision, and says to try again', async () => {
    const { key } = await createTicket(site);
    const before = await snapshot(site, key);
    for (const write of KVS_WRITES) await planFault(site, { target: 'kvs', match: write, status: 500, times: KVS_ATTEMPTS });
    figures.operations++;
    const result = await decide(site, TARGET, key, 'approve', 'LGTM');
    expect(refusedWith(result).code).toBe('unavailable');
    expect(refusedWith(result).message).toMatch(/try again/i);
    figures.refused++;
    await clearFaults(site);
    expect(await snapshot(site, key)).toEqual(before);
    expect((await getGate(site, key)).unverified).toEqual([]);
  });

  it('shows a decision whose property write failed as unverified, blocks on it, and repairs it', async () => {
    const { key, id } = await readyTicket();
    unwrap(await decide(site, TARGET, key, 'decline', 'Runbook missing'));
    unwrap(await decide(site, TARGET, key, 'approve', 'Runbook added'));
    await planFault(site, { target: 'jira', match: `PUT /rest/api/3/issue/${id}/properties/${teamProperty(TARGET)}`, status: 500, times: JIRA_ATTEMPTS });
    figures.operations++;
    const revoked = await decide(site, TARGET, key, 'revoke');
    expect(revoked).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await clearFaults(site);

    // The digest of the revoke landed in KVS, the property still holds the approval: it must not count.
    const gate = await getGate(site, key);
    expect(gate.unverified).toContainEqual(expect.objectContaining({ propertyKey: teamProperty(TARGET), problem: 'digest-mismatch' }));
    const blocked = await transition(site, key, TRANSITIONS.promoteToProd);
    expect(blocked.status).toBe(400);
    expect(refusal(blocked)).toContain(targetName);
    figures.caught++;

    unwrap(await decide(site, TARGET, key, 'approve', 'Re-affirmed'));
    const passed = await transition(site, key, TRANSITIONS.promoteToProd);
    if (passed.status !== 204) figures.lost++;
    expect(passed.status).toBe(204);
  });

  it('never lets a decision count without its audit event when KVS fails after the property landed', async () => {
    const { key } = await createTicket(site);
    // The first KVS write of each kind goes through; the next ones fail, whatever they are.
    for (const write of KVS_WRITES) await planFault(site, { target: 'kvs', match: write, delayMs: 0, times: 1 });
    for (const write of KVS_WRITES) await planFault(site, { target: 'kvs', match: write, status: 500, times: KVS_ATTEMPTS });
    figures.operations++;
    const result = await call<GateView>(site, 'sre-p@example.com', 'decide', { team: 'sre-p', decision: 'approve', comment: 'LGTM' }, { issueKey: key });
    await clearFaults(site);

    const gate = await getGate(site, key);
    const counts = gate.records.decisions['sre-p']?.decision === 'approved' && !gate.unverified.some((u) => u.propertyKey === teamProperty('sre-p'));
    const audited = (await auditTrail(site, key)).some((event) => event.team === 'sre-p');
    if (result.ok) expect(audited).toBe(true);
    else expect(result.error.message).toMatch(/try again/i);
    // Whatever the answer, an approval that counts is in the audit trail.
    if (counts && !audited) figures.lost++;
    expect({ counts, audited }).not.toEqual({ counts: true, audited: false });
    figures.caught++;
  });
});
