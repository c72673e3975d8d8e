// Who may record numbers and answers: the reporter, an override-group member, and whoever acts for a team on this
// ticket, also through the groups the ticket's field names (approvers from a field), as they may answer items. Found by
// the reference model: recording numbers judged only a team's static groups and refused the owning SIG's approver.
import { answerQuestions } from '../src/app/answer-questions';
import { loadGate } from '../src/app/load-gate';
import { recordNumbers } from '../src/app/record-numbers';
import { toFailure } from '../src/entry/resolver-result';
import type { GateConfigV2 } from '../src/gate/v2/config';
import { parseGateConfigV2 } from '../src/gate/v2/config';
import { templateConfigV2 } from '../src/gate/v2/templates';
import { demoWorld, ISSUE_KEY, PROJECT } from './support/in-memory-ports';

const OWNING_SIG_FIELD = 'customfield_10070';

/** The managed add-on template with an owning SIG from the ticket's Owning SIG select, and a runbook question. */
function configWithOwningSig(): GateConfigV2 {
  const template = templateConfigV2('managed-addon');
  if (!template) throw new Error('The managed-addon template of model v2 is missing');
  const parsed = parseGateConfigV2({
    ...template,
    version: 1,
    fieldNames: { [OWNING_SIG_FIELD]: 'Owning SIG' },
    teams: [
      ...template.teams,
      { key: 'owning-sig', name: 'Owning SIG', area: 'engineering', groups: [], approversFrom: { field: OWNING_SIG_FIELD, kind: 'select', groups: { 'sig-node': ['golive-sig-node'] } }, applies: { when: 'always' }, minApprovals: 1 },
    ],
    stages: template.stages.map((stage) => (stage.key === 'go-live' ? { ...stage, teams: [...stage.teams, { team: 'owning-sig' }] } : stage)),
    items: [...template.items, { key: 'runbook', section: 'Operations', text: 'Where is the runbook?', kind: 'text', requiredFor: ['go-live'] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

function worldWithOwningSig(sig: string) {
  const world = demoWorld(undefined);
  world.configs.stored.set(PROJECT.id, { config: configWithOwningSig(), warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
  const issue = world.issues.issues.get('10001');
  if (!issue) throw new Error('SKU-1 is missing');
  issue.fields = { [OWNING_SIG_FIELD]: [sig] };
  world.directory.groups.set('acc-sig-node', ['golive-sig-node']);
  return world;
}

describe('recording on a ticket whose owning SIG comes from its field', () => {
  it("lets the approver of the SIG the ticket names record numbers and answer the questionnaire", async () => {
    const world = worldWithOwningSig('sig-node');
    const ports = world.portsFor('acc-sig-node');
    const caller = { accountId: 'acc-sig-node' };
    await expect(recordNumbers(ports, caller, ISSUE_KEY, { values: { capacity: 500 } })).resolves.toBeDefined();
    await expect(answerQuestions(ports, caller, ISSUE_KEY, { answers: { runbook: 'Runbook at wiki/addon-b' } })).resolves.toBeDefined();
  });

  it('offers the numbers and answers in the panel to the approver the ticket names, and only to them', async () => {
    expect((await loadGate(worldWithOwningSig('sig-node').portsFor('acc-sig-node'), { accountId: 'acc-sig-node' }, ISSUE_KEY)).canRecord).toBe(true);
    expect((await loadGate(worldWithOwningSig('sig-apps').portsFor('acc-sig-node'), { accountId: 'acc-sig-node' }, ISSUE_KEY)).canRecord).toBe(false);
  });

  it('refuses them, storing nothing, once the ticket names another SIG', async () => {
    const world = worldWithOwningSig('sig-apps');
    const ports = world.portsFor('acc-sig-node');
    const caller = { accountId: 'acc-sig-node' };
    const before = JSON.stringify([...world.issues.issues.values()].map((issue) => issue.properties));
    for (const attempt of [() => recordNumbers(ports, caller, ISSUE_KEY, { values: { capacity: 500 } }), () => answerQuestions(ports, caller, ISSUE_KEY, { answers: { runbook: 'Runbook at wiki/addon-b' } })]) {
      const failure = toFailure(await attempt().then(() => undefined, (error: unknown) => error));
      expect(failure).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(JSON.stringify([...world.issues.issues.values()].map((issue) => issue.properties))).toBe(before);
  });
});
