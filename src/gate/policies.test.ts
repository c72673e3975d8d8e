import { isReporterBarred, justificationProblem, overrideGroupOf } from './policies';

describe('the policies as predicates', () => {
  it('finds the override group someone acts through, if any', () => {
    expect(overrideGroupOf({ overrideGroups: ['golive-overriders', 'release-managers'] }, ['jira-users', 'release-managers'])).toBe('release-managers');
    expect(overrideGroupOf({ overrideGroups: ['golive-overriders'] }, ['jira-users'])).toBeUndefined();
    expect(overrideGroupOf({ overrideGroups: [] }, ['golive-overriders'])).toBeUndefined();
  });

  it('bars the reporter from approving unless the policy allows it', () => {
    expect(isReporterBarred({ reporterMayApprove: false }, 'acc-pm', 'acc-pm')).toBe(true);
    expect(isReporterBarred({ reporterMayApprove: true }, 'acc-pm', 'acc-pm')).toBe(false);
    expect(isReporterBarred({ reporterMayApprove: false }, 'acc-cee', 'acc-pm')).toBe(false);
    expect(isReporterBarred({ reporterMayApprove: false }, 'acc-cee', undefined)).toBe(false);
  });

  it('asks for a justification of at least 20 visible letters in 3 words (issue 10: characters alone let dots through)', () => {
    expect(justificationProblem('   Too short         ')).toBe('Write a justification of at least 20 letters in at least 3 words (this one has 8 letters in 2 words)');
    expect(justificationProblem('.'.repeat(25))).toBe('Write a justification of at least 20 letters in at least 3 words (this one has 0 letters in 0 words)');
    expect(justificationProblem('Launch agreed with the VP')).toBeUndefined();
  });
});
