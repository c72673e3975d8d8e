import type { GateConfig } from './config';
import { evaluateStage } from '../../test/support/v1-evaluate';
import { IssueFixture } from '../../test/support/issue-fixture';
import { freezeOf } from './freeze';
import { exceptionRecord } from './record-builders';
import { releaseKeyOf } from './target-release';
import { templateConfig } from '../../test/support/v1-templates';
import { summaryOf } from '../../test/support/summary-of';

const template = templateConfig('managed-addon') as GateConfig;
const freeze = { daysBeforeRelease: 7, exceptionGroups: ['golive-release-managers'] };
const config: GateConfig = { ...template, stages: template.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, freeze } : stage)) };
const promote = config.stages[0]!;
const V20 = { id: '10001', name: '2.0', releaseDate: '2026-04-08' };
const V21 = { id: '10002', name: '2.1', releaseDate: '2026-05-08' };
const BEFORE = new Date('2026-03-31T23:59:59.000Z');
const FROZEN = new Date('2026-04-01T00:00:00.000Z');
const WHY = 'Security fix agreed with the release team on the call';

function approved(versions = [V20]): IssueFixture {
  const issue = new IssueFixture(config).targetRelease(versions);
  for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) issue.approve(team, '2026-03-20T09:00:00.000Z');
  return issue;
}
const grant = (issue: IssueFixture, versions = [V20], via = 'golive-release-managers', justification = WHY): IssueFixture =>
  issue.write(exceptionRecord({ issueId: '10001', by: 'acc-rm', at: '2026-04-02T09:00:00.000Z' }, 'promote-to-prod', via, justification, releaseKeyOf(versions)));

describe('a stage freeze', () => {
  it('starts the given days before the earliest release date, and not without a dated release', () => {
    expect(freezeOf(promote, [V21, V20])).toEqual({ deadline: FROZEN, release: '2.0' });
    expect(freezeOf(promote, [{ id: '3', name: 'someday' }])).toBeUndefined();
    expect(freezeOf(template.stages[0]!, [V20])).toBeUndefined();
  });

  it('lets the stage pass before the deadline, shows the time, and refuses from the deadline on', () => {
    const issue = approved();
    const before = evaluateStage(config, 'promote-to-prod', issue.snapshot(), BEFORE);
    expect(before).toMatchObject({ allowed: true, freeze: { deadline: FROZEN.toISOString(), release: '2.0', frozen: false } });
    const frozen = evaluateStage(config, 'promote-to-prod', issue.snapshot(), FROZEN);
    expect(frozen.allowed).toBe(false);
    expect(frozen.message).toBe('Promote to prod blocked: frozen since 2026-04-01');
    expect(frozen.reasons).toContain('Promote to prod froze on 2026-04-01, 7 days before release 2.0; a member of golive-release-managers can grant an exception with a justification');
    expect(summaryOf(config, issue.snapshot(), BEFORE).nextChange).toBe('2026-04-01T00:00:00Z');
  });

  it('passes with an exception granted by an exception group for the release, and with no other', () => {
    expect(evaluateStage(config, 'promote-to-prod', grant(approved()).snapshot(), FROZEN)).toMatchObject({ allowed: true, exception: { by: 'acc-rm', justification: WHY } });
    expect(evaluateStage(config, 'promote-to-prod', grant(approved(), [V20], 'golive-overriders').snapshot(), FROZEN).allowed).toBe(false);
    expect(evaluateStage(config, 'promote-to-prod', grant(approved(), [V20], 'golive-release-managers', 'ok').snapshot(), FROZEN).allowed).toBe(false);
    expect(evaluateStage(config, 'promote-to-prod', grant(approved([V20]), [V21]).snapshot(), FROZEN).reasons).toContain(
      'The freeze exception of Promote to prod by acc-rm does not count: it was granted for another release',
    );
  });

  it('does not trust an exception edited outside the app', () => {
    const issue = grant(approved());
    issue.setProperty('golive-gate.exception.promote-to-prod', { kind: 'exception', issueId: '10001', stage: 'promote-to-prod', by: 'acc-x', via: 'golive-release-managers', at: '2026-04-02T09:00:00.000Z', justification: WHY, release: '10001' });
    const verdict = evaluateStage(config, 'promote-to-prod', issue.snapshot(), FROZEN);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons.some((r) => r.startsWith('The freeze exception of Promote to prod ') && r.endsWith('and does not count'))).toBe(true);
  });
});
