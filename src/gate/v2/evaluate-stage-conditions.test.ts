import type { CheckRecord, FreezeException, PlaybookRecord, TeamDecision } from '../records';
import { PLAYBOOK_PROPERTY, checkProperty, exceptionProperty, overrideProperty, teamProperty } from '../records';
import { answersDigest } from '../playbook-rules';
import type { TargetVersion } from '../target-release';
import type { GateConfigV2, GateConfigV2Input } from './config';
import { GateConfigV2Schema } from './config';
import { evaluateStageV2 } from './evaluate';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { readRecordsV2 } from './read-records';
import { decisionProperty, legacyTeamProperty, recordDigest } from './records';
import type { StageDecision } from './records';
import type { ApprovalView, TeamVerdictV2, VerdictV2 } from './verdict';

/**
 * The rules model v1 enforced that model v2 took over (freezes and their exceptions, the target release, the playbook,
 * team `since`, required checks, linked approvals, merge-request staleness, the re-check at the transition), each
 * asserted as a whole verdict, in v1's words.
 */

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');
const SHA_OLD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const SHA_NEW = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const RELEASE_20: TargetVersion = { id: '10001', name: '2.0', releaseDate: '2026-03-10' };
const RELEASE_21: TargetVersion = { id: '10002', name: '2.1', releaseDate: '2026-04-10' };

type StageInput = GateConfigV2Input['stages'][number];

