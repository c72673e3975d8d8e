import fc from 'fast-check';
import { NOWS, PEOPLE, applySteps, membershipsArbitrary, stepArbitrary, v1ConfigArbitrary } from '../../../test/support/v1-ticket-arbitrary';
import type { GateConfigInput } from '../config';
import { GateConfigSchema } from '../config';
import { digestOf } from '../digest';
import type { ApproverGroups } from '../../../test/support/v1-evaluate';
import { evaluateStage } from '../../../test/support/v1-evaluate';
import type { GateRecord, GateSnapshot } from '../records';
import { teamProperty } from '../records';
import type { TargetVersion } from '../target-release';
import { evaluateStageV2 } from './evaluate';
import { migrateConfig } from './migrate';
import { readRecordsV2 } from './read-records';
import type { TicketFacts } from './ticket';

/**
 * The model of the migration: for any v1 configuration and any records today's main writes (legacy team decisions
 * with their configuration version, release and merge-request source, numbers, answers, overrides, freeze exceptions,
 * required checks, playbooks, approvals on linked tickets, tampering), v1's verdict of every stage is v2's verdict of
 * the migrated configuration, reasons and all. The one difference by design (issue 13): a ticket-wide approval that
 * counts says it was given before approvals were per stage.
 */

const ticketOf = (release: readonly TargetVersion[]): TicketFacts => ({
  id: '10001',
  key: 'SKU-1',
  projectKey: 'SKU',
  issueType: 'Task',
  reporterAccountId: 'acc-pm',
  labels: [],
  components: [],
  fields: {},
  targetRelease: release,
});

const LEGACY = ', before approvals were per stage';

describe('gate model v2 judges every v1 ticket as model v1 did', () => {
  it('gives the same verdict, reasons and all, for random v1 configurations and records, at the transition and in the panel', () => {
    fc.assert(
      fc.property(v1ConfigArbitrary, fc.array(stepArbitrary, { maxLength: 30 }), membershipsArbitrary, fc.nat(NOWS.length - 1), (config, steps, groups, nowIndex) => {
        const now = NOWS[nowIndex] ?? new Date();
        const { issue, release, linked } = applySteps(config, steps);
        const snapshot: GateSnapshot = { ...issue.snapshot(), linked };
        const migrated = migrateConfig(config);
        const records = readRecordsV2(migrated, { issueId: '10001', properties: snapshot.properties, digests: snapshot.digests, linked, ...(snapshot.written !== undefined && { written: snapshot.written }) });
        // The validator re-reads everyone's groups when the project re-checks approvers; the panel does not.
        const everyone = [...PEOPLE, 'acc-admin'];
        const memberships = Object.fromEntries(everyone.map((person, i) => [person, groups[i] ?? []]));
        const approverGroups: ApproverGroups = new Map(Object.entries(memberships));
        const atTransition = config.policies.recheckApproversAtTransition;
        for (const stage of config.stages) {
          for (const recheck of atTransition ? [false, true] : [false]) {
            const before = evaluateStage(config, stage.key, snapshot, now, recheck ? { approverGroups } : {});
            const after = evaluateStageV2({ config: migrated, ticket: ticketOf(release), records, ...(recheck && { memberships }) }, stage.key, now);
            const verdictOf = (v: typeof before | typeof after) => ({
              allowed: v.allowed,
              overridden: v.overridden,
              missing: v.missing,
              reasons: v.reasons,
              message: v.message,
              freeze: v.freeze,
              exception: v.exception,
              checks: v.checks,
              numbers: v.numbers.map((n) => [n.key, n.state, n.reason]),
              questions: v.questions.map((q) => [q.key, q.state]),
            });
            expect(verdictOf(after)).toEqual(verdictOf(before));
            // Per team, the same state and words, except that a ticket-wide approval that counts says so (issue 13).
            const teamsAfter = after.teams.map((t) => ({ team: t.team, state: t.state, departedApprover: t.departedApprover, reason: t.legacy && t.state === 'approved' && t.reason.endsWith(LEGACY) ? t.reason.slice(0, -LEGACY.length) : t.reason }));
            expect(teamsAfter).toEqual(before.teams.map((t) => ({ team: t.team, state: t.state, departedApprover: t.departedApprover, reason: t.reason })));
            for (const team of after.teams) {
              const ticketWide = team.state === 'approved' && records.legacy[team.team] !== undefined && team.approvals.some((a) => a.state === 'counts' && a.legacy);
              expect(team.legacy).toBe(ticketWide);
              if (ticketWide) expect(team.reason.endsWith(LEGACY)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads a record the app wrote as v1 exactly as v1 digested it', () => {
    const config = GateConfigSchema.parse({
      teams: [{ key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'] }],
      stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['cee'] }],
    } satisfies GateConfigInput);
    const record: GateRecord = { kind: 'decision', issueId: '10001', team: 'cee', decision: 'approved', by: 'acc-cee', via: 'golive-cee', at: '2026-03-01T09:00:00.000Z', covers: {} };
    const records = readRecordsV2(migrateConfig(config), { issueId: '10001', properties: { [teamProperty('cee')]: record }, digests: { [teamProperty('cee')]: digestOf(record) } });
    expect(records.legacy['cee']).toEqual(record);
  });
});
