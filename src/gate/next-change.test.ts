import fc from 'fast-check';
import type { GateConfig } from './config';
import { IssueFixture } from '../../test/support/issue-fixture';
import { hasTimedRules, indexedDate } from './next-change';
import { summaryOf } from '../../test/support/summary-of';
import { templateConfig } from '../../test/support/v1-templates';

const template = templateConfig('managed-addon') as GateConfig;
const withLifetime = (days: number, stageKey = 'promote-to-prod'): GateConfig => ({
  ...template,
  stages: template.stages.map((stage) => (stage.key === stageKey ? { ...stage, approvalLifetimeDays: days } : stage)),
});
const NOW = new Date('2026-03-03T09:00:00.000Z');
/** The summary's next change (an indexed date), as a moment. */
const nextChange = (config: GateConfig, issue: IssueFixture, now: Date): Date | undefined => {
  const at = summaryOf(config, issue.snapshot(), now).nextChange;
  return at === undefined ? undefined : new Date(at);
};

describe('the next change of a verdict with time alone', () => {
  it('is the moment just after the earliest counting approval reaches its stage lifetime', () => {
    const config = withLifetime(7);
    const issue = new IssueFixture(config).approve('sre-p', '2026-03-01T09:00:00.500Z').approve('mt-sre', '2026-03-02T10:00:00.000Z');
    const next = nextChange(config, issue, NOW);
    expect(next?.toISOString()).toBe('2026-03-08T09:00:01.000Z');
  });

  it('is absent when no stage has an approval lifetime, and ignores approvals that no longer count', () => {
    const plain = new IssueFixture(template).approve('sre-p', '2026-03-01T09:00:00.000Z');
    expect(nextChange(template, plain, NOW)).toBeUndefined();
    expect(hasTimedRules(template)).toBe(false);

    const config = withLifetime(1);
    const expired = new IssueFixture(config).approve('sre-p', '2026-03-01T09:00:00.000Z').decline('cee', '2026-03-02T12:00:00.000Z', 'Runbook missing');
    expect(hasTimedRules(config)).toBe(true);
    expect(nextChange(config, expired, NOW)).toBeUndefined();
  });

  it('never names a moment at which the verdict has not changed yet, nor skips the first change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 4 }), (days, ages) => {
        const config = withLifetime(days, 'go-live');
        const issue = new IssueFixture(config);
        const teams = ['sre-p', 'cee', 'mt-sre', 'ocm-pm'];
        ages.forEach((age, i) => issue.approve(teams[i] ?? 'sre-p', new Date(NOW.getTime() - age).toISOString()));
        const states = (at: Date) => JSON.stringify(summaryOf(config, issue.snapshot(), at).stages);
        const next = nextChange(config, issue, NOW);
        if (next === undefined) return;
        expect(states(next)).not.toEqual(states(NOW));
        expect(states(new Date(next.getTime() - 1001))).toEqual(states(NOW));
      }),
    );
  });
});

describe('the summary', () => {
  it('carries the next change as an indexed date', () => {
    const config = withLifetime(2);
    const summary = summaryOf(config, new IssueFixture(config).approve('sre-p', '2026-03-02T09:30:00.000Z').snapshot(), NOW);
    expect(summary.nextChange).toBe('2026-03-04T09:30:01Z');
    expect(indexedDate(new Date('2026-03-01T10:00:00.250Z'))).toBe('2026-03-01T10:00:00Z');
  });
});
