import { UnavailableError } from '../errors';
import { decide } from './decide';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import { templateConfigV2 } from '../gate/v2/templates';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { recordNumbers } from './record-numbers';
import { checkTransition, COULD_NOT_VERIFY } from './validate-transition';

const validate = (world: MemoryWorld, configuration?: unknown): ReturnType<typeof checkTransition> =>
  checkTransition(world.portsFor('app'), { issue: { key: ISSUE_KEY }, configuration, transition: { from: { id: '2' }, to: { id: '3' } } });

async function approveAll(world: MemoryWorld, teams: readonly string[]): Promise<void> {
  for (const team of teams) await decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' });
}

describe('checkTransition (the workflow validator)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('blocks a stage that waits on teams, naming them', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e']);
    expect(await validate(world, '{"stage":"promote-to-prod"}')).toEqual({ result: false, errorMessage: 'Promote to prod blocked: waiting on SRE-P, Dev team' });
  });

  it('lets the transition through once every required team approved', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']);
    expect(await validate(world, { stage: 'promote-to-prod' })).toMatchObject({ result: true });
  });

  it('enforces the strictest stage when its configuration names none', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']);
    const verdict = await validate(world, undefined);
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toMatch(/^Go live blocked: waiting on /);
    expect(await validate(world, '')).toEqual(verdict);
    expect(await validate(world, '{}')).toEqual(verdict);
  });

  it('judges by gate model v2: lets a ticket outside the gate\'s scope through, saying the gate does not apply', async () => {
    const world = demoWorld();
    const [projectId, stored] = [...world.configs.stored.entries()][0] ?? [];
    if (projectId === undefined || stored === undefined) throw new Error('the demo world has a gated project');
    world.configs.stored.set(projectId, { ...stored, config: { ...stored.config, scope: { issueTypes: [], labels: ['gated'] } } });
    expect(await validate(world, '{"stage":"go-live"}')).toEqual({ result: true, errorMessage: 'Go-Live Gate applies in SKU only to tickets with the label gated' });
  });

  it('judges by gate model v2: waits for the second of two approvals a stage requires from a team', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']);
    const [projectId, stored] = [...world.configs.stored.entries()][0] ?? [];
    if (projectId === undefined || stored === undefined) throw new Error('the demo world has a gated project');
    const stages = stored.config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, teams: stage.teams.map((t) => (t.team === 'sre-p' ? { ...t, minApprovals: 2 } : t)) } : stage));
    world.configs.stored.set(projectId, { ...stored, config: { ...stored.config, stages } });
    expect(await validate(world, '{"stage":"promote-to-prod"}')).toEqual({ result: false, errorMessage: 'Promote to prod blocked: waiting on SRE-P (1 of 2)' });
  });

  it('at the transition, does not count an approver who has left the team\'s groups, and names them', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']);
    world.directory.groups.set('acc-sre-p', ['jira-users']);
    expect(await validate(world, '{"stage":"promote-to-prod"}')).toEqual({ result: false, errorMessage: 'Promote to prod blocked: approver left SRE-P (acc-sre-p)' });
  });

  it('blocks with a message naming a stage the project does not have', async () => {
    const world = demoWorld();
    expect(await validate(world, '{"stage":"ga"}')).toEqual({
      result: false,
      errorMessage:
        'The Go-Live Gate validator on this transition enforces the stage "ga", which project SKU does not have (it has "promote-to-prod", "go-live"). Ask a Jira admin to fix the validator.',
    });
  });

  it('blocks when its configuration is not JSON', async () => {
    const world = demoWorld();
    expect(await validate(world, '{stage')).toEqual({ result: false, errorMessage: expect.stringContaining('its configuration is not valid JSON') as unknown });
  });

  it('blocks, saying the gate is not set up, in a project without configuration', async () => {
    const world = demoWorld();
    world.configs.stored.clear();
    expect(await validate(world, '{"stage":"go-live"}')).toEqual({ result: false, errorMessage: expect.stringContaining('Go-Live Gate is not set up for project SKU') as unknown });
  });

  it('fails closed with a try-again message when Jira does not answer', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']);
    world.issues.failGet = new UnavailableError('Jira did not answer; try again in a minute.');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await validate(world, '{"stage":"promote-to-prod"}')).toEqual({ result: false, errorMessage: COULD_NOT_VERIFY });
    expect(COULD_NOT_VERIFY).toMatch(/^Go-Live Gate could not verify .* try again in a minute\.$/);
  });

  it('blocks a stage whose approval was forged through the REST API, naming the team', async () => {
    const world = demoWorld();
    await approveAll(world, ['mt-sre', 'osd-e2e', 'sre-p']);
    world.issues.issues.get('10001')!.properties['golive-gate.team.dev-team'] = {
      kind: 'decision', issueId: '10001', team: 'dev-team', decision: 'approved', by: 'acc-dev-team', via: 'golive-dev-team', at: world.now.toISOString(), covers: {},
    };
    const verdict = await validate(world, '{"stage":"promote-to-prod"}');
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toContain('Dev team');
  });

  it('reads one issue and at most two storage keys per transition', async () => {
    const world = demoWorld();
    await recordNumbers(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { values: { capacity: 5, velocity: 1 } });
    const before = { jira: world.issues.requests, kvs: world.configs.requests + world.records.requests + world.audit.requests };
    await validate(world, '{"stage":"go-live"}');
    expect(world.issues.requests - before.jira).toBe(1);
    expect(world.configs.requests + world.records.requests + world.audit.requests - before.kvs).toBe(2);
  });
});

