import { ForbiddenError, ValidationError } from '../errors';
import { ANSWERS_PROPERTY } from '../gate/records';
import { recordDigest } from '../gate/v2/records';
import { templateConfigV2 } from '../gate/v2/templates';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { answerItems } from './answer-items';
import { decide } from './decide';

const issueId = '10001';
/** The demo world gated by model v2's add-on template: a checkbox, links and the go-live signal as a choice. */
function v2World(): MemoryWorld {
  const world = demoWorld();
  world.configs.stored.set(PROJECT.id, { config: templateConfigV2('managed-addon')!, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
  return world;
}
const properties = (world: MemoryWorld): Record<string, unknown> => world.issues.issues.get(issueId)!.properties;
const pm = { accountId: 'acc-pm' };

describe('answerItems on items of a kind', () => {
  it('lets a ticket-wide approval (a comment command, a merge request, the panel without stages) cover the typed items its team reviews', async () => {
    const world = v2World();
    await answerItems(world.portsFor('acc-pm'), pm, ISSUE_KEY, { answers: { 'platform-not-compromised': true } });
    const view = await decide(world.portsFor('acc-mt-sre'), { accountId: 'acc-mt-sre' }, ISSUE_KEY, { team: 'mt-sre', decision: 'approve' });
    const team = view.verdictsV2?.find((v) => v.stage === 'promote-to-prod')?.teams.find((t) => t.team === 'mt-sre');
    expect(team).toMatchObject({ state: 'approved' });
  });

  it('stores a tick, a choice and a link typed, with who gave each, as a tamper-evident record; a later answer keeps the others', async () => {
    const world = v2World();
    await answerItems(world.portsFor('acc-pm'), pm, ISSUE_KEY, { answers: { 'platform-not-compromised': true, 'go-live-signal': 'Free overall' } });
    world.now = new Date('2026-03-01T11:00:00.000Z');
    const view = await answerItems(world.portsFor('acc-mt-sre'), { accountId: 'acc-mt-sre' }, ISSUE_KEY, { answers: { 'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/actions/runs/7', 'go-live-signal': null } });

    const record = properties(world)[ANSWERS_PROPERTY];
    expect(record).toEqual({
      kind: 'answers', schemaVersion: 2, issueId,
      answers: { 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/actions/runs/7' },
      answeredBy: { 'platform-not-compromised': 'acc-pm', 'osd-e2e-cd-signal': 'acc-mt-sre' },
      by: 'acc-mt-sre', at: '2026-03-01T11:00:00.000Z',
    });
    expect(world.records.stored.get(`${issueId}:${ANSWERS_PROPERTY}`)).toMatchObject({ seq: 2, digest: recordDigest(record) });
    expect(world.audit.events.at(-1)).toMatchObject({ action: 'answer-items', detail: 'Answered 2 items: osd-e2e-cd-signal, go-live-signal', outcome: 'applied' });
    expect(view.recordsV2?.answers?.answers).toEqual({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/actions/runs/7' });
    // Model v2 trusts it, and so do the panel's verdicts, its list of records not to trust and the JQL summary.
    const items = view.verdictsV2?.find((v) => v.stage === 'promote-to-prod')?.questions;
    expect(items?.map((i) => [i.key, i.state, i.answeredBy])).toEqual([
      ['platform-not-compromised', 'answered', 'acc-pm'],
      ['osd-e2e-cd-signal', 'answered', 'acc-mt-sre'],
    ]);
    expect(view.verdicts.find((v) => v.stage === 'promote-to-prod')?.questions.map((q) => q.state)).toEqual(['answered', 'answered']);
    expect(view.unverified).toEqual([]);
    expect(properties(world)['golive-gate.summary']).toMatchObject({ unverified: [] });
  });

  it('refuses an answer of the wrong kind or not among the options, saving nothing, and someone who acts for no team', async () => {
    const world = v2World();
    const before = JSON.stringify(properties(world));
    await expect(answerItems(world.portsFor('acc-pm'), pm, ISSUE_KEY, { answers: { 'platform-not-compromised': 'yes', 'go-live-signal': 'Free for all' } })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [
        { path: 'answers.platform-not-compromised', message: 'is a checkbox: tick it or not' },
        { path: 'answers.go-live-signal', message: 'is not one of the options' },
      ],
    });
    await expect(answerItems(world.portsFor('acc-nobody'), { accountId: 'acc-nobody' }, ISSUE_KEY, { answers: { 'go-live-signal': 'Free overall' } })).rejects.toThrow(ForbiddenError);
    await expect(answerItems(world.portsFor('acc-pm'), pm, ISSUE_KEY, { answers: { nonsense: 'x' } })).rejects.toThrow(ValidationError);
    expect(JSON.stringify(properties(world))).toBe(before);
  });

  it('keeps separation of duties: who ticked an item its team reviews cannot approve that team', async () => {
    const world = v2World();
    await answerItems(world.portsFor('acc-mt-sre'), { accountId: 'acc-mt-sre' }, ISSUE_KEY, { answers: { 'platform-not-compromised': true } });
    await expect(decide(world.portsFor('acc-mt-sre'), { accountId: 'acc-mt-sre' }, ISSUE_KEY, { team: 'mt-sre', decision: 'approve', stages: ['promote-to-prod'] })).rejects.toThrow(ForbiddenError);
  });
});
