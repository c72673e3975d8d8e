import fc from 'fast-check';
import type { GateConfig, GateConfigInput } from '../../src/gate/config';
import { GateConfigSchema } from '../../src/gate/config';
import { answersDigest } from '../../src/gate/playbook-rules';
import { exceptionRecord } from '../../src/gate/record-builders';
import type { AnswersRecord, GateSnapshot, TeamDecision } from '../../src/gate/records';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, PLAYBOOK_PROPERTY, checkProperty, exceptionProperty, overrideProperty, teamProperty } from '../../src/gate/records';
import { checkRecordOf } from '../../src/gate/required-checks';
import type { TargetVersion } from '../../src/gate/target-release';
import { releaseKeyOf } from '../../src/gate/target-release';
import { IssueFixture } from './issue-fixture';

/**
 * Random v1 configurations and the records today's main writes for a ticket under them, for property tests of the
 * migration to gate model v2: legacy team decisions (with their configuration version, release and merge-request
 * source), numbers, answers, overrides, freeze exceptions, required checks, playbooks, approvals on a linked ticket,
 * and tampering by anyone with edit rights.
 */

const TEAM_KEYS = ['sre-p', 'cee', 'ocm-pm', 'mt-sre'] as const;
const STAGE_KEYS = ['promote', 'go-live', 'ga'] as const;
export const PEOPLE = ['acc-a', 'acc-b', 'acc-both', 'acc-pm'] as const;
const TIMES = ['2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-02T09:00:00.000Z', '2026-03-03T08:00:00.000Z'];
export const NOWS = [new Date('2026-03-03T09:00:00.000Z'), new Date('2026-03-06T09:00:00.000Z')];
const RELEASES: readonly (readonly TargetVersion[])[] = [[], [{ id: '10001', name: '2.0', releaseDate: '2026-03-08' }], [{ id: '10002', name: '2.1' }]];
const JUSTIFICATIONS = ['Launch agreed with the VP; CEE signs off next week', 'too short', 'Customer escalation approved by the director'];
const SHA_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SHA_B = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const MR = 'https://gitlab.example.com/addons/mr/12';

const stageArbitrary = fc.record({
  teams: fc.uniqueArray(fc.nat(TEAM_KEYS.length - 1), { minLength: 1, maxLength: TEAM_KEYS.length }),
  numbers: fc.subarray(['capacity', 'velocity']),
  lifetime: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  requiresRelease: fc.boolean(),
  freeze: fc.option(fc.record({ daysBeforeRelease: fc.integer({ min: 0, max: 6 }), exceptionGroups: fc.subarray(['golive-release']) }), { nil: undefined }),
  requirePlaybook: fc.boolean(),
  requiredChecks: fc.boolean(),
});

export const v1ConfigArbitrary: fc.Arbitrary<GateConfig> = fc
  .record({
    teamCount: fc.integer({ min: 1, max: TEAM_KEYS.length }),
    since: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: TEAM_KEYS.length, maxLength: TEAM_KEYS.length }),
    stages: fc.array(stageArbitrary, { minLength: 1, maxLength: STAGE_KEYS.length }),
    signers: fc.array(fc.nat(TEAM_KEYS.length - 1), { minLength: 2, maxLength: 2 }),
    questions: fc.array(fc.record({ stages: fc.subarray([0, 1, 2]), reviewer: fc.option(fc.nat(TEAM_KEYS.length - 1), { nil: undefined }) }), { maxLength: 3 }),
    reporterMayApprove: fc.boolean(),
    onePersonOneTeam: fc.boolean(),
    reAddedTeamsKeepApprovals: fc.boolean(),
    recheckApproversAtTransition: fc.boolean(),
    linked: fc.boolean(),
  })
  .map((c) => {
    const teams = TEAM_KEYS.slice(0, c.teamCount);
    const stages = STAGE_KEYS.slice(0, c.stages.length);
    const team = (index: number): string => teams[index % teams.length] ?? 'sre-p';
    return GateConfigSchema.parse({
      version: 3,
      teams: teams.map((key, t) => ({ key, name: key.toUpperCase(), area: 'service-support', groups: [`golive-${key}`, `${key}-leads`], ...(c.since[t] !== undefined && { since: c.since[t] }) })),
      stages: stages.map((key, s) => {
        const stage = c.stages[s];
        return {
          key,
          name: `Stage ${key}`,
          requiredTeams: [...new Set((stage?.teams ?? [0]).map(team))],
          requiredNumbers: stage?.numbers ?? [],
          ...(stage?.lifetime !== undefined && { approvalLifetimeDays: stage.lifetime }),
          ...(stage?.requiresRelease === true && { requiresRelease: true }),
          ...(stage?.freeze !== undefined && { freeze: stage.freeze }),
          ...(stage?.requirePlaybook === true && { requirePlaybook: true }),
          ...(stage?.requiredChecks === true && { requiredChecks: ['osd-e2e'] }),
        };
      }),
      numbers: [
        { key: 'capacity', label: 'Capacity', unit: 'customers', min: 1, max: 1000, signedOffBy: team(c.signers[0] ?? 0) },
        { key: 'velocity', label: 'Velocity', min: 0, signedOffBy: team(c.signers[1] ?? 0) },
      ],
      questions: c.questions.map((q, i) => ({
        key: `q${i}`,
        section: i % 2 === 0 ? 'Operations' : 'Monitoring',
        text: `Question ${i}?`,
        requiredFor: q.stages.flatMap((s) => (stages[s] === undefined ? [] : [stages[s]])),
        ...(q.reviewer !== undefined && { reviewedBy: team(q.reviewer) }),
      })),
      policies: {
        reporterMayApprove: c.reporterMayApprove,
        onePersonOneTeam: c.onePersonOneTeam,
        overrideGroups: ['golive-overriders'],
        reAddedTeamsKeepApprovals: c.reAddedTeamsKeepApprovals,
        recheckApproversAtTransition: c.recheckApproversAtTransition,
      },
      ...(c.linked && { linkedApprovals: { linkType: 'Relates' } }),
    } satisfies GateConfigInput);
  });

