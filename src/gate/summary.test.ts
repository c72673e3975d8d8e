import type { GateConfig } from './config';
import { GateConfigSchema } from './config';
import { canonicalJson } from './digest';
import { IssueFixture } from '../../test/support/issue-fixture';
import { teamProperty } from './records';
import type { GateSnapshot } from './records';
import { deriveSummary, summaryFitsInProperty } from './summary';
import { summaryOf } from '../../test/support/summary-of';
import { templateConfig } from '../../test/support/v1-templates';
import type { GateConfigV2 } from './v2/config';
import { IssueFixtureV2 } from '../../test/support/v2-issue-fixture';
import { templateConfigV2 } from './v2/templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

describe('deriveSummary', () => {
  it('summarises a ticket waiting for promote-to-prod', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('sre-p', T0).decline('osd-e2e', T0, 'e2e red').approve('cee', T0);
    issue.setProperty(teamProperty('mt-sre'), { forged: true });
    const summary = summaryOf(config, issue.snapshot(), NOW);
    const teams = Object.fromEntries(config.teams.map((t) => [t.key, { state: 'pending' }]));
    expect(summary).toEqual({
      schemaVersion: 1,
      status: 'blocked',
      stage: 'promote-to-prod',
      approved: 1,
      required: 4,
      pending: ['dev-team'],
      declined: ['osd-e2e'],
      openItems: 0,
      unverified: ['mt-sre'],
      capacity: 500,
      velocity: 20,
      assurance: 'none',
      breached: [],
      usage: {},
      overridden: [],
      updated: '2026-03-03T09:00:00Z',
      stages: { 'promote-to-prod': { allowed: false, approved: 1, required: 4 }, 'go-live': { allowed: false, approved: 2, required: 13 } },
      teams: {
        ...teams,
        'sre-p': { state: 'approved', at: T0, by: 'acc-sre-p' },
        cee: { state: 'approved', at: T0, by: 'acc-cee' },
        'osd-e2e': { state: 'declined', at: T0, by: 'acc-osd-e2e' },
        'mt-sre': { state: 'unverified' },
      },
      numbers: { capacity: 500, velocity: 20 },
    });
  });

  it('moves on to go-live once promote-to-prod is allowed, and reports an override', () => {
    const issue = new IssueFixture(config);
    for (const key of PROMOTE_TEAMS) issue.approve(key, T0);
    expect(summaryOf(config, issue.snapshot(), NOW)).toMatchObject({ status: 'blocked', stage: 'go-live', approved: 4, required: 13, overridden: [], numbers: {} });
    issue.override('go-live', 'Launch agreed with the VP of engineering', T0);
    const summary = summaryOf(config, issue.snapshot(), NOW);
    expect(summary).toMatchObject({ status: 'overridden', stage: 'go-live', overridden: ['go-live'] });
    expect(summary).not.toHaveProperty('capacity');
  });

  it('is ready when every stage passes', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0);
    for (const team of config.teams) issue.approve(team.key, T0);
    expect(summaryOf(config, issue.snapshot(), NOW)).toMatchObject({ status: 'ready', stage: 'go-live', approved: 13, required: 13, pending: [], unverified: [] });
  });

  it('fits in one issue property with 200 teams', () => {
    const teams = Array.from({ length: 200 }, (_, i) => ({ key: `team-${i}`, name: `Team ${i}`, area: 'engineering' as const, groups: [`golive-team-${i}`] }));
    const big = GateConfigSchema.parse({ teams, stages: [{ key: 'go-live', name: 'Go live', requiredTeams: teams.map((t) => t.key) }] });
    const issue = new IssueFixture(big);
    teams.forEach((t, i) => issue.approve(t.key, T0, { by: `557058:${'f'.repeat(8)}-${String(i).padStart(4, '0')}-4a2b-9c3d-0123456789ab` }));
    const summary = summaryOf(big, issue.snapshot(), NOW);
    expect(summaryFitsInProperty(summary)).toBe(true);
    expect(Object.keys(summary.teams)).toHaveLength(200);
    expect(summary.teams['team-7']).toMatchObject({ state: 'approved', at: T0 });
  });

  it('drops per-team detail rather than outgrow the property with the longest keys and account ids', () => {
    const teams = Array.from({ length: 200 }, (_, i) => ({ key: `t${String(i).padStart(3, '0')}${'x'.repeat(36)}`, name: `Team ${i}`, area: 'engineering' as const, groups: [`g${i}`] }));
    const big = GateConfigSchema.parse({ teams, stages: [{ key: 'go-live', name: 'Go live', requiredTeams: teams.map((t) => t.key) }] });
    const issue = new IssueFixture(big);
    teams.forEach((t, i) => issue.approve(t.key, T0, { by: `${String(i).padStart(3, '0')}${'a'.repeat(125)}` }));
    const summary = summaryOf(big, issue.snapshot(), NOW);
    expect(summaryFitsInProperty(summary)).toBe(true);
    expect(canonicalJson(summary).length).toBeLessThanOrEqual(32768);
    expect(summary.status).toBe('ready');
  });

  describe('by gate model v2, as the validator judges', () => {
    const addon = templateConfigV2('managed-addon') as GateConfigV2;
    const snapshotOf = (status = 'In Review'): GateSnapshot => ({ issue: { id: '10001', key: 'SKU-1', reporterAccountId: 'acc-pm', status }, properties: {}, digests: {} });

    it('leaves a team the ticket does not require out of approved and required, and counts per-stage approvals', () => {
      const issue = new IssueFixtureV2(addon);
      for (const team of ['mt-sre', 'osd-e2e', 'sre-p']) issue.approve('promote-to-prod', team, T0);
      const summary = deriveSummary(issue.facts(), snapshotOf(), NOW);
      expect(summary).toMatchObject({ schemaVersion: 1, status: 'blocked', stage: 'promote-to-prod', approved: 3, required: 4, pending: ['dev-team'] });
      // Layered SRE is required only with the label layered-sre.
      expect(summary.stages['go-live']).toEqual({ allowed: false, approved: 0, required: 12 });
      expect(summary.teams['layered-sre']).toEqual({ state: 'not-required' });
    });

    it('counts a waived team as not required, and says when the waiver runs out', () => {
      const lasting = { ...addon, stages: addon.stages.map((s) => ({ ...s, waiverLifetimeDays: 30 })) };
      const issue = new IssueFixtureV2(lasting, { labels: ['layered-sre'] }).waive({ kind: 'team', key: 'layered-sre' }, T0, 'No layered SRE team runs this add-on');
      const summary = deriveSummary(issue.facts(), snapshotOf(), NOW);
      expect(summary.stages['go-live']).toEqual({ allowed: false, approved: 0, required: 12 });
      expect(summary.teams['layered-sre']).toEqual({ state: 'waived' });
      expect(summary.nextChange).toBe('2026-03-31T09:00:01Z');
    });

    it('counts the checklist items the current stage still needs, so JQL finds incomplete checklists; a waived one is done', () => {
      const open = new IssueFixtureV2(addon);
      expect(deriveSummary(open.facts(), snapshotOf(), NOW).openItems).toBe(2);
      open.answer({ 'platform-not-compromised': true }, T0);
      expect(deriveSummary(open.facts(), snapshotOf(), NOW).openItems).toBe(1);
      open.answer({ 'osd-e2e-cd-signal': 'not a link' }, T0);
      expect(deriveSummary(open.facts(), snapshotOf(), NOW).openItems).toBe(1);
      open.waive({ kind: 'item', key: 'osd-e2e-cd-signal' }, T0, 'The CD signal comes from the release pipeline');
      expect(deriveSummary(open.facts(), snapshotOf(), NOW).openItems).toBe(0);
    });

    it('says a ticket outside the gate’s scope is not gated', () => {
      const scoped: GateConfigV2 = { ...addon, scope: { issueTypes: ['Epic'], labels: [] } };
      expect(deriveSummary(new IssueFixtureV2(scoped).facts(), snapshotOf(), NOW).status).toBe('not-gated');
    });
  });
});

