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

  it('asks for a justification of at least 20 characters once trimmed', () => {
    expect(justificationProblem('   Too short         ')).toBe('Write a justification of at least 20 characters (this one has 9)');
    expect(justificationProblem('Launch agreed with the VP')).toBeUndefined();
  });
});