/** One thing that happens to a ticket under today's main. */
export type Step =
  | { kind: 'decide'; team: number; decision: 'approved' | 'declined' | 'revoked'; by: number; via: number; at: number; oldConfig: boolean; fromMr: 'no' | 'current' | 'moved' }
  | { kind: 'numbers'; capacity?: number | undefined; velocity?: number | undefined; at: number }
  | { kind: 'answer'; question: number; text: string; at: number }
  | { kind: 'override'; stage: number; justification: number; viaOverrideGroup: boolean; at: number }
  | { kind: 'release'; release: number }
  | { kind: 'exception'; stage: number; justification: number; viaExceptionGroup: boolean; forRelease: number; at: number }
  | { kind: 'check'; state: 'passed' | 'failed'; moved: boolean; at: number }
  | { kind: 'playbook'; current: boolean; at: number }
  | { kind: 'linked'; team: number; by: number; at: number }
  | { kind: 'tamper'; target: number; how: 'delete' | 'garbage' | 'other-issue' };

const at = fc.nat(TIMES.length - 1);
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('decide' as const), team: fc.nat(7), decision: fc.constantFrom('approved' as const, 'approved' as const, 'declined' as const, 'revoked' as const), by: fc.nat(PEOPLE.length - 1), via: fc.nat(2), at, oldConfig: fc.boolean(), fromMr: fc.constantFrom('no' as const, 'no' as const, 'current' as const, 'moved' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('numbers' as const), capacity: fc.option(fc.constantFrom(0, 1, 500, 5000, 2.5), { nil: undefined }), velocity: fc.option(fc.constantFrom(0, 20), { nil: undefined }), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('answer' as const), question: fc.nat(2), text: fc.constantFrom('', '   ', 'https://runbooks.example.com', 'yes'), at }) },
  fc.record({ kind: fc.constant('override' as const), stage: fc.nat(2), justification: fc.nat(JUSTIFICATIONS.length - 1), viaOverrideGroup: fc.boolean(), at }),
  fc.record({ kind: fc.constant('release' as const), release: fc.nat(RELEASES.length - 1) }),
  fc.record({ kind: fc.constant('exception' as const), stage: fc.nat(2), justification: fc.nat(JUSTIFICATIONS.length - 1), viaExceptionGroup: fc.boolean(), forRelease: fc.nat(RELEASES.length - 1), at }),
  fc.record({ kind: fc.constant('check' as const), state: fc.constantFrom('passed' as const, 'failed' as const), moved: fc.boolean(), at }),
  fc.record({ kind: fc.constant('playbook' as const), current: fc.boolean(), at }),
  fc.record({ kind: fc.constant('linked' as const), team: fc.nat(7), by: fc.nat(PEOPLE.length - 1), at }),
  fc.record({ kind: fc.constant('tamper' as const), target: fc.nat(30), how: fc.constantFrom('delete' as const, 'garbage' as const, 'other-issue' as const) }),
);

/** Who is in which group at the transition, when the project re-checks approvers. */
export const membershipsArbitrary = fc.array(fc.subarray(['golive-sre-p', 'sre-p-leads', 'golive-cee', 'golive-ocm-pm', 'golive-mt-sre', 'golive-overriders']), { minLength: PEOPLE.length + 1, maxLength: PEOPLE.length + 1 });

export interface Ticket {
  readonly issue: IssueFixture;
  readonly release: readonly TargetVersion[];
  readonly linked: NonNullable<GateSnapshot['linked']>;
}

