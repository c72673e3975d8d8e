// Authorisation: every action a caller may not take is refused with a message that says why, and nothing is
// stored: the issue's properties, the app's KVS (digests, audit trail, configuration) stay exactly as they were.
import { answerQuestions } from '../../src/app/answer-questions';
import { decide as decideUseCase } from '../../src/app/decide';
import { getAudit } from '../../src/app/get-audit';
import { demoWorld, ISSUE_KEY } from '../support/in-memory-ports';
import { loadGate } from '../../src/app/load-gate';
import { override } from '../../src/app/override';
import { recordNumbers } from '../../src/app/record-numbers';
import type { ConfigView, GateView, ResolverResult } from '../../src/contract';
import { toFailure } from '../../src/entry/resolver-result';
import type { GateConfig } from '../../src/gate/config';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { ADMIN, approver, call, createTicket, decide, Figures, invokeRaw, PANEL, PM, PROJECT, savedConfig, storedState, unwrap } from './support';

let site: RunningSite;
let config: GateConfig;
const figures = new Figures('authorisation');

beforeAll(async () => {
  site = await startSite();
  config = await savedConfig(site);
});
afterAll(async () => {
  figures.print();
  await site?.stop();
});


/** Runs a call that must be refused with `code` and a message matching `message`, and checks nothing changed. */
async function expectRefused(issueKey: string, attempt: () => Promise<ResolverResult<unknown>>, code: string, message: RegExp): Promise<void> {
  const before = await storedState(site, issueKey);
  figures.operations++;
  const result = await attempt();
  expect(result).toMatchObject({ ok: false, error: { code } });
  if (!result.ok) expect(result.error.message).toMatch(message);
  const after = await storedState(site, issueKey);
  if (JSON.stringify(after) !== JSON.stringify(before)) figures.lost++;
  expect(after).toEqual(before);
  figures.refused++;
}

const teamName = (key: string): string => config.teams.find((team) => team.key === key)?.name ?? key;