describe('checkTransition with approvers from a ticket field', () => {
  const OWNING_SIG = 'customfield_10070';
  /** Project SKU gated by the PRR template: the owning SIG's approvers come from the ticket's Owning SIG field. */
  function prrWorld(owningSig: string[]): MemoryWorld {
    const world = demoWorld(undefined);
    world.configs.stored.set(PROJECT.id, { config: templateConfigV2('kubernetes-prr')!, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
    world.issues.issues.get('10001')!.fields = { [OWNING_SIG]: owningSig };
    for (const group of ['sig-node', 'sig-apps', 'prr']) world.directory.groups.set(`acc-${group}`, [`golive-${group}`]);
    return world;
  }
  const approveAlpha = (world: MemoryWorld, accountId: string, team: string) => decide(world.portsFor(accountId), { accountId }, ISSUE_KEY, { team, decision: 'approve', stages: ['alpha'] });
  const waitsOn = async (world: MemoryWorld): Promise<string> => (await validate(world, '{"stage":"alpha"}')).errorMessage?.split(';')[0] ?? '';

  it('counts the approval of the SIG the ticket names, re-checked at the transition when the field changes', async () => {
    const world = prrWorld(['sig-node']);
    await expect(approveAlpha(world, 'acc-sig-apps', 'owning-sig')).rejects.toThrow(/golive-sig-node/);
    await approveAlpha(world, 'acc-sig-node', 'owning-sig');
    await approveAlpha(world, 'acc-prr', 'prr');
    expect(await waitsOn(world)).not.toContain('Owning SIG');
    world.issues.issues.get('10001')!.fields = { [OWNING_SIG]: ['sig-apps'] };
    expect(await waitsOn(world)).toBe('Alpha blocked: waiting on Owning SIG');
  });

  it('blocks while the field is not set, saying so', async () => {
    const world = prrWorld([]);
    expect((await validate(world, '{"stage":"alpha"}')).errorMessage).toContain('Owning SIG is not set on this ticket');
  });

  it('reads the field with the issue: one Jira request and two storage requests', async () => {
    const world = prrWorld(['sig-node']);
    const before = { jira: world.issues.requests, kvs: world.configs.requests + world.records.requests + world.audit.requests };
    await validate(world, '{"stage":"alpha"}');
    expect(world.issues.requests - before.jira).toBe(1);
    expect(world.configs.requests + world.records.requests + world.audit.requests - before.kvs).toBe(2);
  });
});
