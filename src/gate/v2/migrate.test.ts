import fc from 'fast-check';
import { v1ConfigArbitrary } from '../../../test/support/v1-ticket-arbitrary';
import type { GateConfig, GateConfigInput } from '../config';
import { GateConfigSchema } from '../config';
import { evaluateStage } from '../../../test/support/v1-evaluate';
import { IssueFixture } from '../../../test/support/issue-fixture';
import { NUMBERS_PROPERTY, teamProperty } from '../records';
import { templateConfig } from '../../../test/support/v1-templates';
import { evaluateStageV2 } from './evaluate';
import { migrateConfig, readStoredConfig } from './migrate';
import { readRecordsV2 } from './read-records';
import { v1RulesConfig } from './v1-rules';
import type { TicketFacts } from './ticket';

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');

/** What today's main stores for a project: the v1 configuration as saved, version and all. */
const storedV1 = (): unknown => ({ ...JSON.parse(JSON.stringify(templateConfig('managed-addon'))), schemaVersion: 1, version: 7 });

const ticketOf = (issue: IssueFixture): TicketFacts => ({
  id: issue.issue.id,
  key: issue.issue.key,
  projectKey: 'SKU',
  issueType: 'Task',
  reporterAccountId: issue.issue.reporterAccountId,
  labels: [],
  components: [],
  fields: {},
});

/** The v1 and the v2 verdict of one stage for a ticket whose records today's main wrote. */
function bothVerdicts(v1: GateConfig, issue: IssueFixture, stage: string, now = NOW) {
  const snapshot = issue.snapshot();
  const config = migrateConfig(v1);
  const records = readRecordsV2(config, { issueId: snapshot.issue.id, properties: snapshot.properties, digests: snapshot.digests });
  return { v1: evaluateStage(v1, stage, snapshot, now), v2: evaluateStageV2({ config, ticket: ticketOf(issue), records }, stage, now) };
}

