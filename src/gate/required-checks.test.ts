import { IssueFixture } from '../../test/support/issue-fixture';
import { RequiredChecksSchema } from './check-names';
import type { GateConfig } from './config';
import { GateConfigSchema } from './config';
import { evaluateStage } from '../../test/support/v1-evaluate';
import { readRecords } from './integrity';
import type { CheckRecord } from './records';
import { checkProperty } from './records';
import { checkRecordOf, githubCheckRunState, githubStatusState, gitlabStatusState, requiredCheck, requiredCheckNames } from './required-checks';

describe('check states', () => {
  it.each([
    ['completed', 'success', 'passed'],
    ['completed', 'failure', 'failed'],
    ['completed', 'timed_out', 'failed'],
    ['completed', 'cancelled', 'failed'],
    ['completed', 'action_required', 'failed'],
    ['completed', 'neutral', 'skipped'],
    ['completed', 'skipped', 'skipped'],
    ['in_progress', null, 'pending'],
    ['queued', undefined, 'pending'],
  ])('GitHub check run %s/%s is %s', (status, conclusion, state) => {
    expect(githubCheckRunState(status, conclusion)).toBe(state);
  });

  it.each([
    ['success', 'passed'],
    ['pending', 'pending'],
    ['failure', 'failed'],
    ['error', 'failed'],
  ])('GitHub status %s is %s', (status, state) => {
    expect(githubStatusState(status)).toBe(state);
  });

  it.each([
    ['success', 'passed'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['skipped', 'skipped'],
    ['running', 'pending'],
    ['manual', 'pending'],
    ['created', 'pending'],
    ['something-new', 'failed'],
  ])('GitLab status %s is %s', (status, state) => {
    expect(gitlabStatusState(status)).toBe(state);
  });
});

describe('requiredCheck', () => {
  const results = [
    { name: 'osd-e2e', state: 'passed' as const, url: 'https://ci/1' },
    { name: 'osd-e2e', state: 'failed' as const, url: 'https://ci/0' },
    { name: 'lint', state: 'skipped' as const },
  ];
  const head = '3f1c2a7e9b4d5c6a8e0f1b2c3d4e5f60718293a4';

  it('takes the first (latest) result of the name, in any case, and says it for the head commit', () => {
    expect(requiredCheck('OSD-E2E', results, head)).toEqual({ name: 'OSD-E2E', state: 'passed', url: 'https://ci/1', reason: 'OSD-E2E passed for 3f1c2a7' });
  });

  it('says a skipped check does not count and a missing one has not run', () => {
    expect(requiredCheck('lint', results, head)).toEqual({ name: 'lint', state: 'skipped', reason: 'lint was skipped, which does not count as passing for 3f1c2a7' });
    expect(requiredCheck('security-scan', results, head)).toEqual({ name: 'security-scan', state: 'missing', reason: 'security-scan has not run for 3f1c2a7' });
  });
});

const HEAD = '3f1c2a7e9b4d5c6a8e0f1b2c3d4e5f60718293a4';
const NEW_HEAD = 'c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5';
const PR = 'https://github.com/acme/addon-operator/pull/7';
const RUN = 'https://github.com/acme/addon-operator/runs/4';
const NOW = new Date('2026-03-03T09:00:00.000Z');

const config = (requiredChecks: string[] | undefined): GateConfig =>
  GateConfigSchema.parse({
    teams: [{ key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'] }],
    stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['sre-p'], ...(requiredChecks !== undefined && { requiredChecks }) }],
  });

const result = (state: CheckRecord['state'], headSha = HEAD): CheckRecord => {
  const record = checkRecordOf({ issueId: '10001', name: 'osd-e2e', result: { name: 'osd-e2e', state, url: RUN }, change: { provider: 'github', url: PR, headSha }, by: 'GitHub', at: '2026-03-02T10:05:00.000Z' }, undefined);
  if (record === undefined) throw new Error('a first result is always recorded');
  return record;
};

describe('a stage that requires a check', () => {
  const gated = config(['osd-e2e']);
  const approved = (): IssueFixture => new IssueFixture(gated).approve('sre-p', '2026-03-01T09:00:00.000Z');

  it('blocks go-live naming the check while it has not run', () => {
    const verdict = evaluateStage(gated, 'go-live', approved().snapshot(), NOW);
    expect(verdict.allowed).toBe(false);
    expect(verdict.message).toBe('Go live blocked: check osd-e2e has not run');
    expect(verdict.checks).toEqual([{ name: 'osd-e2e', state: 'missing', reason: "osd-e2e has not reported a result for the ticket's merge or pull request" }]);
  });

  it('lets go-live pass once the check passed for the head commit, with the run and the pull request to link to', () => {
    const verdict = evaluateStage(gated, 'go-live', approved().write(result('passed')).snapshot(), NOW);
    expect(verdict.allowed).toBe(true);
    expect(verdict.checks).toEqual([{ name: 'osd-e2e', state: 'passed', url: RUN, change: { provider: 'github', url: PR, headSha: HEAD }, reason: 'osd-e2e passed for 3f1c2a7' }]);
  });

  it.each([
    ['failed', 'check osd-e2e failed'],
    ['pending', 'check osd-e2e has not finished'],
    ['skipped', 'check osd-e2e was skipped'],
  ] as const)('blocks while the check %s', (state, item) => {
    const verdict = evaluateStage(gated, 'go-live', approved().write(result(state)).snapshot(), NOW);
    expect(verdict.allowed).toBe(false);
    expect(verdict.missing).toEqual([item]);
  });

  it('blocks when the pull request has new commits since the check passed', () => {
    const passed = result('passed');
    const verdict = evaluateStage(gated, 'go-live', approved().write({ ...passed, headMoved: { headSha: NEW_HEAD, at: '2026-03-02T11:00:00.000Z' } }).snapshot(), NOW);
    expect(verdict.message).toBe('Go live blocked: check osd-e2e is for an old commit');
    expect(verdict.checks?.[0]?.reason).toBe('osd-e2e passed for 3f1c2a7, but the pull request has new commits since (c7d9e1f); it must pass for the new head');
  });

  it('does not trust a result written or changed outside the app', () => {
    const forged = approved().setProperty(checkProperty('osd-e2e'), result('passed')).snapshot();
    expect(evaluateStage(gated, 'go-live', forged, NOW).missing).toEqual(['check osd-e2e unverified']);
    const edited = approved().write(result('failed')).setProperty(checkProperty('osd-e2e'), result('passed')).snapshot();
    const verdict = evaluateStage(gated, 'go-live', edited, NOW);
    expect(verdict.allowed).toBe(false);
    expect(verdict.checks?.[0]).toMatchObject({ state: 'unverified', integrity: 'digest-mismatch' });
  });

  it('matches the check by name in any case, and keys its record the same way', () => {
    const upper = config(['OSD-E2E']);
    const verdict = evaluateStage(upper, 'go-live', new IssueFixture(upper).approve('sre-p', '2026-03-01T09:00:00.000Z').write(result('passed')).snapshot(), NOW);
    expect(verdict.allowed).toBe(true);
    expect(checkProperty('OSD-E2E')).toBe(checkProperty('osd-e2e'));
  });

  it('leaves stages without required checks as they were: no checks in the verdict, results on the ticket ignored', () => {
    const plain = config(undefined);
    const snapshot = new IssueFixture(plain).approve('sre-p', '2026-03-01T09:00:00.000Z').setProperty(checkProperty('osd-e2e'), { forged: true }).snapshot();
    const verdict = evaluateStage(plain, 'go-live', snapshot, NOW);
    expect(verdict.allowed).toBe(true);
    expect(verdict).not.toHaveProperty('checks');
    expect(readRecords(plain, snapshot).unverified).toEqual([]);
  });
});

describe('required check configuration and records', () => {
  it('refuses a check named twice, a comma, an empty name; lists each check once', () => {
    expect(RequiredChecksSchema.safeParse(['osd-e2e', 'OSD-E2E']).success).toBe(false);
    expect(RequiredChecksSchema.safeParse(['a, b']).success).toBe(false);
    expect(RequiredChecksSchema.safeParse(['  ']).success).toBe(false);
    expect(RequiredChecksSchema.parse([' ci/prow/e2e-aws ', 'build (ubuntu-latest)'])).toEqual(['ci/prow/e2e-aws', 'build (ubuntu-latest)']);
    const stages = [{ requiredChecks: ['osd-e2e'] }, { requiredChecks: ['OSD-E2E', 'lint'] }, {}] as GateConfig['stages'];
    expect(requiredCheckNames({ stages })).toEqual(['osd-e2e', 'lint']);
  });

  it('a stage that requires only a check is not empty', () => {
    const parsed = GateConfigSchema.safeParse({ teams: [{ key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['g'] }], stages: [{ key: 'ci', name: 'CI', requiredTeams: [], requiredChecks: ['osd-e2e'] }] });
    expect(parsed.success).toBe(true);
  });

  it('writes nothing new when the provider repeats the result the app recorded last, and a new record when the head or state changed', () => {
    const passed = result('passed');
    const reading = { issueId: '10001', name: 'osd-e2e', result: { name: 'osd-e2e', state: 'passed' as const, url: RUN }, change: { provider: 'github' as const, url: PR, headSha: HEAD }, by: 'GitHub', at: '2026-03-02T12:00:00.000Z' };
    expect(checkRecordOf(reading, passed)).toBeUndefined();
    expect(checkRecordOf({ ...reading, change: { ...reading.change, headSha: NEW_HEAD } }, passed)).toMatchObject({ source: { headSha: NEW_HEAD } });
    expect(checkRecordOf({ ...reading, result: { ...reading.result, state: 'failed' } }, passed)).toMatchObject({ state: 'failed' });
    expect(checkRecordOf(reading, { ...passed, headMoved: { headSha: NEW_HEAD, at: '2026-03-02T11:00:00.000Z' } })).toMatchObject({ state: 'passed', at: '2026-03-02T12:00:00.000Z' });
  });
});
