import { githubCheckRunState, githubStatusState, gitlabStatusState, requiredCheck } from './required-checks';

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
