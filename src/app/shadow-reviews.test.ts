import { ForbiddenError, ValidationError } from '../errors';
import type { GateConfig } from '../gate/config';
import { shadowProgress } from '../gate/shadow-program';
import { templateConfig } from '../../test/support/v1-templates';
import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { decide } from './decide';
import { getShadowReviews, recordShadowReview, secondShadowReview } from './shadow-reviews';
import { checkTransition } from './validate-transition';
import { OWNING_SIG_FIELD, templateConfigV2 } from '../gate/v2/templates';

const SHADOW = 'acc-shadow';
const base = templateConfig('managed-addon')!;
/** OSD e2e has a shadow program: members of golive-osd-e2e-shadows shadow its reviews. */
const config: GateConfig = { ...base, teams: base.teams.map((t) => (t.key === 'osd-e2e' ? { ...t, shadowGroups: ['golive-osd-e2e-shadows'] } : t)), shadowGraduation: { minReviews: 2, minStages: 2, minSeconded: 1 } };

function world(): MemoryWorld {
  const w = demoWorld(config);
  w.directory.groups.set(SHADOW, ['golive-osd-e2e-shadows']);
  return w;
}
const as = (w: MemoryWorld, accountId: string) => ({ ports: w.portsFor(accountId), caller: { accountId } });
const shadowReview = (w: MemoryWorld, stage = 'promote-to-prod', verdict: 'approve' | 'decline' = 'approve') => {
  const { ports, caller } = as(w, SHADOW);
  return recordShadowReview(ports, caller, ISSUE_KEY, { team: 'osd-e2e', stage, verdict, comment: 'Runbook and alerts look complete' });
};

describe('shadow reviews', () => {
  it('are recorded with an audit event and shown, with who seconded them, to the team’s approvers', async () => {
    const w = world();
    const recorded = await shadowReview(w);
    expect(recorded.reviews).toEqual([expect.objectContaining({ team: 'osd-e2e', stage: 'promote-to-prod', by: SHADOW, verdict: 'approve', comment: 'Runbook and alerts look complete', secondedBy: [] })]);
    expect(w.audit.events).toEqual([expect.objectContaining({ action: 'shadow-review', actor: SHADOW, team: 'osd-e2e', detail: expect.stringContaining('(not binding)') as string })]);
    const approver = as(w, 'acc-osd-e2e');
    const seen = await getShadowReviews(approver.ports, approver.caller, ISSUE_KEY);
    expect(seen.canSecond).toEqual(['osd-e2e']);
    const seconded = await secondShadowReview(approver.ports, approver.caller, ISSUE_KEY, { review: recorded.reviews[0]?.id ?? '' });
    expect(seconded.reviews[0]?.secondedBy).toEqual(['acc-osd-e2e']);
  });

  it.each([
    ['an approver of the team', 'acc-osd-e2e', 'You approve for OSD e2e: record your decision instead.'],
    ['someone outside the shadow group', 'acc-cee', 'You are not in golive-osd-e2e-shadows.'],
  ])('are refused from %s', async (_who, accountId, message) => {
    const w = world();
    const { ports, caller } = as(w, accountId);
    await expect(recordShadowReview(ports, caller, ISSUE_KEY, { team: 'osd-e2e', stage: 'promote-to-prod', verdict: 'approve', comment: 'Looks fine' })).rejects.toThrow(new ForbiddenError(message));
    expect(w.history.events).toEqual([]);
  });

  it('need a comment and a stage that needs the team', async () => {
    const w = world();
    const { ports, caller } = as(w, SHADOW);
    await expect(recordShadowReview(ports, caller, ISSUE_KEY, { team: 'osd-e2e', stage: 'promote-to-prod', verdict: 'decline', comment: '  ' })).rejects.toThrow(ValidationError);
    await expect(recordShadowReview(ports, caller, ISSUE_KEY, { team: 'osd-e2e', stage: 'hypercare', verdict: 'approve', comment: 'Fine' })).rejects.toThrow('No stage "hypercare" needs OSD e2e.');
  });

  it('cannot be seconded by their author or by someone who does not approve for the team', async () => {
    const w = world();
    const { reviews } = await shadowReview(w);
    const id = reviews[0]?.id ?? '';
    const shadow = as(w, SHADOW);
    await expect(secondShadowReview(shadow.ports, shadow.caller, ISSUE_KEY, { review: id })).rejects.toThrow('Only someone who approves for OSD e2e can second a shadow review.');
    const cee = as(w, 'acc-cee');
    await expect(secondShadowReview(cee.ports, cee.caller, ISSUE_KEY, { review: id })).rejects.toThrow(ForbiddenError);
  });

  it('count towards graduation: reviews across stages, seconded by a full reviewer', async () => {
    const w = world();
    const first = await shadowReview(w, 'promote-to-prod');
    await shadowReview(w, 'go-live', 'decline');
    const members = { 'golive-osd-e2e-shadows': [SHADOW, 'acc-new-shadow'] };
    const progress = () => shadowProgress(config, w.history.events.flatMap((e) => (e.kind === 'shadow-review' ? [e] : [])), w.history.events.flatMap((e) => (e.kind === 'shadow-seconded' ? [e] : [])), members);
    expect(progress()[0]?.shadows).toEqual([
      { accountId: SHADOW, reviews: 2, stages: 2, seconded: 0, ready: false },
      { accountId: 'acc-new-shadow', reviews: 0, stages: 0, seconded: 0, ready: false },
    ]);
    const approver = as(w, 'acc-osd-e2e');
    await secondShadowReview(approver.ports, approver.caller, ISSUE_KEY, { review: first.reviews[0]?.id ?? '' });
    expect(progress()[0]?.shadows[0]).toEqual({ accountId: SHADOW, reviews: 2, stages: 2, seconded: 1, ready: true });
  });
});

