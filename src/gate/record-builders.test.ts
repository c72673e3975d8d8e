import { coveredDigests } from './coverage';
import { answersRecord, decisionRecord, numbersRecord, overrideRecord } from './record-builders';
import { templateConfig } from '../../test/support/v1-templates';

const config = templateConfig('managed-addon')!;
const author = { issueId: '10001', by: 'acc-pm', at: '2026-03-01T10:00:00.000Z' };
const numbers = numbersRecord(author, undefined, { capacity: 500, velocity: 20 });

describe('record builders', () => {
  it('records an approval covering what it is given, under the configuration version, and a decline covering nothing', () => {
    const covers = coveredDigests(config, 'sre-p', { capacity: 500, velocity: 20 }, undefined);
    const decision = { configVersion: config.version, issueId: '10001', team: 'sre-p', by: 'acc-sre-p', via: 'golive-sre-p', at: author.at, covers } as const;
    expect(decisionRecord({ ...decision, decision: 'approve' })).toEqual({
      kind: 'decision', issueId: '10001', team: 'sre-p', decision: 'approved', by: 'acc-sre-p', via: 'golive-sre-p', at: author.at,
      configVersion: config.version,
      covers,
    });
    expect(decisionRecord({ ...decision, decision: 'decline', comment: 'Capacity too low' })).toMatchObject({ decision: 'declined', comment: 'Capacity too low', covers: {} });
  });

  it('leaves an empty comment out of a decision', () => {
    const revoked = decisionRecord({ configVersion: config.version, issueId: '10001', team: 'cee', decision: 'revoke', by: 'acc-cee', via: 'golive-cee', at: author.at, comment: '', covers: {} });
    expect(revoked).not.toHaveProperty('comment');
    expect(revoked.decision).toBe('revoked');
  });

  it('keeps the numbers the app wrote that are not recorded again', () => {
    expect(numbersRecord(author, numbers, { capacity: 600 }).values).toEqual({ capacity: 600, velocity: 20 });
  });

  it('keeps the answers the app wrote not named and removes an answer emptied to blanks', () => {
    expect(answersRecord(author, { slis: 'p99 latency', slos: '99.9 %' }, { slos: '  ', 'in-use': 'a metric' }).answers).toEqual({ slis: 'p99 latency', 'in-use': 'a metric' });
  });

  it('records an override through the group the caller acts in', () => {
    expect(overrideRecord({ ...author, by: 'acc-admin' }, 'go-live', 'golive-overriders', 'Launch agreed with the VP')).toEqual({
      kind: 'override', issueId: '10001', stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at: author.at, justification: 'Launch agreed with the VP',
    });
  });
});
