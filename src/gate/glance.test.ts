import { stageProgress, stageStatus } from './glance';
import { evaluateAllV2 } from './v2/evaluate';
import { IssueFixtureV2 } from '../../test/support/v2-issue-fixture';
import { templateConfigV2 } from './v2/templates';

// The sidebar shows the validator's verdict: gate model v2's.
const config = templateConfigV2('managed-addon');
if (config === undefined) throw new Error('the add-on template exists');
const T0 = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');

describe('the glance', () => {
  it('counts the approvals of the current stage and says its status in the word the validator’s message uses', () => {
    const issue = new IssueFixtureV2(config).approve('promote-to-prod', 'sre-p', T0).approve('promote-to-prod', 'dev-team', T0);
    const [promote] = evaluateAllV2(issue.facts(), NOW);
    if (promote === undefined) throw new Error('the template has two stages');
    expect(`${stageProgress(promote)} · ${stageStatus(promote)}`).toBe('Promote to prod: 2 of 4 · blocked');
    expect(promote.message.startsWith(`${promote.stageName} ${stageStatus(promote)}:`)).toBe(true);
  });

  it('says ready once every team of the stage approved', () => {
    const answered = new IssueFixtureV2(config).answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://ci.example.com/osde2e/1' }, T0);
    const issue = answered.approve('promote-to-prod', 'sre-p', T0).approve('promote-to-prod', 'dev-team', T0).approve('promote-to-prod', 'mt-sre', T0).approve('promote-to-prod', 'osd-e2e', T0);
    const [promote] = evaluateAllV2(issue.facts(), NOW);
    if (promote === undefined) throw new Error('the template has two stages');
    expect(`${stageProgress(promote)} · ${stageStatus(promote)}`).toBe('Promote to prod: 4 of 4 · ready');
    expect(promote.message).toBe(`${promote.stageName}: ${stageStatus(promote)}`);
  });

  it('leaves out a team the ticket does not need, and counts a team waived on the ticket as done', () => {
    const goLive = evaluateAllV2(new IssueFixtureV2(config).facts(), NOW)[1];
    if (goLive === undefined) throw new Error('the template has two stages');
    const required = goLive.teams.filter((t) => t.state !== 'not-required').length;
    expect(goLive.teams.find((t) => t.team === 'layered-sre')?.state).toBe('not-required');
    expect(stageProgress(goLive)).toBe(`Go live: 0 of ${required}`);
    expect(stageProgress({ stageName: 'Go live', teams: [{ state: 'approved' }, { state: 'waived' }, { state: 'not-required' }, { state: 'pending' }] })).toBe('Go live: 2 of 3');
    expect(stageProgress({ stageName: 'Go live', teams: [{ state: 'not-required' }] })).toBe('Go live');
  });

  it('says overridden for a stage forced open', () => {
    expect(stageStatus({ allowed: true, overridden: true })).toBe('overridden');
  });
});