describe('the workflow validator and shadow reviews', () => {
  it('never counts a shadow review as an approval', async () => {
    const w = world();
    for (const team of ['mt-sre', 'sre-p', 'dev-team']) await decide(w.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, { team, decision: 'approve' });
    await shadowReview(w, 'promote-to-prod', 'approve');
    const { ports, caller } = as(w, 'acc-osd-e2e');
    const { reviews } = await getShadowReviews(ports, caller, ISSUE_KEY);
    await secondShadowReview(ports, caller, ISSUE_KEY, { review: reviews[0]?.id ?? '' });
    const verdict = await checkTransition(w.portsFor('app'), { issue: { key: ISSUE_KEY }, configuration: { stage: 'promote-to-prod' }, transition: { from: { id: '2' }, to: { id: '3' } } });
    expect(verdict).toEqual({ result: false, errorMessage: 'Promote to prod blocked: waiting on OSD e2e' });
    expect(PROJECT.id).toBe(w.history.events[0]?.projectId);
  });

  describe("on a team whose approvers a ticket field names (KEP's Owning SIG, with shadows)", () => {
    function kepWorld(): MemoryWorld {
      const w = demoWorld();
      const kep = templateConfigV2('kubernetes-prr')!;
      const config = { ...kep, teams: kep.teams.map((t) => (t.key === 'owning-sig' ? { ...t, shadowGroups: ['golive-sig-shadows'] } : t)) };
      w.configs.stored.set(PROJECT.id, { config, warnings: [], savedBy: 'acc-admin', savedAt: '2026-01-01T00:00:00.000Z' });
      const ticket = w.issues.issues.get('10001');
      if (ticket !== undefined) ticket.fields = { [OWNING_SIG_FIELD]: ['sig-node'] };
      w.directory.groups.set(SHADOW, ['golive-sig-shadows']);
      w.directory.groups.set('acc-node', ['golive-sig-node']);
      w.directory.groups.set('acc-apps', ['golive-sig-apps', 'golive-sig-shadows']);
      return w;
    }
    const recordOwning = (w: MemoryWorld, accountId = SHADOW) => {
      const { ports, caller } = as(w, accountId);
      return recordShadowReview(ports, caller, ISSUE_KEY, { team: 'owning-sig', stage: 'alpha', verdict: 'approve', comment: 'The design details are complete' });
    };

    it("lets an approver of the SIG the ticket's Owning SIG names second a shadow review, and not one of another SIG", async () => {
      const w = kepWorld();
      const recorded = await recordOwning(w);
      const node = as(w, 'acc-node');
      expect((await getShadowReviews(node.ports, node.caller, ISSUE_KEY)).canSecond).toEqual(['owning-sig']);
      const seconded = await secondShadowReview(node.ports, node.caller, ISSUE_KEY, { review: recorded.reviews[0]?.id ?? '' });
      expect(seconded.reviews[0]?.secondedBy).toEqual(['acc-node']);
      const apps = as(w, 'acc-apps');
      expect((await getShadowReviews(apps.ports, apps.caller, ISSUE_KEY)).canSecond).toEqual([]);
    });

    it("lets a shadow who approves for another SIG shadow this ticket's Owning SIG, and tells the SIG's own approver to decide instead", async () => {
      const w = kepWorld();
      expect((await recordOwning(w, 'acc-apps')).reviews).toHaveLength(1);
      w.directory.groups.set('acc-node', ['golive-sig-node', 'golive-sig-shadows']);
      await expect(recordOwning(w, 'acc-node')).rejects.toThrow(new ForbiddenError('You approve for Owning SIG: record your decision instead.'));
    });
  });
});