describe('migrateConfig', () => {
  it('turns a small v1 configuration into the v2 configuration that means the same', () => {
    const v1 = GateConfigSchema.parse({
      version: 3,
      template: 'managed-addon',
      teams: [
        { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'], description: "OSD/ROSA 3-R's" },
        { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee', 'cee-leads'] },
      ],
      stages: [
        { key: 'promote', name: 'Promote to prod', requiredTeams: ['sre-p'] },
        { key: 'go-live', name: 'Go live', requiredTeams: ['cee', 'sre-p'], requiredNumbers: ['capacity'], approvalLifetimeDays: 30 },
      ],
      numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', min: 1, signedOffBy: 'sre-p' }],
      questions: [{ key: 'runbook', section: 'Operations', text: 'Where is the runbook?', requiredFor: ['go-live'], reviewedBy: 'cee' }],
      policies: { reporterMayApprove: true, onePersonOneTeam: false, overrideGroups: ['golive-overriders'] },
    } satisfies GateConfigInput);
    expect(migrateConfig(v1)).toEqual({
      schemaVersion: 2,
      version: 3,
      template: 'managed-addon',
      scope: { issueTypes: [], labels: [] },
      fieldNames: {},
      teams: [
        { key: 'sre-p', name: 'SRE-P', area: 'service-support', description: "OSD/ROSA 3-R's", groups: ['golive-sre-p'], applies: { when: 'always' }, minApprovals: 1 },
        { key: 'cee', name: 'CEE', area: 'service-support', description: '', groups: ['golive-cee', 'cee-leads'], applies: { when: 'always' }, minApprovals: 1 },
      ],
      stages: [
        { key: 'promote', name: 'Promote to prod', description: '', teams: [{ team: 'sre-p' }], numbers: [], carryOver: [] },
        // The stage's own order, which v1's notifications and comment replies use; verdicts list teams in configuration order.
        { key: 'go-live', name: 'Go live', description: '', teams: [{ team: 'cee' }, { team: 'sre-p' }], numbers: ['capacity'], carryOver: [], approvalLifetimeDays: 30 },
      ],
      numbers: [{ key: 'capacity', label: 'Capacity', description: '', unit: 'customers', integer: true, min: 1, signedOffBy: 'sre-p' }],
      items: [{ key: 'runbook', section: 'Operations', text: 'Where is the runbook?', kind: 'text', requiredFor: ['go-live'], reviewedBy: 'cee' }],
      policies: {
        reporterMayApprove: true,
        onePersonOneTeam: false,
        overrideGroups: ['golive-overriders'],
        separationOfDuties: true,
        recheckMembershipAtTransition: true,
        allowEmptyStages: false,
        reAddedTeamsKeepApprovals: false,
      },
    });
  });

  it('keeps every setting issues 10 and 14 to 18 added to v1: team generations and shadows, stage assurance, release, freeze, reminders, entry status, playbook, aliases, provider users, graduation', () => {
    const v1 = GateConfigSchema.parse({
      version: 9,
      teams: [
        { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'], since: 4, shadowGroups: ['golive-sre-p-shadows'] },
        { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'] },
      ],
      stages: [
        { key: 'promote', name: 'Promote to prod', requiredTeams: ['sre-p'], fromStatus: 'Ready for prod', assurance: { level: 'reduced', statuses: ['In prod'] } },
        {
          key: 'go-live',
          name: 'Go live',
          requiredTeams: ['cee'],
          requiresRelease: true,
          freeze: { daysBeforeRelease: 3, exceptionGroups: ['golive-release'] },
          reminders: { remindAfterHours: 24, repeatEveryDays: 2, escalateAfterHours: 72, escalationGroups: ['golive-leads'], tellReporter: false },
          requirePlaybook: true,
        },
        { key: 'hypercare', name: 'Hypercare', requiredTeams: [] },
      ],
      policies: { allowEmptyStages: true, recheckApproversAtTransition: false, reAddedTeamsKeepApprovals: true },
      stageAliases: { 'old-go-live': 'go-live' },
      providerUsers: [{ provider: 'gitlab', login: 'jdoe', accountId: 'acc-sre-p' }],
      shadowGraduation: { minReviews: 3, minStages: 1, minSeconded: 1 },
    } satisfies GateConfigInput);
    const v2 = migrateConfig(v1);
    expect(v2.teams[0]).toMatchObject({ since: 4, shadowGroups: ['golive-sre-p-shadows'] });
    expect(v2.stages[0]).toMatchObject({ fromStatus: 'Ready for prod', assurance: { level: 'reduced', statuses: ['In prod'] } });
    expect(v2.stages[1]).toMatchObject({ requiresRelease: true, freeze: v1.stages[1]?.freeze, reminders: v1.stages[1]?.reminders, requirePlaybook: true });
    expect(v2.policies).toMatchObject({ allowEmptyStages: true, recheckMembershipAtTransition: false, reAddedTeamsKeepApprovals: true });
    expect(v2).toMatchObject({ stageAliases: v1.stageAliases, providerUsers: v1.providerUsers, shadowGraduation: v1.shadowGraduation });
    expect(v1RulesConfig(v2)).toEqual(v1);
    // The empty stage the project allowed stays allowed: v2 reads it without a warning.
    expect(readStoredConfig(JSON.parse(JSON.stringify(v1)))).toEqual({ ok: true, value: v2, migratedFrom: 1, warnings: [] });
  });

  it("keeps v1's re-check of approvers at the transition as it was set", () => {
    const v1 = templateConfig('managed-addon') as GateConfig;
    expect(migrateConfig({ ...v1, policies: { ...v1.policies, recheckApproversAtTransition: false } }).policies.recheckMembershipAtTransition).toBe(false);
    expect(migrateConfig(v1).policies.recheckMembershipAtTransition).toBe(true);
  });

  it.each(['managed-addon', 'kubernetes-prr'])('migrates the v1 %s template into a valid v2 configuration', (key) => {
    const stored = readStoredConfig(JSON.parse(JSON.stringify(templateConfig(key))));
    expect(stored).toEqual({ ok: true, value: migrateConfig(templateConfig(key) as GateConfig), migratedFrom: 1, warnings: [] });
  });
});

describe('readStoredConfig', () => {
  it('reads what today\'s main stored as v2, keeping its version for the next compare-and-set save', () => {
    const stored = readStoredConfig(storedV1());
    expect(stored.ok && stored.value.version).toBe(7);
    expect(stored.ok && stored.migratedFrom).toBe(1);
  });

  it('reads a v2 configuration as it is', () => {
    const v2 = migrateConfig(templateConfig('kubernetes-prr') as GateConfig);
    expect(readStoredConfig(v2)).toEqual({ ok: true, value: v2, warnings: [] });
  });

  it('keeps a v1 configuration working that v2 would refuse, and says what to fix before the next save', () => {
    const v1 = { ...(storedV1() as object), stages: [{ key: 'go-live', name: 'Go live', requiredTeams: [] }] };
    const stored = readStoredConfig(v1);
    expect(stored.ok).toBe(true);
    expect(stored.ok && stored.warnings).toEqual([
      { path: 'stages.0', message: 'Stage "Go live" requires nothing: add a team, a number or an item, or remove the stage (a stage that requires nothing would let every ticket through)' },
    ]);
  });

  it('refuses what is neither a v1 nor a v2 configuration, with errors', () => {
    for (const input of [null, 'x', { schemaVersion: 3 }, { schemaVersion: 2, teams: [] }]) expect(readStoredConfig(input).ok).toBe(false);
  });
});

describe('records written by today\'s main, read by v2', () => {
  const v1 = templateConfig('managed-addon') as GateConfig;
  const issue = (): IssueFixture => new IssueFixture(v1).recordNumbers({ capacity: 500, velocity: 20 }, T0);

  it('reads v1 team decisions as legacy ticket-wide decisions, numbers without recorders and answers as text', () => {
    const source = issue().approve('sre-p', T0).decline('cee', T1, 'Docs missing').answer({ runbook: 'https://wiki/runbook' }, T0);
    const snapshot = source.snapshot();
    const records = readRecordsV2(migrateConfig(v1), { issueId: '10001', properties: snapshot.properties, digests: snapshot.digests });
    expect(records).toEqual({
      decisions: [],
      legacy: { 'sre-p': source.property(teamProperty('sre-p')), cee: source.property(teamProperty('cee')) },
      waivers: [],
      numbers: { issueId: '10001', values: { capacity: 500, velocity: 20 }, by: 'acc-pm', at: T0, legacy: true },
      answers: { issueId: '10001', answers: { runbook: 'https://wiki/runbook' }, by: 'acc-pm', at: T0, legacy: true },
      overrides: {},
      passes: {},
      unverified: [],
      // Sorted by property key, as read: golive-gate.team.cee before golive-gate.team.sre-p.
      writtenDecisions: [source.property(teamProperty('cee')), source.property(teamProperty('sre-p'))],
    });
  });

  it.each([
    ['approvals for every promote-to-prod team pass promote-to-prod under both models', 'promote-to-prod', () => issue().approve('mt-sre', T0).approve('osd-e2e', T0).approve('sre-p', T0).approve('dev-team', T0)],
    ['a decline blocks', 'promote-to-prod', () => issue().approve('mt-sre', T0).decline('osd-e2e', T0, 'e2e red').approve('sre-p', T0).approve('dev-team', T0)],
    ['a changed capacity makes SRE-P stale', 'promote-to-prod', () => issue().approve('mt-sre', T0).approve('osd-e2e', T0).approve('sre-p', T0).approve('dev-team', T0).recordNumbers({ capacity: 600 }, T1)],
    ['a revoke is pending', 'go-live', () => issue().approve('sre-p', T0).revoke('sre-p', T1)],
    ['a forged team property is unverified', 'go-live', () => issue().approve('cee', T0).setProperty(teamProperty('cee'), { kind: 'decision', forged: true })],
    ['a record copied from another ticket is refused', 'go-live', () => issue().setProperty(teamProperty('cee'), new IssueFixture(v1, { id: '20002', key: 'SKU-2' }).approve('cee', T0).property(teamProperty('cee')))],
    ['an override opens the stage', 'go-live', () => issue().override('go-live', 'Launch agreed with the VP; CEE signs off next week', T1)],
    ['the reporter does not count', 'go-live', () => issue().approve('cee', T0, { by: 'acc-pm' })],
    ['one person counts for one team', 'go-live', () => issue().approve('sre-p', T0, { by: 'acc-both' }).approve('cee', T1, { by: 'acc-both' })],
  ])('keeps the verdict: %s', (_name, stage, build) => {
    const { v1: before, v2: after } = bothVerdicts(v1, build(), stage);
    expect({ allowed: after.allowed, overridden: after.overridden, missing: after.missing, message: after.message }).toEqual({
      allowed: before.allowed,
      overridden: before.overridden,
      missing: before.missing,
      message: before.message,
    });
    expect(after.teams.map((t) => [t.team, t.state])).toEqual(before.teams.map((t) => [t.team, t.state]));
  });

  it('keeps the verdict v1 gives since issue 10 closed its bypass: an approval does not count while what it covers was deleted outside the app', () => {
    const tampered = issue().approve('mt-sre', T0).approve('osd-e2e', T0).approve('sre-p', T0).approve('dev-team', T0).recordNumbers({ capacity: 600 }, T1).deleteProperty(NUMBERS_PROPERTY);
    const { v1: before, v2: after } = bothVerdicts(v1, tampered, 'promote-to-prod');
    expect(before.allowed).toBe(false);
    expect(after.allowed).toBe(false);
    expect(after.message).toBe('Promote to prod blocked: unverified record for SRE-P');
    expect(before.message).toBe(after.message);
  });
});

describe('the v1-rules view of a migrated configuration', () => {
  it('is the v1 configuration again, for random v1 configurations and both templates', () => {
    const roundTrip = (v1: GateConfig): void => {
      const migrated = migrateConfig(v1);
      expect(v1RulesConfig(migrated)).toEqual(v1);
    };
    fc.assert(fc.property(v1ConfigArbitrary, roundTrip));
    for (const key of ['managed-addon', 'kubernetes-prr']) roundTrip(templateConfig(key) as GateConfig);
  });
});
