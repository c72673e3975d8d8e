import { decidedAs, missingReason } from './decisions';

describe('decisions', () => {
  it('records each decision in the past tense', () => {
    expect([decidedAs('approve'), decidedAs('decline'), decidedAs('revoke')]).toEqual(['approved', 'declined', 'revoked']);
  });

  it('asks a decline for its reason and nothing else for one', () => {
    expect(missingReason('decline', ' \n ', 'CEE')).toBe('Give a reason for declining for CEE: the requester needs to know what to fix.');
    expect(missingReason('decline', 'Docs missing', 'CEE')).toBeUndefined();
    expect(missingReason('approve', undefined, 'CEE')).toBeUndefined();
    expect(missingReason('revoke', '', 'CEE')).toBeUndefined();
  });
});
