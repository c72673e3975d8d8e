import { IssueFixture } from '../../test/support/issue-fixture';
import type { GateConfig } from './config';
import { GateConfigSchema } from './config';
import { evaluateStage } from '../../test/support/v1-evaluate';
import type { GateSnapshot } from './records';
import { teamProperty } from './records';

// Agreement on a linked ticket (issue 15): a team's approval the app recorded on a linked ticket counts here, verified
// against the linked ticket's own heads and judged by this ticket's rules.

const NOW = new Date('2026-03-03T09:00:00.000Z');
const config = (linked: boolean): GateConfig =>
  GateConfigSchema.parse({
    teams: [
      { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'] },
      { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'] },
    ],
    stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['cee', 'sre-p'], requiredNumbers: ['capacity'] }],
    numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', min: 1, signedOffBy: 'sre-p' }],
    ...(linked && { linkedApprovals: { linkType: 'Relates' } }),
  });
const GATED = config(true);
const RELEASE = { id: '10009', key: 'SKU-9', reporterAccountId: 'acc-pm' };

/** The ticket's snapshot with the linked ticket's, as the app reads both. */
function withLinked(own: IssueFixture, linked: IssueFixture): GateSnapshot {
  const { issue, properties, digests, written } = linked.snapshot();
  return { ...own.snapshot(), linked: [{ issue, properties, digests, ...(written && { written }) }] };
}
const ticket = (c: GateConfig = GATED): IssueFixture => new IssueFixture(c).recordNumbers({ capacity: 50 }, '2026-03-01T09:00:00.000Z').approve('sre-p', '2026-03-01T09:00:00.000Z');
const ceeOf = (c: GateConfig, snapshot: GateSnapshot) => evaluateStage(c, 'go-live', snapshot, NOW).teams.find((t) => t.team === 'cee');

describe('agreement on a linked ticket', () => {
  it('counts a team’s approval recorded on the linked ticket, and says where it was given', () => {
    const linked = new IssueFixture(GATED, RELEASE).approve('cee', '2026-03-02T09:00:00.000Z');
    const verdict = evaluateStage(GATED, 'go-live', withLinked(ticket(), linked), NOW);
    expect(verdict.allowed).toBe(true);
    expect(verdict.teams.find((t) => t.team === 'cee')).toMatchObject({ state: 'approved', decision: { by: 'acc-cee', linkedIssue: 'SKU-9' }, reason: 'CEE approved on SKU-9 1 day ago' });
  });

  it('ignores linked tickets while the gate names no link type', () => {
    const plain = config(false);
    expect(ceeOf(plain, withLinked(ticket(plain), new IssueFixture(plain, RELEASE).approve('cee', '2026-03-02T09:00:00.000Z')))?.state).toBe('pending');
  });

  it('does not count a property put on the linked ticket by hand or changed there, nor a decline there', () => {
    const approved = new IssueFixture(GATED, RELEASE).approve('cee', '2026-03-02T09:00:00.000Z');
    const record = approved.property(teamProperty('cee')) as Record<string, unknown>;
    expect(ceeOf(GATED, withLinked(ticket(), new IssueFixture(GATED, RELEASE).setProperty(teamProperty('cee'), record)))?.state).toBe('pending');
    expect(ceeOf(GATED, withLinked(ticket(), approved.setProperty(teamProperty('cee'), { ...record, by: 'acc-mallory' })))?.state).toBe('pending');
    expect(ceeOf(GATED, withLinked(ticket(), new IssueFixture(GATED, RELEASE).decline('cee', '2026-03-02T09:00:00.000Z', 'not yet')))?.state).toBe('pending');
  });

  it('judges the approval by this ticket’s rules: the approver’s group must act for the team here', () => {
    const elsewhere = new IssueFixture(GATED, RELEASE).approve('cee', '2026-03-02T09:00:00.000Z', { via: 'golive-other' });
    expect(ceeOf(GATED, withLinked(ticket(), elsewhere))).toMatchObject({ state: 'pending', reason: expect.stringMatching(/^CEE's approval on SKU-9 does not count here: CEE's approval came through golive-other/) as unknown });
  });

  it('leaves a team that signs off this ticket’s numbers to approve here', () => {
    const linked = new IssueFixture(GATED, RELEASE).approve('sre-p', '2026-03-02T09:00:00.000Z');
    const own = new IssueFixture(GATED).recordNumbers({ capacity: 50 }, '2026-03-01T09:00:00.000Z');
    expect(evaluateStage(GATED, 'go-live', withLinked(own, linked), NOW).teams.find((t) => t.team === 'sre-p')).toMatchObject({ state: 'pending', reason: expect.stringMatching(/signs off this ticket's numbers/) as unknown });
  });

  it('lets a decision here win over an earlier one there, and a later approval there stand in for one revoked here', () => {
    const linked = new IssueFixture(GATED, RELEASE).approve('cee', '2026-03-02T09:00:00.000Z');
    expect(ceeOf(GATED, withLinked(ticket().decline('cee', '2026-03-02T10:00:00.000Z', 'docs missing'), linked))?.state).toBe('declined');
    expect(ceeOf(GATED, withLinked(ticket().revoke('cee', '2026-03-02T10:00:00.000Z'), linked))?.state).toBe('pending');
    expect(ceeOf(GATED, withLinked(ticket().revoke('cee', '2026-03-01T10:00:00.000Z'), linked))?.state).toBe('approved');
  });
});
