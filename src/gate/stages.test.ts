import { currentStageIndex } from './stages';
import { isWaitingOn, TEAM_STATES } from './verdict';

describe('currentStageIndex', () => {
  const stages = ['promote-to-prod', 'go-live'];

  it('is the first stage not passed, in configuration order', () => {
    expect(currentStageIndex(stages, () => false)).toBe(0);
    expect(currentStageIndex(stages, (s) => s === 'promote-to-prod')).toBe(1);
    // A later stage passing (an override) does not move the ticket past an earlier one.
    expect(currentStageIndex(stages, (s) => s === 'go-live')).toBe(0);
  });

  it('is past the last stage when every stage passed', () => {
    expect(currentStageIndex(stages, () => true)).toBe(2);
  });
});

describe('isWaitingOn', () => {
  it('waits on a team that has not decided or whose approval no longer counts, never on one that approved or declined', () => {
    expect(TEAM_STATES.filter(isWaitingOn)).toEqual(['pending', 'stale', 'expired', 'unverified']);
  });
});
