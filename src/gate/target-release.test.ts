import type { GateConfig } from './config';
import { parseGateConfig } from './config';
import { evaluateStage } from '../../test/support/v1-evaluate';
import { IssueFixture } from '../../test/support/issue-fixture';
import { releaseKeyOf } from './target-release';
import { templateConfig } from '../../test/support/v1-templates';

const template = templateConfig('managed-addon') as GateConfig;
const config: GateConfig = { ...template, stages: template.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, requiresRelease: true } : stage)) };
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
const T0 = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const V20 = { id: '10001', name: '2.0', releaseDate: '2026-04-01' };
const V21 = { id: '10002', name: '2.1', releaseDate: '2026-05-01' };

const approvedFor = (versions: readonly (typeof V20)[]): IssueFixture => {
  const issue = new IssueFixture(config).targetRelease(versions);
  for (const team of PROMOTE_TEAMS) issue.approve(team, T0);
  return issue;
};

describe('a stage that requires a target release', () => {
  it('blocks a ticket without a fix version, naming what is missing', () => {
    const verdict = evaluateStage(config, 'promote-to-prod', approvedFor([]).snapshot(), NOW);
    expect(verdict.allowed).toBe(false);
    expect(verdict.message).toBe('Promote to prod blocked: no target release');
  });

  it('passes with the release its approvals cover, and needs them again once the ticket moves to another release', () => {
    const issue = approvedFor([V20]);
    expect(evaluateStage(config, 'promote-to-prod', issue.snapshot(), NOW).allowed).toBe(true);
    issue.targetRelease([V21]);
    const moved = evaluateStage(config, 'promote-to-prod', issue.snapshot(), NOW);
    expect(moved.allowed).toBe(false);
    expect(moved.teams.map((t) => t.state)).toEqual(['stale', 'stale', 'stale', 'stale']);
    expect(moved.reasons).toContain('The target release changed after OSD e2e approved; OSD e2e must approve again');
    for (const team of PROMOTE_TEAMS) issue.approve(team, '2026-03-02T08:00:00.000Z');
    expect(evaluateStage(config, 'promote-to-prod', issue.snapshot(), NOW).allowed).toBe(true);
  });

  it('leaves stages and teams that do not require a release alone when the release moves', () => {
    const issue = new IssueFixture(template).targetRelease([V20]);
    for (const team of PROMOTE_TEAMS) issue.approve(team, T0);
    issue.targetRelease([V21]);
    expect(evaluateStage(template, 'promote-to-prod', issue.snapshot(), NOW).allowed).toBe(true);
  });

  it('is optional in the configuration, and the release key does not depend on the order of fix versions', () => {
    expect(parseGateConfig(template).ok).toBe(true);
    expect(releaseKeyOf([V21, V20])).toBe(releaseKeyOf([V20, V21]));
    expect(releaseKeyOf(undefined)).toBe('');
  });
});
