import { IssueFixture } from '../../test/support/issue-fixture';
import type { GateConfig } from './config';
import { evaluateAll } from './evaluate';
import { stageProgress, stageStatus } from './glance';
import { templateConfig } from './templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');

describe('the glance', () => {
  it('counts the approvals of the current stage and says its status in the word the validator’s message uses', () => {
    const issue = new IssueFixture(config).approve('sre-p', T0).approve('dev-team', T0);
    const [promote] = evaluateAll(config, issue.snapshot(), NOW);
    if (promote === undefined) throw new Error('the template has two stages');
    expect(`${stageProgress(promote)} · ${stageStatus(promote)}`).toBe('Promote to prod: 2 of 4 · blocked');
    expect(promote.message.startsWith(`${promote.stageName} ${stageStatus(promote)}:`)).toBe(true);
  });

  it('says ready once every team of the stage approved', () => {
    const issue = new IssueFixture(config).approve('sre-p', T0).approve('dev-team', T0).approve('mt-sre', T0).approve('osd-e2e', T0);
    const [promote] = evaluateAll(config, issue.snapshot(), NOW);
    if (promote === undefined) throw new Error('the template has two stages');
    expect(`${stageProgress(promote)} · ${stageStatus(promote)}`).toBe('Promote to prod: 4 of 4 · ready');
    expect(promote.message).toBe(`${promote.stageName}: ${stageStatus(promote)}`);
  });

  it('says overridden for a stage forced open', () => {
    expect(stageStatus({ allowed: true, overridden: true })).toBe('overridden');
  });
});
