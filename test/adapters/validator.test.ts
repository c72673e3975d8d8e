// The workflow validator as Jira runs it: a transition on the local site runs the built app (dist/app/index.cjs)
// through the real @forge packages. Counts its requests and checks it fails closed under faults.
import { DEMO, useSite } from '../support/site-client';
import type { RestAnswer } from '../support/site-client';
import type { Fault } from '../support/site-faults';
import { delta, injectFault } from '../support/site-faults';

const env = useSite();
const rest = (method: string, path: string, body?: unknown): Promise<RestAnswer> => env.client.rest(DEMO.pm, method, path, body);

/**
 * A fresh SKU ticket, moved to In Review, so "Promote to Prod" (validated for the promote-to-prod stage) is next; its PM
 * has answered the stage's checklist, so the stage waits on its teams alone.
 */
const ticketInReview = async (): Promise<string> => {
  const { key } = await env.client.createTicket('Validator adapter test');
  await env.client.fillIn(key, 'promote-to-prod');
  return key;
};

async function transitionId(key: string, name: string): Promise<string> {
  const { body } = await rest('GET', `/rest/api/3/issue/${key}/transitions`);
  const found = (body as { transitions: { id: string; name: string }[] }).transitions.find((t) => t.name === name);
  if (found === undefined) throw new Error(`${key} has no transition "${name}"`);
  return found.id;
}

async function transition(key: string, name: string, faults: readonly Fault[] = []): Promise<RestAnswer> {
  const id = await transitionId(key, name);
  for (const fault of faults) await injectFault(env.site, fault);
  return rest('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
}

/** Transitions and counts what the validator asked of Jira (beyond the transition request itself) and of KVS. */
async function countedTransition(key: string, name: string, faults: readonly Fault[] = []): Promise<{ status: number; body: unknown; jira: number; kvs: number; stageEntries: number }> {
  const id = await transitionId(key, name);
  for (const fault of faults) await injectFault(env.site, fault);
  const before = await env.site.metrics();
  const result = await rest('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
  // A transition that went through is followed by the issue-updated trigger (issue 18): wait for it, so it always counts.
  await env.site.drainEvents();
  const used = delta(before, await env.site.metrics());
  const sum = (prefix: string): number =>
    Object.entries(used)
      .filter(([kind]) => kind.startsWith(prefix) && !kind.includes('/transitions'))
      .reduce((total, [, n]) => total + n, 0);
  // A transition runs the issue-updated trigger (one per status change): its stage entry, when the status is where a
  // stage's review begins, costs one configuration read and one write.
  return { ...result, jira: sum('jira:'), kvs: sum('kvs:'), stageEntries: used['trigger:issue-updated'] ?? 0 };
}

const errorMessages = (body: unknown): string[] => (body as { errorMessages: string[] }).errorMessages;

describe('the workflow validator on the local site', () => {
  it('blocks a transition, naming who it waits on, with one Jira request and at most two KVS requests', async () => {
    const key = await ticketInReview();
    const result = await countedTransition(key, 'Promote to Prod');
    console.log(`validator (blocked): Jira requests ${result.jira}, KVS requests ${result.kvs}`);
    expect(result.status).toBe(400);
    expect(errorMessages(result.body)).toEqual(['Promote to prod blocked: waiting on SRE-P, OSD e2e, Managed Tenants SRE, Dev team']);
    expect(result.jira).toBe(1);
    expect(result.kvs).toBeLessThanOrEqual(2);
  });

  it('lets the transition through once every required team approved: one Jira request for the issue and one per approver to re-check their groups', async () => {
    const key = await ticketInReview();
    for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) {
      const answer = await env.client.invoke(DEMO.approverOf(team), 'panel', 'decide', { team, decision: 'approve', stages: ['promote-to-prod'] }, { issueKey: key });
      expect(answer).toMatchObject({ ok: true });
    }
    const result = await countedTransition(key, 'Promote to Prod');
    console.log(`validator (allowed): Jira requests ${result.jira}, KVS requests ${result.kvs}`);
    expect(result.status).toBe(204);
    // ...plus the issue-updated trigger (issue 18) after the transition: it reads the issue and writes its assurance;
    // and it records the pass of promote to prod (issue 13): the issue read, the pass property, the summary, the re-read.
    expect(result.jira).toBe(1 + 4 + 2 + 4);
    // In Production is where go live's review begins: the issue-updated trigger records it.
    expect(result.stageEntries).toBe(1);
    // The service assurance reads the configuration; the stage entry reads it and writes the entry; the pass reads the
    // configuration and the heads, commits its head with its audit event, settles the event and re-reads the heads.
    expect(result.kvs).toBeLessThanOrEqual(2 + 1 + 2 * result.stageEntries + 5);
  });

  it("reads a KEP's Owning SIG field with the issue: still one Jira request and at most two KVS requests", async () => {
    await env.client.call(DEMO.admin, 'settings', 'applyTemplate', { template: 'kubernetes-prr' }, { projectKey: 'KEP' });
    const created = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'KEP' }, summary: 'Validator field test', issuetype: { name: 'Task' }, customfield_10070: { value: 'sig-apps' } } });
    const { key } = created.body as { key: string };
    const result = await countedTransition(key, 'Graduate to Alpha');
    console.log(`validator (Owning SIG from a field): Jira requests ${result.jira}, KVS requests ${result.kvs}`);
    expect(errorMessages(result.body)[0]).toMatch(/^Alpha blocked: waiting on Owning SIG, PRR team; /);
    expect(result.jira).toBe(1);
    expect(result.kvs).toBeLessThanOrEqual(2);
  });

  it('retries a 429 with Retry-After and still decides on the records', async () => {
    const key = await ticketInReview();
    const result = await countedTransition(key, 'Promote to Prod', [{ target: 'jira', match: `GET /rest/api/3/issue/${key}`, status: 429, retryAfterSeconds: 1, times: 1 }]);
    expect(errorMessages(result.body)).toEqual(['Promote to prod blocked: waiting on SRE-P, OSD e2e, Managed Tenants SRE, Dev team']);
    expect(result.jira).toBe(2);
  });

  it('fails closed, saying to try again, when Jira keeps failing', async () => {
    const key = await ticketInReview();
    const result = await transition(key, 'Promote to Prod', [{ target: 'jira', match: `GET /rest/api/3/issue/${key}`, status: 503, times: 10 }]);
    expect(result.status).toBe(400);
    expect(errorMessages(result.body)[0]).toMatch(/^Go-Live Gate could not verify the approvals .* try again in a minute\.$/);
  });

  it('fails closed, saying to try again, when KVS keeps failing', async () => {
    const key = await ticketInReview();
    for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) {
      await env.client.invoke(DEMO.approverOf(team), 'panel', 'decide', { team, decision: 'approve' }, { issueKey: key });
    }
    const result = await transition(key, 'Promote to Prod', [{ target: 'kvs', match: 'query', status: 500, times: 10 }]);
    expect(result.status).toBe(400);
    expect(errorMessages(result.body)[0]).toMatch(/^Go-Live Gate could not verify the approvals .* try again in a minute\.$/);
  });
});
