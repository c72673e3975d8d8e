import type { GateConfig } from './config';
import { IssueFixture } from '../../test/support/issue-fixture';
import { exceptionRecord } from './record-builders';
import type { ReviewTicket } from './review-tickets';
import { ticketsAtRisk } from './review-at-risk';
import { summaryOf } from '../../test/support/summary-of';
import type { TargetVersion } from './target-release';
import { releaseKeyOf } from './target-release';
import { templateConfig } from '../../test/support/v1-templates';

const template = templateConfig('managed-addon') as GateConfig;
const freeze = { daysBeforeRelease: 7, exceptionGroups: ['golive-release-managers'] };
const config: GateConfig = { ...template, stages: template.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, freeze } : stage)) };
const V20 = { id: '10001', name: '2.0', releaseDate: '2026-04-08' }; // Promote to prod freezes on 2026-04-01.
const V21 = { id: '10002', name: '2.1', releaseDate: '2026-05-08' }; // ... on 2026-05-01.
const NOW = new Date('2026-03-25T00:00:00.000Z');
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

/** A ticket as the reviews page's search answers it, its summary derived by the app at `derivedAt`. */
function ticket(key: string, issue: IssueFixture, versions: readonly TargetVersion[], derivedAt = NOW, done = false): ReviewTicket {
  return { key, title: `Add-on ${key}`, created: '2026-03-01T00:00:00.000Z', status: 'In Review', done, summary: summaryOf(config, issue.snapshot(), derivedAt), fixVersions: versions };
}
const approvedBy = (teams: readonly string[], versions: readonly TargetVersion[] = [V20]): IssueFixture => {
  const issue = new IssueFixture(config).targetRelease(versions);
  for (const team of teams) issue.approve(team, '2026-03-20T09:00:00.000Z');
  return issue;
};

describe('tickets at risk of missing a release deadline', () => {
  it('lists a stage that freezes within two weeks and is not ready, with what it misses in the verdict’s words', () => {
    const atRisk = ticketsAtRisk(config, [ticket('SKU-1', approvedBy(['mt-sre', 'osd-e2e']), [V20])], NOW);
    expect(atRisk).toEqual([
      { key: 'SKU-1', title: 'Add-on SKU-1', stage: 'promote-to-prod', stageName: 'Promote to prod', deadline: '2026-04-01T00:00:00.000Z', release: '2.0', frozen: false, missing: ['SRE-P', 'Dev team'], outdated: false },
    ]);
  });

  it('leaves out ready stages, exceptions, done tickets, releases beyond the horizon and tickets with no release', () => {
    const issueWithException = approvedBy(['mt-sre']).write(
      exceptionRecord({ issueId: '10001', by: 'acc-rm', at: '2026-03-24T09:00:00.000Z' }, 'promote-to-prod', 'golive-release-managers', 'Security fix agreed with the release team on the call', releaseKeyOf([V20])),
    );
    const tickets = [
      ticket('SKU-1', approvedBy(PROMOTE_TEAMS), [V20]),
      ticket('SKU-2', issueWithException, [V20]),
      ticket('SKU-3', approvedBy([]), [V20], NOW, true),
      ticket('SKU-4', approvedBy([], [V21]), [V21]),
      ticket('SKU-5', new IssueFixture(config), []),
    ];
    expect(ticketsAtRisk(config, tickets, NOW)).toEqual([]);
  });

  it('puts the most urgent first and marks a freeze that has begun, with the freeze in what is missing', () => {
    const frozenAt = new Date('2026-04-02T00:00:00.000Z');
    const tickets = [
      ticket('SKU-10', approvedBy([], [V21]), [V21], frozenAt),
      ticket('SKU-9', approvedBy(PROMOTE_TEAMS), [V20], frozenAt),
    ];
    const atRisk = ticketsAtRisk(config, tickets, new Date('2026-04-20T00:00:00.000Z'));
    expect(atRisk.map((e) => [e.key, e.frozen])).toEqual([['SKU-9', true], ['SKU-10', false]]);
    expect(atRisk[0]?.missing).toEqual(['frozen since 2026-04-01']);
  });

  it('takes the deadline from the ticket’s fix versions, not from the summary, and says when the summary is older than the release', () => {
    // The summary was derived while the ticket targeted 2.1; Jira now says 2.0, which freezes within the horizon.
    const moved = { ...ticket('SKU-1', approvedBy(['mt-sre'], [V21]), [V21]), fixVersions: [V20] };
    expect(ticketsAtRisk(config, [moved], NOW)).toMatchObject([{ deadline: '2026-04-01T00:00:00.000Z', release: '2.0', outdated: true }]);
  });

  it('reads a summary written before the deadlines existed (today’s main): the stage’s verdict and its teams stand in', () => {
    const older = Object.fromEntries(
      Object.entries(ticket('SKU-1', approvedBy(['mt-sre', 'osd-e2e', 'sre-p']), [V20]).summary as Record<string, unknown>).filter(([field]) => field !== 'deadlines' && field !== 'nextDeadline'),
    );
    expect(older).toHaveProperty('stages');
    const atRisk = ticketsAtRisk(config, [{ ...ticket('SKU-1', new IssueFixture(config), [V20]), summary: older }], NOW);
    expect(atRisk).toMatchObject([{ key: 'SKU-1', stage: 'promote-to-prod', missing: ['Dev team'], outdated: false }]);
  });

  it('skips a summary that is not the app’s', () => {
    expect(ticketsAtRisk(config, [{ ...ticket('SKU-1', approvedBy([]), [V20]), summary: { status: 'ready' } }], NOW)).toEqual([]);
  });
});