const configWith = (stage: Partial<StageInput> = {}, change: (input: GateConfigV2Input) => void = () => undefined): GateConfigV2 => {
  const input: GateConfigV2Input = {
    schemaVersion: 2,
    version: 7,
    teams: [
      { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'] },
      { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'] },
    ],
    stages: [{ key: 'go-live', name: 'Go live', teams: [{ team: 'cee' }], ...stage }],
    numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', signedOffBy: 'sre-p' }],
    policies: { overrideGroups: ['golive-overriders'] },
  };
  change(input);
  return GateConfigV2Schema.parse(input);
};

const REQUIRED = { status: 'required', reason: 'required on every ticket' } as const;

const approval = (state: ApprovalView['state'], reason: string, extra: Partial<ApprovalView> = {}): ApprovalView => ({
  by: 'acc-cee',
  at: T0,
  via: 'golive-cee',
  stage: 'go-live',
  legacy: false,
  state,
  reason,
  ...extra,
});

function cee(state: TeamVerdictV2['state'], reason: string, approvals: ApprovalView[], extra: Partial<TeamVerdictV2> = {}): TeamVerdictV2 {
  const counting = approvals.filter((a) => a.state === 'counts').length;
  return {
    team: 'cee',
    name: 'CEE',
    area: 'service-support',
    state,
    reason,
    needed: 1,
    have: counting,
    approvals,
    declines: [],
    applicability: REQUIRED,
    legacy: false,
    ...(approvals[0] !== undefined && { decision: { decision: 'approved', by: approvals[0].by, at: approvals[0].at, ...(approvals[0].linkedIssue === undefined ? { source: { kind: 'panel' } } : { linkedIssue: approvals[0].linkedIssue }) } }),
    ...extra,
  };
}

const CEE_COUNTS = approval('counts', 'CEE approved 2 days ago');
const CEE_APPROVED = cee('approved', 'CEE approved 2 days ago', [CEE_COUNTS]);

/** The whole go-live verdict: allowed with CEE approved unless the parts say otherwise. */
function goLive(parts: Partial<VerdictV2>): VerdictV2 {
  const blocked = parts.allowed === false ? { relied: [] } : {};
  return JSON.parse(
    JSON.stringify({
      stage: 'go-live',
      stageName: 'Go live',
      allowed: true,
      overridden: false,
      teams: [CEE_APPROVED],
      numbers: [],
      questions: [],
      missing: [],
      reasons: [],
      message: 'Go live: ready',
      gated: true,
      relied: [decisionProperty('go-live', 'cee', 'acc-cee')],
      ...blocked,
      ...parts,
    }),
  ) as VerdictV2;
}

/** A v2 decision as the app writes it, with the fields of issues 10, 15 and 16 that the fixture leaves out. */
const PULL_REQUEST = { kind: 'github', url: 'https://github.com/org/addon/pull/3', headSha: SHA_OLD } as const;

const ceeDecision = (extra: Partial<StageDecision> = {}): StageDecision => ({
  kind: 'decision',
  schemaVersion: 2,
  issueId: '10001',
  stage: 'go-live',
  team: 'cee',
  decision: 'approved',
  by: 'acc-cee',
  via: 'golive-cee',
  viaSource: 'team-group',
  source: { kind: 'panel' },
  at: T0,
  covers: {},
  ...extra,
});

const exception = (release: string): FreezeException => ({
  kind: 'exception',
  issueId: '10001',
  stage: 'go-live',
  by: 'acc-rm',
  via: 'golive-release',
  at: T1,
  justification: 'Security fix agreed with the release managers',
  release,
});

const check = (extra: Partial<CheckRecord> = {}): CheckRecord => ({
  kind: 'check',
  issueId: '10001',
  name: 'osd-e2e',
  state: 'passed',
  url: 'https://ci.example.com/jobs/4',
  source: { kind: 'gitlab', url: 'https://gitlab.example.com/addons/mr/12', headSha: SHA_OLD },
  by: 'GitLab',
  at: T1,
  ...extra,
});

interface Case {
  readonly name: string;
  readonly config: GateConfigV2;
  readonly issue: (config: GateConfigV2) => IssueFixtureV2;
  readonly now?: Date;
  readonly memberships?: Record<string, string[]>;
  readonly expected: VerdictV2;
}

const FREEZE = { freeze: { daysBeforeRelease: 7, exceptionGroups: ['golive-release'] } };
const FROZEN_AT = new Date('2026-03-05T09:00:00.000Z');
const FREEZE_SHOWN = { deadline: '2026-03-03T00:00:00.000Z', release: '2.0', frozen: true };
const FROZEN_REASON = 'Go live froze on 2026-03-03, 7 days before release 2.0; a member of golive-release can grant an exception with a justification';
const approvedAtFreeze = cee('approved', 'CEE approved 4 days ago', [approval('counts', 'CEE approved 4 days ago')]);

const cases: Case[] = [
  {
    name: 'blocks a frozen stage and says who can grant an exception',
    config: configWith(FREEZE),
    issue: (config) => new IssueFixtureV2(config, { targetRelease: [RELEASE_20] }).approve('go-live', 'cee', T0),
    now: FROZEN_AT,
    expected: goLive({ allowed: false, teams: [approvedAtFreeze], missing: ['frozen since 2026-03-03'], reasons: [FROZEN_REASON], message: 'Go live blocked: frozen since 2026-03-03', freeze: FREEZE_SHOWN }),
  },
  {
    name: 'lets a stage through before its freeze, and says when the verdict changes',
    config: configWith(FREEZE),
    issue: (config) => new IssueFixtureV2(config, { targetRelease: [RELEASE_20] }).approve('go-live', 'cee', T0),
    now: new Date('2026-03-02T09:00:00.000Z'),
    expected: goLive({
      teams: [cee('approved', 'CEE approved 1 day ago', [approval('counts', 'CEE approved 1 day ago')])],
      freeze: { ...FREEZE_SHOWN, frozen: false },
      changesAt: '2026-03-03T00:00:00.000Z',
    }),
  },
  {
    name: 'lets a frozen stage through with an exception granted for the target release, and relies on it',
    config: configWith(FREEZE),
    issue: (config) => new IssueFixtureV2(config, { targetRelease: [RELEASE_20] }).approve('go-live', 'cee', T0).writeAt(exceptionProperty('go-live'), exception('10001')),
    now: FROZEN_AT,
    expected: goLive({
      teams: [approvedAtFreeze],
      reasons: ['Go live is frozen since 2026-03-03; acc-rm granted an exception: Security fix agreed with the release managers'],
      freeze: FREEZE_SHOWN,
      exception: { by: 'acc-rm', at: T1, justification: 'Security fix agreed with the release managers' },
      relied: [decisionProperty('go-live', 'cee', 'acc-cee'), exceptionProperty('go-live')].sort(),
    }),
  },
  {
    name: 'does not count a freeze exception granted for another release',
    config: configWith(FREEZE),
    issue: (config) => new IssueFixtureV2(config, { targetRelease: [RELEASE_20] }).approve('go-live', 'cee', T0).writeAt(exceptionProperty('go-live'), exception('10002')),
    now: FROZEN_AT,
    expected: goLive({
      allowed: false,
      teams: [approvedAtFreeze],
      missing: ['frozen since 2026-03-03'],
      reasons: ['The freeze exception of Go live by acc-rm does not count: it was granted for another release', FROZEN_REASON],
      message: 'Go live blocked: frozen since 2026-03-03',
      freeze: FREEZE_SHOWN,
    }),
  },
  {
    name: 'does not count a freeze exception changed outside the app',
    config: configWith(FREEZE),
    issue: (config) =>
      new IssueFixtureV2(config, { targetRelease: [RELEASE_20] })
        .approve('go-live', 'cee', T0)
        .writeAt(exceptionProperty('go-live'), exception('10002'))
        .setProperty(exceptionProperty('go-live'), exception('10001')),
    now: FROZEN_AT,
    expected: goLive({
      allowed: false,
      teams: [approvedAtFreeze],
      missing: ['frozen since 2026-03-03'],
      reasons: ['The freeze exception of Go live was changed outside the app and does not count', FROZEN_REASON],
      message: 'Go live blocked: frozen since 2026-03-03',
      freeze: FREEZE_SHOWN,
    }),
  },
  {
    name: 'blocks a stage that requires a release while the ticket targets none',
    config: configWith({ requiresRelease: true }),
    issue: (config) => new IssueFixtureV2(config).write(ceeDecision({ covers: { release: '' } })),
    expected: goLive({ allowed: false, missing: ['no target release'], reasons: ['Go live needs the ticket to target a release: set its Fix version'], message: 'Go live blocked: no target release' }),
  },
  {
    name: 'asks CEE to approve again when the target release changed after it approved',
    config: configWith({ requiresRelease: true }),
    issue: (config) => new IssueFixtureV2(config, { targetRelease: [RELEASE_21] }).write(ceeDecision({ covers: { release: '10001' } })),
    expected: goLive({
      allowed: false,
      teams: [cee('stale', 'The target release changed after CEE approved; CEE must approve again', [approval('stale', 'The target release changed after CEE approved; CEE must approve again')])],
      missing: ['CEE'],
      reasons: ['The target release changed after CEE approved; CEE must approve again'],
      message: 'Go live blocked: re-approval needed from CEE',
    }),
  },
  {
    name: 'counts an approval that covers the release the ticket still targets',
    config: configWith({ requiresRelease: true }),
    issue: (config) => new IssueFixtureV2(config, { targetRelease: [RELEASE_20] }).write(ceeDecision({ covers: { release: '10001' } })),
    expected: goLive({}),
  },
  {
    name: 'blocks a stage that requires a playbook until one is generated',
    config: configWith({ requirePlaybook: true }),
    issue: (config) => new IssueFixtureV2(config).approve('go-live', 'cee', T0),
    expected: goLive({ allowed: false, missing: ['playbook not generated'], reasons: ['Go live needs a playbook: generate it in the panel'], message: 'Go live blocked: playbook not generated' }),
  },
  {
    name: 'lets a stage that requires a playbook through with a current one, and relies on it',
    config: configWith({ requirePlaybook: true }),
    issue: (config) => {
      const playbook: PlaybookRecord = { kind: 'playbook', issueId: '10001', attachmentId: '20001', fileName: 'playbook.md', sha256: 'c'.repeat(64), answersDigest: answersDigest(undefined), by: 'acc-pm', at: T1 };
      return new IssueFixtureV2(config).approve('go-live', 'cee', T0).writeAt(PLAYBOOK_PROPERTY, playbook);
    },
    expected: goLive({ relied: [decisionProperty('go-live', 'cee', 'acc-cee'), PLAYBOOK_PROPERTY].sort() }),
  },
  {
    name: 'does not count an approval given before its team was added back to the gate',
    config: configWith({}, (c) => {
      const team = c.teams[0];
      if (team) team.since = 5;
    }),
    issue: (config) => new IssueFixtureV2(config).write(ceeDecision({ configVersion: 3 })),
    expected: goLive({
      allowed: false,
      teams: [
        cee('pending', "CEE's approval was given before CEE was added back to the gate; an approver for CEE must approve again", [
          approval('before-team', "CEE's approval was given before CEE was added back to the gate; an approver for CEE must approve again"),
        ]),
      ],
      missing: ['CEE'],
      reasons: ["CEE's approval was given before CEE was added back to the gate; an approver for CEE must approve again"],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'keeps an approval given before its team was added back when the project lets re-added teams keep them',
    config: configWith({}, (c) => {
      const team = c.teams[0];
      if (team) team.since = 5;
      c.policies = { ...c.policies, reAddedTeamsKeepApprovals: true };
    }),
    issue: (config) => new IssueFixtureV2(config).write(ceeDecision({ configVersion: 3 })),
    expected: goLive({}),
  },
  {
    name: 'lets a stage through when its required check passed for the head commit, and relies on the result',
    config: configWith({ requiredChecks: ['osd-e2e'] }),
    issue: (config) => new IssueFixtureV2(config).approve('go-live', 'cee', T0).writeAt(checkProperty('osd-e2e'), check()),
    expected: goLive({
      checks: [{ name: 'osd-e2e', state: 'passed', url: 'https://ci.example.com/jobs/4', change: { provider: 'gitlab', url: 'https://gitlab.example.com/addons/mr/12', headSha: SHA_OLD }, reason: 'osd-e2e passed for a1b2c3d' }],
      relied: [checkProperty('osd-e2e'), decisionProperty('go-live', 'cee', 'acc-cee')].sort(),
    }),
  },
  {
    name: 'blocks a stage whose required check passed only for an older commit',
    config: configWith({ requiredChecks: ['osd-e2e'] }),
    issue: (config) => new IssueFixtureV2(config).approve('go-live', 'cee', T0).writeAt(checkProperty('osd-e2e'), check({ headMoved: { headSha: SHA_NEW, at: T1 } })),
    expected: goLive({
      allowed: false,
      checks: [
        {
          name: 'osd-e2e',
          state: 'stale',
          url: 'https://ci.example.com/jobs/4',
          change: { provider: 'gitlab', url: 'https://gitlab.example.com/addons/mr/12', headSha: SHA_OLD },
          reason: 'osd-e2e passed for a1b2c3d, but the merge request has new commits since (9f8e7d6); it must pass for the new head',
        },
      ],
      missing: ['check osd-e2e is for an old commit'],
      reasons: ['osd-e2e passed for a1b2c3d, but the merge request has new commits since (9f8e7d6); it must pass for the new head'],
      message: 'Go live blocked: check osd-e2e is for an old commit',
    }),
  },
  {
    name: 'blocks a stage whose required check has not run',
    config: configWith({ requiredChecks: ['osd-e2e'] }),
    issue: (config) => new IssueFixtureV2(config).approve('go-live', 'cee', T0),
    expected: goLive({
      allowed: false,
      checks: [{ name: 'osd-e2e', state: 'missing', reason: "osd-e2e has not reported a result for the ticket's merge or pull request" }],
      missing: ['check osd-e2e has not run'],
      reasons: ["osd-e2e has not reported a result for the ticket's merge or pull request"],
      message: 'Go live blocked: check osd-e2e has not run',
    }),
  },
  {
    name: 'asks for a new approval when the merge request an approval came from has new commits',
    config: configWith(),
    issue: (config) => new IssueFixtureV2(config).write(ceeDecision({ source: PULL_REQUEST, headMoved: { headSha: SHA_NEW, at: T1 } })),
    expected: goLive({
      allowed: false,
      teams: [
        cee(
          'stale',
          "CEE's approval was for commit a1b2c3d of the pull request, which has new commits since; an approver for CEE must approve again",
          [approval('stale', "CEE's approval was for commit a1b2c3d of the pull request, which has new commits since; an approver for CEE must approve again")],
          { decision: { decision: 'approved', by: 'acc-cee', at: T0, source: PULL_REQUEST } },
        ),
      ],
      missing: ['CEE'],
      reasons: ["CEE's approval was for commit a1b2c3d of the pull request, which has new commits since; an approver for CEE must approve again"],
      message: 'Go live blocked: re-approval needed from CEE',
    }),
  },
  {
    name: 'at the transition, does not count an override whose author left the override groups',
    config: configWith(),
    issue: (config) => new IssueFixtureV2(config).override('go-live', 'Launch agreed with the VP; CEE signs off next week', T1),
    memberships: { 'acc-admin': ['jira-users'] },
    expected: goLive({
      allowed: false,
      teams: [cee('pending', 'CEE has not decided yet', [])],
      missing: ['CEE'],
      reasons: ['CEE has not decided yet', 'The override of Go live by acc-admin does not count: acc-admin is not in golive-overriders any more'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'lets a stage through on an override whose author is still an overrider at the transition, and relies on it',
    config: configWith(),
    issue: (config) => new IssueFixtureV2(config).override('go-live', 'Launch agreed with the VP; CEE signs off next week', T1),
    memberships: { 'acc-admin': ['golive-overriders'] },
    expected: goLive({
      overridden: true,
      teams: [cee('pending', 'CEE has not decided yet', [])],
      override: { kind: 'override', issueId: '10001', stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at: T1, justification: 'Launch agreed with the VP; CEE signs off next week' },
      missing: ['CEE'],
      reasons: ['CEE has not decided yet', 'Go live was overridden by acc-admin: Launch agreed with the VP; CEE signs off next week'],
      message: 'Go live: overridden',
      relied: [overrideProperty('go-live')],
    }),
  },
];

describe('evaluateStageV2 judges what model v1 judged', () => {
  it.each(cases)('$name', ({ issue, config, now = NOW, memberships, expected }) => {
    const actual = evaluateStageV2(issue(config).facts(memberships), 'go-live', now);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
  });

  it('reads check records only for the checks some stage requires', () => {
    const config = configWith();
    const records = new IssueFixtureV2(config).writeAt(checkProperty('osd-e2e'), check()).records();
    expect(records.checks).toBeUndefined();
    expect(records.unverified).toEqual([]);
  });
});

describe('evaluateStageV2 with approvals on linked tickets', () => {
  const config = configWith({ teams: [{ team: 'cee' }, { team: 'sre-p' }] }, (c) => {
    c.linkedApprovals = { linkType: 'Relates' };
  });
  /** SKU-7, linked to the ticket, where both teams approved ticket-wide as the app wrote it there. */
  const linkedTicket = () => {
    const approvalThere = (team: string): TeamDecision => ({ kind: 'decision', issueId: '10007', team, decision: 'approved', by: `acc-${team}`, via: `golive-${team}`, at: T0, covers: {} });
    const properties = { [teamProperty('cee')]: approvalThere('cee'), [teamProperty('sre-p')]: approvalThere('sre-p') };
    const digests = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, recordDigest(value)]));
    return { issue: { id: '10007', key: 'SKU-7' }, properties, digests };
  };
  const factsWith = (issue: IssueFixtureV2) => ({ ...issue.facts(), records: readRecordsV2(config, { ...issue.snapshot(), linked: [linkedTicket()] }) });

  it("counts a linked ticket's approval for a team that covers nothing here, and refuses it for one that signs off this ticket's numbers", () => {
    const verdict = evaluateStageV2(factsWith(new IssueFixtureV2(config)), 'go-live', NOW);
    const linkedCoverage = "SRE-P approved on SKU-7, but it signs off this ticket's numbers, answers or release, which that approval does not cover; an approver for SRE-P must approve here";
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(
      goLive({
        allowed: false,
        teams: [
          cee('approved', 'CEE approved on SKU-7 2 days ago', [approval('counts', 'CEE approved on SKU-7 2 days ago', { linkedIssue: 'SKU-7' })]),
          {
            ...cee('pending', linkedCoverage, [approval('linked-coverage', linkedCoverage, { by: 'acc-sre-p', via: 'golive-sre-p', linkedIssue: 'SKU-7' })]),
            team: 'sre-p',
            name: 'SRE-P',
          },
        ],
        missing: ['SRE-P'],
        reasons: [linkedCoverage],
        message: 'Go live blocked: waiting on SRE-P',
      }),
    );
  });

  it("prefers the team's own decision here to a linked approval, and counts the linked one after a revoke made before it", () => {
    const declined = evaluateStageV2(factsWith(new IssueFixtureV2(config).decline('go-live', 'cee', T0, 'Support cover is missing')), 'go-live', NOW);
    expect(declined.teams[0]).toMatchObject({ state: 'declined', reason: 'CEE declined: Support cover is missing' });
    const revoked = evaluateStageV2(factsWith(new IssueFixtureV2(config).revoke('go-live', 'cee', '2026-02-28T09:00:00.000Z')), 'go-live', NOW);
    expect(revoked.teams[0]).toMatchObject({ state: 'approved', reason: 'CEE approved on SKU-7 2 days ago' });
  });

  it('does not count a linked approval in place of a decision here the app cannot trust', () => {
    const tampered = new IssueFixtureV2(config).legacyDecide('cee', 'declined', T0, { comment: 'No' }).setProperty(legacyTeamProperty('cee'), { forged: true });
    const verdict = evaluateStageV2(factsWith(tampered), 'go-live', NOW);
    expect(verdict.teams[0]).toMatchObject({ state: 'unverified', reason: "CEE's decision is not a record the app wrote; an approver for CEE can re-affirm" });
  });
});
