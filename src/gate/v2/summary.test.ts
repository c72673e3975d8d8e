import type { GateConfigV2 } from './config';
import { GateConfigV2Schema } from './config';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { decisionProperty } from './records';
import type { GateSummaryV2 } from './summary';
import { SUMMARY_INDEX_V2, deriveSummaryV2, summaryV2Fits } from './summary';
import { templateConfigV2 } from './templates';

const base = templateConfigV2('managed-addon') as GateConfigV2;
const addon: GateConfigV2 = { ...base, stages: base.stages.map((s) => ({ ...s, approvalLifetimeDays: 30, waiverLifetimeDays: 60 })) };
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.123Z');
const PROMOTE = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
const pendingTeam = (needed = 1) => ({ state: 'pending' as const, have: 0, needed });

describe('deriveSummaryV2', () => {
  it('summarises a ticket waiting on promote to prod, with an unverified decision and a decline', () => {
    const issue = new IssueFixtureV2(addon)
      .recordNumbers({ capacity: 500, velocity: 20 }, T0)
      .approve('promote-to-prod', 'sre-p', T0)
      .decline('promote-to-prod', 'osd-e2e', T0, 'e2e red')
      .setProperty(decisionProperty('promote-to-prod', 'mt-sre', 'acc-mt-sre'), { forged: true });
    const teams = Object.fromEntries(addon.teams.map((t) => [t.key, pendingTeam()]));
    const expected: GateSummaryV2 = {
      schemaVersion: 2,
      status: 'blocked',
      stage: 'promote-to-prod',
      approved: 1,
      required: 4,
      approvals: '1 of 4',
      pending: ['dev-team'],
      declined: ['osd-e2e'],
      unverified: ['mt-sre'],
      waived: [],
      legacy: [],
      passed: [],
      capacity: 500,
      velocity: 20,
      overridden: [],
      updated: '2026-03-03T09:00:00Z',
      nextChange: '2026-03-31T09:00:00Z',
      stages: {
        'promote-to-prod': { allowed: false, approved: 1, required: 4, approvals: '1 of 4', passed: false },
        'go-live': { allowed: false, approved: 0, required: 12, approvals: '0 of 12', passed: false },
      },
      teams: { ...teams, 'layered-sre': { state: 'not-required', have: 0, needed: 1 } },
      numbers: { capacity: 500, velocity: 20 },
    };
    expect(deriveSummaryV2(issue.facts(), NOW)).toEqual(expected);
  });

  it('summarises a promoted ticket at go-live: passed stages, a waived team, legacy approvals, the next change', () => {
    const issue = new IssueFixtureV2(addon, { labels: ['layered-sre'] });
    for (const team of PROMOTE) issue.approve('promote-to-prod', team, T0);
    issue.pass('promote-to-prod', T0).waive({ kind: 'team', key: 'layered-sre' }, T1, 'No layered SRE team runs this add-on').legacyDecide('cee', 'approved', T0).approve('go-live', 'ocm-pm', T1);
    const summary = deriveSummaryV2(issue.facts(), NOW);
    expect({ ...summary, teams: undefined, stages: undefined }).toEqual({
      schemaVersion: 2,
      status: 'blocked',
      stage: 'go-live',
      approved: 2,
      required: 12,
      approvals: '2 of 12',
      pending: ['sre-p', 'osd-e2e', 'osd-sre', 'platform-payload', 'osd-rosa-pm', 'addon-pm', 'servicedev-a', 'servicedev-b', 'mt-sre', 'dev-team'],
      declined: [],
      unverified: [],
      waived: ['layered-sre'],
      legacy: ['cee'],
      passed: ['promote-to-prod'],
      overridden: [],
      updated: '2026-03-03T09:00:00Z',
      nextChange: '2026-03-31T09:00:00Z',
      numbers: {},
    });
    expect(summary.stages['promote-to-prod']).toEqual({ allowed: true, approved: 4, required: 4, approvals: '4 of 4', passed: true });
    expect(summary.teams['layered-sre']).toEqual({ state: 'waived', have: 0, needed: 1 });
    expect(summary.teams['cee']).toEqual({ state: 'approved', have: 1, needed: 1, at: T0, by: 'acc-cee' });
  });

  it('says the gate does not apply to a ticket outside its scope', () => {
    const scoped: GateConfigV2 = { ...addon, scope: { issueTypes: ['SKU go-live'], labels: [] } };
    const summary = deriveSummaryV2(new IssueFixtureV2(scoped, { issueType: 'Bug' }).facts(), NOW);
    expect([summary.status, summary.stage, summary.approvals, summary.required]).toEqual(['not-gated', 'go-live', '0 of 0', 0]);
  });

  it('fits a 200-team configuration in one property, dropping per-team detail first', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `team-number-${String(i).padStart(3, '0')}-with-a-long-key`.slice(0, 40));
    const big = GateConfigV2Schema.parse({
      schemaVersion: 2,
      teams: keys.map((key) => ({ key, name: `Team ${key}`, area: 'service-support', groups: [`golive-${key}`] })),
      stages: [{ key: 'go-live', name: 'Go live', teams: keys.map((team) => ({ team, minApprovals: 3 })) }],
    });
    const issue = new IssueFixtureV2(big);
    for (const key of keys) issue.approve('go-live', key, T0, { by: `acc-${'x'.repeat(80)}-${key}` });
    const summary = deriveSummaryV2(issue.facts(), NOW);
    expect(summaryV2Fits(summary)).toBe(true);
    expect(summary.approvals).toBe('200 of 600');
    expect(Object.values(summary.teams)[0]).toEqual({ state: 'pending', have: 1, needed: 3 });
  });

  it('gives every indexed path the type the manifest declares, and keeps every v1 path', () => {
    const issue = new IssueFixtureV2(addon).recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('go-live', 'cee', T0);
    const summary = deriveSummaryV2(issue.facts(), NOW) as unknown as Record<string, unknown>;
    for (const { path, type } of SUMMARY_INDEX_V2) {
      const value = summary[path];
      const values: unknown[] = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (type === 'number') expect(typeof v).toBe('number');
        if (type === 'string') expect(typeof v).toBe('string');
        if (type === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }
    }
    const v1Paths = ['status', 'stage', 'approved', 'required', 'pending', 'declined', 'unverified', 'capacity', 'velocity', 'overridden', 'updated'];
    expect(SUMMARY_INDEX_V2.map((p) => p.path)).toEqual(expect.arrayContaining(v1Paths));
    expect(SUMMARY_INDEX_V2.length).toBeLessThanOrEqual(30);
  });
});
