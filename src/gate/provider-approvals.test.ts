import { standingApprovals } from './provider-approvals';

const dana = { provider: 'github' as const, id: 1, login: 'dana' };
const sam = { provider: 'github' as const, id: 2, login: 'sam' };

describe('standingApprovals', () => {
  it('counts each reviewer’s latest deciding review, keeping the commit it was for', () => {
    expect(
      standingApprovals([
        { user: dana, state: 'APPROVED', commitSha: 'a1', submittedAt: '2026-03-01T10:00:00Z' },
        { user: sam, state: 'APPROVED', commitSha: 'a1' },
        { user: dana, state: 'COMMENTED', commitSha: 'b2' },
        { user: sam, state: 'CHANGES_REQUESTED', commitSha: 'b2' },
      ]),
    ).toEqual([{ user: dana, commitSha: 'a1', at: '2026-03-01T10:00:00Z' }]);
  });

  it('lets a later approval replace a request for changes, and a dismissal withdraw an approval', () => {
    expect(standingApprovals([{ user: sam, state: 'changes_requested' }, { user: sam, state: 'approved' }, { user: dana, state: 'APPROVED' }, { user: dana, state: 'DISMISSED' }])).toEqual([{ user: sam }]);
  });

  it('ignores pending reviews and comments entirely', () => {
    expect(standingApprovals([{ user: dana, state: 'PENDING' }, { user: sam, state: 'COMMENTED' }])).toEqual([]);
  });
});
