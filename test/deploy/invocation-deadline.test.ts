import { COULD_NOT_VERIFY } from '../../src/app/validate-transition';
import { delta } from '../support/site-faults';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { clearFaults, createTicket, planFault, refusal, transition, TRANSITIONS } from '../reliability/support';

// Forge stops a validator after 25 s, and the user then sees a platform error instead of the gate's "try again". The
// site enforces that limit per invocation (it answers "did not finish within 25 s" instead of the app's message), and
// runs the app from the deploy bundle, so these show the validator answering in time when Jira and KVS do not.
const ISSUE_READS = 'jira:GET /rest/api/3/issue/{issueIdOrKey}';

let site: RunningSite;

beforeAll(async () => {
  site = await startSite({ env: { SITE_APP_BUNDLE: 'dist/forge' } });
});
afterEach(() => clearFaults(site));
afterAll(() => site?.stop());

/** Promotes the ticket, expects the validator's own "try again" refusal, and answers what the site served meanwhile. */
async function refusedWithTryAgain(issueKey: string): Promise<Record<string, number>> {
  const before = await site.metrics();
  const reply = await transition(site, issueKey, TRANSITIONS.promoteToProd);
  expect(reply.status).toBe(400);
  expect(refusal(reply)).toBe(COULD_NOT_VERIFY);
  return delta(before, await site.metrics());
}

test('a validator whose Jira read hangs tries only what fits in its 8 s budget, then says to try again', async () => {
  const { key } = await createTicket(site, 'Jira hangs');
  await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, hang: true, times: 100 });
  const served = await refusedWithTryAgain(key);
  // One 5 s attempt and one cut short at the deadline; without the budget it would make all four (21 s).
  expect(served[ISSUE_READS]).toBe(2);
}, 60_000);

test('a validator facing slow Jira and then hanging KVS answers "try again" instead of being stopped by Forge', async () => {
  const { key } = await createTicket(site, 'Jira slow, KVS hangs');
  // The configuration is read first (by project key); then two Jira reads slower than an attempt may take, then KVS
  // never answers: unbudgeted, that is 11 s + 15 s > 25 s.
  await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, delayMs: 6_000, times: 2 });
  await planFault(site, { target: 'kvs', hang: true, skip: 1, times: 100 });
  const served = await refusedWithTryAgain(key);
  expect(served[ISSUE_READS]).toBe(2);
  expect(served['kvs:entity/get'] ?? 0).toBe(0);
}, 60_000);

test('Jira and KVS share the one budget: after a slow Jira read, KVS gets only what is left of it', async () => {
  const { key } = await createTicket(site, 'Jira slow once, KVS hangs');
  await planFault(site, { target: 'jira', match: `GET /rest/api/3/issue/${key}`, delayMs: 4_500, times: 1 });
  await planFault(site, { target: 'kvs', hang: true, skip: 1, times: 100 });
  const served = await refusedWithTryAgain(key);
  expect(served[ISSUE_READS]).toBe(1);
  // The configuration (found by project key before the issue), then one attempt for the record heads, cut short at the
  // deadline; unbudgeted, three (15 s).
  expect({ get: served['kvs:entity/get'], query: served['kvs:entity/query'] }).toEqual({ get: undefined, query: 2 });
}, 60_000);

test('once Jira and KVS answer again, the same transition is judged on its records', async () => {
  const { key } = await createTicket(site, 'Recovered');
  const refused = await transition(site, key, TRANSITIONS.promoteToProd);
  expect(refused.status).toBe(400);
  expect(refusal(refused)).toMatch(/^Promote to prod blocked: waiting on/);
});