describe('who may do what', () => {
  it('refuses a decision for a team the caller is not in, including revoking its approval', async () => {
    const { key } = await createTicket(site);
    await expectRefused(key, () => decide(site, 'sre-p', key, 'approve', 'LGTM', approver('cee')), 'forbidden', /not in golive-sre-p/);
    unwrap(await decide(site, 'sre-p', key, 'approve', 'LGTM'));
    await expectRefused(key, () => decide(site, 'sre-p', key, 'revoke', undefined, approver('cee')), 'forbidden', /not in golive-sre-p/);
    await expectRefused(key, () => decide(site, 'sre-p', key, 'revoke', undefined, PM), 'forbidden', /not in golive-sre-p/);
  });

  it('refuses the reporter approving their own ticket', async () => {
    const created = await fetch(`${site.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { authorization: site.basic(approver('sre-p')), 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'SKU' }, summary: 'Reported by an approver', issuetype: { name: 'Task' } } }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    // The app's issue-created trigger writes the new ticket's summary; wait for it so only the refused call is compared.
    await site.drainEvents();
    await expectRefused(key, () => decide(site, 'sre-p', key, 'approve', 'LGTM'), 'forbidden', /reporter/i);
  });

  it('refuses a non-admin saving, importing or replacing the configuration', async () => {
    const { key } = await createTicket(site);
    const edited = { ...config, teams: config.teams.map((team) => ({ ...team, description: 'edited by a non-admin' })) };
    for (const email of [PM, approver('sre-p')]) {
      await expectRefused(key, () => call<ConfigView>(site, email, 'saveConfig', { config: edited }, PROJECT), 'forbidden', /admin/i);
      await expectRefused(key, () => call<ConfigView>(site, email, 'importConfig', { json: JSON.stringify(edited) }, PROJECT), 'forbidden', /admin/i);
      await expectRefused(key, () => call<ConfigView>(site, email, 'applyTemplate', { template: 'kubernetes-prr' }, PROJECT), 'forbidden', /admin/i);
    }
  });

  it('refuses an override without the override group, and one whose justification has too few visible letters or words', async () => {
    const { key } = await createTicket(site);
    const justification = 'The customer launch cannot wait for CEE sign-off';
    await expectRefused(key, () => call<GateView>(site, PM, 'override', { stage: 'go-live', justification }, { issueKey: key }), 'forbidden', /golive-overriders/);
    await expectRefused(key, () => call<GateView>(site, approver('cee'), 'override', { stage: 'go-live', justification }, { issueKey: key }), 'forbidden', /golive-overriders/);
    await expectRefused(key, () => call<GateView>(site, ADMIN, 'override', { stage: 'go-live', justification: 'urgent' }, { issueKey: key }), 'invalid-input', /20 letters in at least 3 words/);
    await expectRefused(key, () => call<GateView>(site, ADMIN, 'override', { stage: 'go-live', justification: ' '.repeat(40) }, { issueKey: key }), 'invalid-input', /20 letters in at least 3 words/);
    for (const justification of ['\u200b'.repeat(20), '.'.repeat(20), 'x'.repeat(25)]) {
      await expectRefused(key, () => call<GateView>(site, ADMIN, 'override', { stage: 'go-live', justification }, { issueKey: key }), 'invalid-input', /20 letters in at least 3 words/);
    }
  });

  it('refuses every resolver on an issue the caller cannot see', async () => {
    const { key } = await createTicket(site);
    const before = await storedState(site, key);
    const calls: [string, unknown][] = [
      ['getGate', {}],
      ['decide', { team: 'sre-p', decision: 'approve' }],
      ['recordNumbers', { values: { capacity: 10 } }],
      ['answerQuestions', { answers: {} }],
      ['override', { stage: 'go-live', justification: 'Long enough justification for an override' }],
      ['getAudit', {}],
    ];
    for (const [functionKey, payload] of calls) {
      figures.operations++;
      const reply = await invokeRaw(site, approver('sre-p'), PANEL, functionKey, payload, { issueKey: 'SKU-99999' });
      expect(reply.status).toBe(404);
      expect((reply.body as { error: string }).error).toMatch(/does not exist|permission/i);
      figures.refused++;
    }
    expect(await storedState(site, key)).toEqual(before);
  });

  it('answers not-found from the app itself for an issue Jira hides from the caller, storing nothing', async () => {
    // The local site has no issue security, so this runs the use cases over in-memory ports where SKU-1 is hidden.
    const world = demoWorld();
    world.issues.issues.get('10001')?.hiddenFrom.add('acc-sre-p');
    const stored = (): string => JSON.stringify([[...world.issues.issues.values()].map((issue) => issue.properties), [...world.records.stored], world.audit.events]);
    const before = stored();
    const ports = world.portsFor('acc-sre-p');
    const caller = { accountId: 'acc-sre-p' };
    const attempts = [
      () => loadGate(ports, caller, ISSUE_KEY),
      () => decideUseCase(ports, caller, ISSUE_KEY, { team: 'sre-p', decision: 'approve' }),
      () => recordNumbers(ports, caller, ISSUE_KEY, { values: { capacity: 10 } }),
      () => answerQuestions(ports, caller, ISSUE_KEY, { answers: {} }),
      () => override(ports, caller, ISSUE_KEY, { stage: 'go-live', justification: 'Long enough justification for an override' }),
      () => getAudit(ports, ISSUE_KEY, {}),
    ];
    for (const attempt of attempts) {
      figures.operations++;
      const failure = toFailure(await attempt().then(() => undefined, (error: unknown) => error));
      expect(failure).toMatchObject({ ok: false, error: { code: 'not-found' } });
      figures.refused++;
    }
    expect(stored()).toBe(before);
  });

  it('refuses one person approving for two teams', async () => {
    // The demo has no one in two teams' groups: let SRE-P's group also act for CEE, then SRE-P's approver tries both.
    const both = { ...config, teams: config.teams.map((team) => (team.key === 'cee' ? { ...team, groups: [...team.groups, 'golive-sre-p'] } : team)) };
    const saved = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: both }, PROJECT));
    try {
      const { key } = await createTicket(site);
      unwrap(await decide(site, 'sre-p', key, 'approve', 'LGTM'));
      await expectRefused(key, () => decide(site, 'cee', key, 'approve', 'LGTM', approver('sre-p')), 'forbidden', new RegExp(`already approved for ${teamName('sre-p')}`));
    } finally {
      unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: { ...config, version: saved.config?.version ?? 0 } }, PROJECT));
    }
  });
});
