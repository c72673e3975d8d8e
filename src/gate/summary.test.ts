import type { GateConfig } from './config';
import { GateConfigSchema } from './config';
import { canonicalJson } from './digest';
import { IssueFixture } from '../../test/support/issue-fixture';
import { teamProperty } from './records';
import { deriveSummary, summaryFitsInProperty } from './summary';
import { templateConfig } from './templates';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

describe('deriveSummary', () => {
  it('summarises a ticket waiting for promote-to-prod', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('sre-p', T0).decline('osd-e2e', T0, 'e2e red').approve('cee', T0);
    issue.setProperty(teamProperty('mt-sre'), { forged: true });
    const summary = deriveSummary(config, issue.snapshot(), NOW);
    const teams = Object.fromEntries(config.teams.map((t) => [t.key, { state: 'pending' }]));
    expect(summary).toEqual({
      schemaVersion: 1,
      status: 'blocked',
      stage: 'promote-to-prod',
      approved: 1,
      required: 4,
      pending: ['dev-team'],
      declined: ['osd-e2e'],
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
    expect(deriveSummary(config, issue.snapshot(), NOW)).toMatchObject({ status: 'blocked', stage: 'go-live', approved: 4, required: 13, overridden: [], numbers: {} });
    issue.override('go-live', 'Launch agreed with the VP of engineering', T0);
    const summary = deriveSummary(config, issue.snapshot(), NOW);
    expect(summary).toMatchObject({ status: 'overridden', stage: 'go-live', overridden: ['go-live'] });
    expect(summary).not.toHaveProperty('capacity');
  });

  it('is ready when every stage passes', () => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0);
    for (const team of config.teams) issue.approve(team.key, T0);
    expect(deriveSummary(config, issue.snapshot(), NOW)).toMatchObject({ status: 'ready', stage: 'go-live', approved: 13, required: 13, pending: [], unverified: [] });
  });

  it('fits in one issue property with 200 teams', () => {
    const teams = Array.from({ length: 200 }, (_, i) => ({ key: `team-${i}`, name: `Team ${i}`, area: 'engineering' as const, groups: [`golive-team-${i}`] }));
    const big = GateConfigSchema.parse({ teams, stages: [{ key: 'go-live', name: 'Go live', requiredTeams: teams.map((t) => t.key) }] });
    const issue = new IssueFixture(big);
    teams.forEach((t, i) => issue.approve(t.key, T0, { by: `557058:${'f'.repeat(8)}-${String(i).padStart(4, '0')}-4a2b-9c3d-0123456789ab` }));
    const summary = deriveSummary(big, issue.snapshot(), NOW);
    expect(summaryFitsInProperty(summary)).toBe(true);
    expect(Object.keys(summary.teams)).toHaveLength(200);
    expect(summary.teams['team-7']).toMatchObject({ state: 'approved', at: T0 });
  });

  it('drops per-team detail rather than outgrow the property with the longest keys and account ids', () => {
    const teams = Array.from({ length: 200 }, (_, i) => ({ key: `t${String(i).padStart(3, '0')}${'x'.repeat(36)}`, name: `Team ${i}`, area: 'engineering' as const, groups: [`g${i}`] }));
    const big = GateConfigSchema.parse({ teams, stages: [{ key: 'go-live', name: 'Go live', requiredTeams: teams.map((t) => t.key) }] });
    const issue = new IssueFixture(big);
    teams.forEach((t, i) => issue.approve(t.key, T0, { by: `${String(i).padStart(3, '0')}${'a'.repeat(125)}` }));
    const summary = deriveSummary(big, issue.snapshot(), NOW);
    expect(summaryFitsInProperty(summary)).toBe(true);
    expect(canonicalJson(summary).length).toBeLessThanOrEqual(32768);
    expect(summary.status).toBe('ready');
  });
});