/**
 * The ticket after the steps, as today's main writes it, with its fix versions and the linked ticket SKU-7.
 *
 * @example
 * const { issue, release, linked } = applySteps(config, [{ kind: 'release', release: 1 }]);
 */
export function applySteps(config: GateConfig, steps: readonly Step[]): Ticket {
  const issue = new IssueFixture(config);
  const other = new IssueFixture(config, { id: '20002', key: 'SKU-2' });
  const linkedTicket = new IssueFixture(config, { id: '10007', key: 'SKU-7', reporterAccountId: 'acc-pm' });
  let release: readonly TargetVersion[] = [];
  const time = (index: number): string => TIMES[index] ?? TIMES[0] ?? '';
  for (const step of steps) {
    switch (step.kind) {
      case 'decide': {
        const team = config.teams[step.team % config.teams.length];
        if (team === undefined) break;
        const via = [...team.groups, 'golive-removed'][step.via] ?? 'golive-removed';
        const options = { by: PEOPLE[step.by] ?? 'acc-a', via, ...(step.oldConfig && { configVersion: 1 }) };
        issue.decide(team.key, step.decision, time(step.at), options);
        other.decide(team.key, step.decision, time(step.at), options);
        if (step.fromMr !== 'no') {
          const decision = issue.property(teamProperty(team.key)) as TeamDecision;
          const moved = step.fromMr === 'moved' ? { headMoved: { headSha: SHA_B, at: time(step.at) } } : {};
          issue.write({ ...decision, source: { kind: 'gitlab', url: MR, headSha: SHA_A }, ...moved });
        }
        break;
      }
      case 'numbers':
        issue.recordNumbers({ ...(step.capacity !== undefined && { capacity: step.capacity }), ...(step.velocity !== undefined && { velocity: step.velocity }) }, time(step.at));
        break;
      case 'answer':
        issue.answer({ [`q${step.question}`]: step.text }, time(step.at));
        break;
      case 'override': {
        const stage = config.stages[step.stage % config.stages.length];
        if (stage !== undefined) issue.override(stage.key, JUSTIFICATIONS[step.justification] ?? '', time(step.at), { via: step.viaOverrideGroup ? 'golive-overriders' : 'jira-users' });
        break;
      }
      case 'release':
        release = RELEASES[step.release] ?? [];
        issue.targetRelease(release);
        break;
      case 'exception': {
        const stage = config.stages[step.stage % config.stages.length];
        const author = { issueId: '10001', by: 'acc-rm', at: time(step.at) };
        const via = step.viaExceptionGroup ? 'golive-release' : 'jira-users';
        if (stage !== undefined) issue.write(exceptionRecord(author, stage.key, via, JUSTIFICATIONS[step.justification] ?? '', releaseKeyOf(RELEASES[step.forRelease])));
        break;
      }
      case 'check': {
        const result = checkRecordOf({ issueId: '10001', name: 'osd-e2e', result: { name: 'osd-e2e', state: step.state }, change: { provider: 'gitlab', url: MR, headSha: SHA_A }, by: 'GitLab', at: time(step.at) }, undefined);
        if (result !== undefined) issue.write(step.moved ? { ...result, headMoved: { headSha: SHA_B, at: time(step.at) } } : result);
        break;
      }
      case 'playbook': {
        const answers = issue.property(ANSWERS_PROPERTY) as AnswersRecord | undefined;
        const digest = step.current ? answersDigest(answers) : 'f'.repeat(64);
        issue.write({ kind: 'playbook', issueId: '10001', attachmentId: '20001', fileName: 'playbook.md', sha256: 'c'.repeat(64), answersDigest: digest, by: 'acc-pm', at: time(step.at) });
        break;
      }
      case 'linked': {
        const team = config.teams[step.team % config.teams.length];
        if (team !== undefined) linkedTicket.approve(team.key, time(step.at), { by: PEOPLE[step.by] ?? 'acc-a' });
        break;
      }
      case 'tamper': {
        const keys = [
          NUMBERS_PROPERTY,
          ANSWERS_PROPERTY,
          PLAYBOOK_PROPERTY,
          checkProperty('osd-e2e'),
          ...config.teams.map((t) => teamProperty(t.key)),
          ...config.stages.flatMap((s) => [overrideProperty(s.key), exceptionProperty(s.key)]),
        ];
        const key = keys[step.target % keys.length] ?? NUMBERS_PROPERTY;
        if (step.how === 'delete') issue.deleteProperty(key);
        else if (step.how === 'garbage') issue.setProperty(key, { kind: 'decision', edited: true });
        else if (other.property(key) !== undefined) issue.setProperty(key, other.property(key));
        break;
      }
    }
  }
  const { issue: linkedIssue, properties, digests, written } = linkedTicket.snapshot();
  return { issue, release, linked: [{ issue: { id: linkedIssue.id, key: linkedIssue.key }, properties, digests, ...(written !== undefined && { written }) }] };
}
