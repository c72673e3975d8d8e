import type { GateConfigV2, GateConfigV2Input } from './config';
import { GateConfigV2Schema } from './config';
import { evaluateAllV2, evaluateStageV2 } from './evaluate';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY } from '../records';
import { decisionProperty, legacyTeamProperty, passProperty, waiverProperty } from './records';
import type { ApprovalView, ItemVerdict, NumberVerdictV2, TeamVerdictV2, VerdictV2 } from './verdict';

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const PANEL = { kind: 'panel' } as const;
const T2 = '2026-03-02T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');
const EXPIRY = '2026-03-31T09:00:00.000Z';

const smallConfig = (change: (input: GateConfigV2Input) => void = () => undefined): GateConfigV2 => {
  const input: GateConfigV2Input = {
    schemaVersion: 2,
    teams: [
      { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'] },
      { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'] },
      {
        key: 'layered-sre',
        name: 'Layered SRE',
        area: 'service-support',
        groups: ['golive-layered-sre'],
        applies: { when: 'if-present', condition: { anyOf: [{ field: 'labels', is: 'layered-sre' }] } },
      },
    ],
    stages: [
      { key: 'promote', name: 'Promote to prod', teams: [{ team: 'sre-p' }] },
      {
        key: 'go-live',
        name: 'Go live',
        teams: [{ team: 'sre-p', minApprovals: 2 }, { team: 'cee' }, { team: 'layered-sre' }],
        numbers: ['capacity'],
        approvalLifetimeDays: 30,
        waiverLifetimeDays: 14,
      },
    ],
    numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', min: 1, signedOffBy: 'sre-p' }],
    items: [
      { key: 'signal', section: 'Go-live signal', text: 'Go-live signal', kind: 'choice', options: ['AMS quota reconcile', 'Free with OSD', 'Free overall'], requiredFor: ['go-live'], reviewedBy: 'cee' },
      { key: 'slis', section: 'Go-live criteria', text: 'Demonstrated SLIs', kind: 'checkbox', requiredFor: ['go-live'], reviewedBy: 'sre-p' },
      { key: 'runbook', section: 'Operations', text: 'Runbook', kind: 'link', requiredFor: ['go-live'] },
    ],
    policies: { overrideGroups: ['golive-overriders'] },
  };
  change(input);
  return GateConfigV2Schema.parse(input);
};

const CONFIG = smallConfig();
const NAMES: Record<string, string> = { 'sre-p': 'SRE-P', cee: 'CEE', 'layered-sre': 'Layered SRE' };

/** Numbers and answers recorded by the PM at T0. */
const recorded = (config: GateConfigV2 = CONFIG, ticket = {}): IssueFixtureV2 =>
  new IssueFixtureV2(config, ticket)
    .recordNumbers({ capacity: 500 }, T0)
    .answer({ signal: 'Free overall', slis: true, runbook: 'https://runbooks.example.com/addon' }, T0);

/** Everything go-live needs, approved at T0: SRE-P twice, CEE once; Layered SRE is not on the ticket. */
const readyIssue = (config: GateConfigV2 = CONFIG, ticket = {}): IssueFixtureV2 =>
  recorded(config, ticket).approve('go-live', 'sre-p', T0).approve('go-live', 'sre-p', T0, { by: 'acc-sre-p2' }).approve('go-live', 'cee', T0);

const counts = (team: string, by = `acc-${team}`, at = T0, extra: Partial<ApprovalView> = {}): ApprovalView => ({
  by,
  at,
  via: `golive-${team}`,
  stage: 'go-live',
  legacy: false,
  state: 'counts',
  reason: `${NAMES[team] ?? team} approved ${at === T2 ? '1 day ago' : '2 days ago'}`,
  ...extra,
});

const REQUIRED = { status: 'required', reason: 'required on every ticket' } as const;
const LAYERED_OPTIONAL = 'not required on this ticket: Layered SRE takes part only if present (once it decides or the label is layered-sre)';

function team(key: string, parts: Partial<TeamVerdictV2> & Pick<TeamVerdictV2, 'state' | 'reason'>): TeamVerdictV2 {
  return {
    team: key,
    name: NAMES[key] ?? key,
    area: 'service-support',
    needed: key === 'sre-p' ? 2 : 1,
    have: 0,
    approvals: [],
    declines: [],
    applicability: REQUIRED,
    legacy: false,
    ...parts,
  };
}

const SRE_P_READY = team('sre-p', {
  state: 'approved',
  reason: 'SRE-P approved (2 of 2)',
  have: 2,
  approvals: [counts('sre-p'), counts('sre-p', 'acc-sre-p2')],
  decision: { decision: 'approved', by: 'acc-sre-p2', at: T0, source: PANEL },
});
const CEE_READY = team('cee', { state: 'approved', reason: 'CEE approved 2 days ago', have: 1, approvals: [counts('cee')], decision: { decision: 'approved', by: 'acc-cee', at: T0, source: PANEL } });
const LAYERED_ABSENT = team('layered-sre', { state: 'not-required', reason: LAYERED_OPTIONAL, applicability: { status: 'not-required', reason: LAYERED_OPTIONAL } });

const CAPACITY: NumberVerdictV2 = { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'recorded', value: 500, recordedBy: 'acc-pm', reason: 'Capacity: 500 customers' };
const ITEMS: ItemVerdict[] = [
  { key: 'signal', section: 'Go-live signal', kind: 'choice', text: 'Go-live signal', state: 'answered', value: 'Free overall', answeredBy: 'acc-pm', reason: '"Go-live signal" is answered' },
  { key: 'slis', section: 'Go-live criteria', kind: 'checkbox', text: 'Demonstrated SLIs', state: 'answered', value: true, answeredBy: 'acc-pm', reason: '"Demonstrated SLIs" is ticked' },
  { key: 'runbook', section: 'Operations', kind: 'link', text: 'Runbook', state: 'answered', value: 'https://runbooks.example.com/addon', answeredBy: 'acc-pm', reason: '"Runbook" is answered' },
];
const READY_RELIED = [
  ANSWERS_PROPERTY,
  NUMBERS_PROPERTY,
  decisionProperty('go-live', 'cee', 'acc-cee'),
  decisionProperty('go-live', 'sre-p', 'acc-sre-p'),
  decisionProperty('go-live', 'sre-p', 'acc-sre-p2'),
].sort();

/** The whole go-live verdict of the ready ticket, with the given parts changed; `teams` replaces team verdicts by key. */
function verdict(parts: Partial<Omit<VerdictV2, 'teams'>> & { teams?: Record<string, TeamVerdictV2> } = {}): VerdictV2 {
  const { teams = {}, ...rest } = parts;
  const blocked = parts.allowed === false ? { relied: [] } : {};
  const result: VerdictV2 = {
    stage: 'go-live',
    stageName: 'Go live',
    allowed: true,
    overridden: false,
    teams: [teams['sre-p'] ?? SRE_P_READY, teams['cee'] ?? CEE_READY, teams['layered-sre'] ?? LAYERED_ABSENT],
    numbers: [CAPACITY],
    questions: ITEMS,
    missing: [],
    reasons: [],
    message: 'Go live: ready',
    gated: true,
    relied: READY_RELIED,
    changesAt: EXPIRY,
    ...blocked,
    ...rest,
  };
  return JSON.parse(JSON.stringify(result)) as VerdictV2;
}

interface Case {
  readonly name: string;
  readonly config?: GateConfigV2;
  readonly issue: () => IssueFixtureV2;
  readonly stage?: string;
  readonly now?: Date;
  readonly memberships?: Record<string, string[]>;
  readonly expected: VerdictV2;
}

const srePending = (
  have: number,
  approvals: ApprovalView[],
  reason = `SRE-P has ${have} of 2 approvals`,
  decision?: TeamVerdictV2['decision'],
  state: TeamVerdictV2['state'] = 'pending',
): TeamVerdictV2 => team('sre-p', { state, reason, have, approvals, ...(decision && { decision }) });

const cases: Case[] = [
  { name: 'lets go-live through when SRE-P has 2 of 2, CEE approved, capacity is recorded and every item is answered', issue: () => readyIssue(), expected: verdict() },
  {
    name: 'blocks go-live while SRE-P has 1 of 2 approvals, and says so in the message',
    issue: () => recorded().approve('go-live', 'sre-p', T0).approve('go-live', 'cee', T0),
    expected: verdict({
      allowed: false,
      teams: { 'sre-p': srePending(1, [counts('sre-p')], undefined, { decision: 'approved', by: 'acc-sre-p', at: T0, source: PANEL }) },
      missing: ['SRE-P'],
      reasons: ['SRE-P has 1 of 2 approvals'],
      message: 'Go live blocked: waiting on SRE-P (1 of 2)',
    }),
  },
  {
    name: "does not count SRE-P's promote-to-prod sign-off as its go-live sign-off",
    issue: () => recorded().approve('promote', 'sre-p', T0).approve('promote', 'sre-p', T0, { by: 'acc-sre-p2' }).approve('go-live', 'cee', T0),
    expected: verdict({ allowed: false, teams: { 'sre-p': srePending(0, []) }, missing: ['SRE-P'], reasons: ['SRE-P has 0 of 2 approvals'], message: 'Go live blocked: waiting on SRE-P (0 of 2)' }),
  },
  {
    name: 'counts approvals of an earlier stage where the stage carries them over, and says where they came from',
    config: smallConfig((c) => {
      const goLive = c.stages[1];
      if (goLive) goLive.carryOver = ['promote'];
    }),
    issue: () => {
      const config = smallConfig((c) => {
        const goLive = c.stages[1];
        if (goLive) goLive.carryOver = ['promote'];
      });
      return recorded(config).approve('promote', 'sre-p', T0).approve('promote', 'sre-p', T0, { by: 'acc-sre-p2' }).approve('go-live', 'cee', T0);
    },
    expected: verdict({
      teams: {
        'sre-p': {
          ...SRE_P_READY,
          approvals: [
            counts('sre-p', 'acc-sre-p', T0, { stage: 'promote', carriedFrom: 'promote', reason: 'SRE-P approved 2 days ago at Promote to prod' }),
            counts('sre-p', 'acc-sre-p2', T0, { stage: 'promote', carriedFrom: 'promote', reason: 'SRE-P approved 2 days ago at Promote to prod' }),
          ],
        },
      },
      relied: [ANSWERS_PROPERTY, NUMBERS_PROPERTY, decisionProperty('go-live', 'cee', 'acc-cee'), decisionProperty('promote', 'sre-p', 'acc-sre-p'), decisionProperty('promote', 'sre-p', 'acc-sre-p2')].sort(),
    }),
  },
  {
    name: 'counts a v1 ticket-wide approval for the stage, flagged as given before approvals were per stage',
    issue: () => recorded().approve('go-live', 'sre-p', T0).approve('go-live', 'sre-p', T0, { by: 'acc-sre-p2' }).legacyDecide('cee', 'approved', T0),
    expected: verdict({
      teams: {
        cee: {
          ...CEE_READY,
          reason: 'CEE approved 2 days ago, before approvals were per stage',
          approvals: [counts('cee', 'acc-cee', T0, { legacy: true, reason: 'CEE approved 2 days ago, before approvals were per stage' })],
          legacy: true,
          // A v1 record written before decisions said where they were given (issue 15) names no source.
          decision: { decision: 'approved', by: 'acc-cee', at: T0 },
        },
      },
      relied: [...READY_RELIED.filter((k) => !k.includes('.cee.')), legacyTeamProperty('cee')].sort(),
    }),
  },
  {
    name: "lets an approver's own decision for the stage replace their v1 ticket-wide approval",
    issue: () => readyIssue().legacyDecide('cee', 'approved', T0).revoke('go-live', 'cee', T1),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', { state: 'pending', reason: 'CEE revoked its decision', decision: { decision: 'revoked', by: 'acc-cee', at: T1, source: PANEL } }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'requires Layered SRE on a ticket labelled layered-sre',
    issue: () => readyIssue(CONFIG, { labels: ['layered-sre'] }),
    expected: verdict({
      allowed: false,
      teams: {
        'layered-sre': team('layered-sre', {
          state: 'pending',
          reason: 'Layered SRE has not decided yet',
          applicability: { status: 'required', reason: 'required: the label is layered-sre' },
        }),
      },
      missing: ['Layered SRE'],
      reasons: ['Layered SRE has not decided yet'],
      message: 'Go live blocked: waiting on Layered SRE',
    }),
  },
  {
    name: 'requires Layered SRE once it has taken part, even without the label, so its decline blocks',
    issue: () => readyIssue().decline('go-live', 'layered-sre', T1, 'Upgrade policy not agreed'),
    expected: verdict({
      allowed: false,
      teams: {
        'layered-sre': team('layered-sre', {
          state: 'declined',
          reason: 'Layered SRE declined: Upgrade policy not agreed',
          declines: [{ by: 'acc-layered-sre', at: T1, legacy: false, comment: 'Upgrade policy not agreed' }],
          decision: { decision: 'declined', by: 'acc-layered-sre', at: T1, source: PANEL, comment: 'Upgrade policy not agreed' },
          applicability: { status: 'required', reason: 'required: Layered SRE has taken part on this ticket' },
        }),
      },
      missing: ['Layered SRE'],
      reasons: ['Layered SRE declined: Upgrade policy not agreed'],
      message: 'Go live blocked: declined by Layered SRE',
    }),
  },
  {
    name: 'lets go-live through when Layered SRE is waived as not applicable, and says when the waiver runs out',
    issue: () => readyIssue(CONFIG, { labels: ['layered-sre'] }).waive({ kind: 'team', key: 'layered-sre' }, T2, 'No layered SRE team runs this add-on'),
    expected: verdict({
      teams: {
        'layered-sre': team('layered-sre', {
          state: 'waived',
          reason: 'Layered SRE waived by acc-layered-sre 1 day ago: No layered SRE team runs this add-on',
          applicability: {
            status: 'waived',
            reason: 'Layered SRE waived by acc-layered-sre 1 day ago: No layered SRE team runs this add-on',
            waiver: { by: 'acc-layered-sre', at: T2, reason: 'No layered SRE team runs this add-on', expiresAt: '2026-03-16T09:00:00.000Z' },
          },
        }),
      },
      relied: [...READY_RELIED, waiverProperty({ kind: 'team', key: 'layered-sre' })].sort(),
      changesAt: '2026-03-16T09:00:00.000Z',
    }),
  },
  {
    name: 'requires Layered SRE again once its waiver has expired',
    issue: () => readyIssue(CONFIG, { labels: ['layered-sre'] }).waive({ kind: 'team', key: 'layered-sre' }, T0, 'No layered SRE team runs this add-on'),
    now: new Date('2026-03-16T09:00:00.000Z'),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': { ...SRE_P_READY, approvals: [counts('sre-p', 'acc-sre-p', T0, { reason: 'SRE-P approved 15 days ago' }), counts('sre-p', 'acc-sre-p2', T0, { reason: 'SRE-P approved 15 days ago' })] },
        cee: { ...CEE_READY, reason: 'CEE approved 15 days ago', approvals: [counts('cee', 'acc-cee', T0, { reason: 'CEE approved 15 days ago' })] },
        'layered-sre': team('layered-sre', {
          state: 'pending',
          reason: 'Layered SRE has not decided yet',
          applicability: { status: 'required', reason: 'required: the label is layered-sre; the waiver by acc-layered-sre expired after 14 days at Go live' },
        }),
      },
      missing: ['Layered SRE'],
      reasons: ['Layered SRE has not decided yet'],
      message: 'Go live blocked: waiting on Layered SRE',
    }),
  },
  {
    name: 'requires Layered SRE again once its waiver is withdrawn',
    issue: () => readyIssue(CONFIG, { labels: ['layered-sre'] }).withdrawWaiver({ kind: 'team', key: 'layered-sre' }, T2, 'A layered SRE team took the add-on on'),
    expected: verdict({
      allowed: false,
      teams: { 'layered-sre': team('layered-sre', { state: 'pending', reason: 'Layered SRE has not decided yet', applicability: { status: 'required', reason: 'required: the label is layered-sre' } }) },
      missing: ['Layered SRE'],
      reasons: ['Layered SRE has not decided yet'],
      message: 'Go live blocked: waiting on Layered SRE',
    }),
  },
  {
    name: 'lets a waived number and a waived item through without a value',
    issue: () =>
      new IssueFixtureV2(CONFIG)
        .answer({ signal: 'Free overall', slis: true }, T0)
        .approve('go-live', 'sre-p', T0)
        .approve('go-live', 'sre-p', T0, { by: 'acc-sre-p2' })
        .approve('go-live', 'cee', T0)
        .waive({ kind: 'number', key: 'capacity' }, T2, 'Free add-on without a customer limit', { by: 'acc-admin', via: 'golive-overriders' })
        .waive({ kind: 'item', key: 'runbook' }, T2, 'Runbook lives with the platform team', { by: 'acc-admin', via: 'golive-overriders' }),
    expected: verdict({
      numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', state: 'waived', reason: 'Capacity waived by acc-admin 1 day ago: Free add-on without a customer limit' }],
      questions: [
        ...ITEMS.slice(0, 2),
        { key: 'runbook', section: 'Operations', kind: 'link', text: 'Runbook', state: 'waived', reason: '"Runbook" waived by acc-admin 1 day ago: Runbook lives with the platform team' },
      ],
      relied: [
        ANSWERS_PROPERTY,
        ...READY_RELIED.filter((k) => k !== ANSWERS_PROPERTY && k !== NUMBERS_PROPERTY),
        waiverProperty({ kind: 'number', key: 'capacity' }),
        waiverProperty({ kind: 'item', key: 'runbook' }),
      ].sort(),
      changesAt: '2026-03-16T09:00:00.000Z',
    }),
  },
  {
    name: 'lets a ticket outside the scope through and says why',
    config: smallConfig((c) => (c.scope = { issueTypes: ['SKU go-live'], labels: [] })),
    issue: () => new IssueFixtureV2(smallConfig((c) => (c.scope = { issueTypes: ['SKU go-live'], labels: [] })), { issueType: 'Bug' }),
    expected: {
      stage: 'go-live',
      stageName: 'Go live',
      allowed: true,
      overridden: false,
      teams: [],
      numbers: [],
      questions: [],
      missing: [],
      reasons: ['Go-Live Gate does not apply to Bug tickets in SKU'],
      message: 'Go-Live Gate does not apply to Bug tickets in SKU',
      gated: false,
      relied: [],
    },
  },
  {
    name: 'does not count the approval of the SRE-P member who recorded the capacity SRE-P signs off',
    issue: () =>
      new IssueFixtureV2(CONFIG)
        .recordNumbers({ capacity: 500 }, T0, 'acc-sre-p')
        .answer({ signal: 'Free overall', slis: true, runbook: 'https://runbooks.example.com/addon' }, T0)
        .approve('go-live', 'sre-p', T0)
        .approve('go-live', 'sre-p', T0, { by: 'acc-sre-p2' })
        .approve('go-live', 'cee', T0),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': srePending(
          1,
          [
            counts('sre-p', 'acc-sre-p', T0, {
              state: 'recorder',
              reason: "SRE-P's approval by acc-sre-p does not count: they recorded capacity, which SRE-P signs off; another approver for SRE-P must approve",
            }),
            counts('sre-p', 'acc-sre-p2'),
          ],
          "SRE-P has 1 of 2 approvals; SRE-P's approval by acc-sre-p does not count: they recorded capacity, which SRE-P signs off; another approver for SRE-P must approve",
          { decision: 'approved', by: 'acc-sre-p2', at: T0, source: PANEL },
        ),
      },
      numbers: [{ ...CAPACITY, recordedBy: 'acc-sre-p' }],
      missing: ['SRE-P'],
      reasons: ["SRE-P has 1 of 2 approvals; SRE-P's approval by acc-sre-p does not count: they recorded capacity, which SRE-P signs off; another approver for SRE-P must approve"],
      message: 'Go live blocked: waiting on SRE-P (1 of 2)',
    }),
  },
  {
    name: 'judges the reporter rule against the current reporter: an approver who became the reporter no longer counts',
    issue: () => readyIssue().withTicket({ reporterAccountId: 'acc-cee' }),
    expected: verdict({
      allowed: false,
      teams: {
        cee: team('cee', {
          state: 'pending',
          reason: "CEE was approved by the ticket's reporter, which does not count; another approver for CEE must approve",
          approvals: [counts('cee', 'acc-cee', T0, { state: 'reporter', reason: "CEE was approved by the ticket's reporter, which does not count; another approver for CEE must approve" })],
          decision: { decision: 'approved', by: 'acc-cee', at: T0, source: PANEL },
        }),
      },
      missing: ['CEE'],
      reasons: ["CEE was approved by the ticket's reporter, which does not count; another approver for CEE must approve"],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'at the transition, does not count an approver who has left the group they approved through, and names them',
    issue: () => readyIssue(),
    memberships: { 'acc-cee': ['jira-users'], 'acc-sre-p': ['golive-sre-p'] },
    expected: verdict({
      allowed: false,
      teams: {
        cee: team('cee', {
          state: 'pending',
          reason: "CEE's approval by acc-cee no longer counts: acc-cee is not in golive-cee any more; an approver for CEE can approve again",
          approvals: [counts('cee', 'acc-cee', T0, { state: 'left-group', reason: "CEE's approval by acc-cee no longer counts: acc-cee is not in golive-cee any more; an approver for CEE can approve again" })],
          decision: { decision: 'approved', by: 'acc-cee', at: T0, source: PANEL },
          departedApprover: 'acc-cee',
        }),
      },
      missing: ['CEE'],
      reasons: ["CEE's approval by acc-cee no longer counts: acc-cee is not in golive-cee any more; an approver for CEE can approve again"],
      message: 'Go live blocked: approver left CEE (acc-cee)',
    }),
  },
  {
    name: 'blocks SRE-P, at every stage, when the numbers it signs off were deleted outside the app (an untrusted covered record never revives an approval)',
    stage: 'promote',
    issue: () => readyIssue().approve('promote', 'sre-p', T0).recordNumbers({ capacity: 800 }, T1).deleteProperty(NUMBERS_PROPERTY),
    expected: {
      stage: 'promote',
      stageName: 'Promote to prod',
      allowed: false,
      overridden: false,
      teams: [
        team('sre-p', {
          needed: 1,
          state: 'unverified',
          integrity: 'deleted',
          reason: "SRE-P's approval covers the numbers, which were deleted outside the app; record the numbers again",
          approvals: [
            counts('sre-p', 'acc-sre-p', T0, {
              stage: 'promote',
              state: 'coverage-unverified',
              reason: "SRE-P's approval covers the numbers, which were deleted outside the app; record the numbers again",
            }),
          ],
          decision: { decision: 'approved', by: 'acc-sre-p', at: T0, source: PANEL },
        }),
      ],
      numbers: [],
      questions: [],
      missing: ['SRE-P'],
      reasons: ["SRE-P's approval covers the numbers, which were deleted outside the app; record the numbers again"],
      message: 'Promote to prod blocked: unverified record for SRE-P',
      gated: true,
      relied: [],
    },
  },
  {
    name: 'ignores a forged decision when enough trusted approvals remain, and reports it when it is all there is',
    issue: () => readyIssue().setProperty(decisionProperty('go-live', 'cee', 'acc-mallory'), { kind: 'decision', forged: true }).setProperty(decisionProperty('go-live', 'layered-sre', 'acc-x'), { forged: true }),
    expected: verdict({
      allowed: false,
      teams: {
        'layered-sre': team('layered-sre', {
          state: 'unverified',
          integrity: 'no-digest',
          reason: "Layered SRE's decision was not written by the app; an approver for Layered SRE can re-affirm",
          applicability: { status: 'required', reason: 'required: Layered SRE has taken part on this ticket' },
        }),
      },
      missing: ['Layered SRE'],
      reasons: ["Layered SRE's decision was not written by the app; an approver for Layered SRE can re-affirm"],
      message: 'Go live blocked: unverified record for Layered SRE',
    }),
  },
  {
    // Found by the reference model: deleting the property of one approver's decline let the others' approvals pass.
    name: "blocks a team whose approver's decline was deleted outside the app, even with enough approvals from the others",
    issue: () => readyIssue().decline('go-live', 'sre-p', T1, 'Capacity too high for the on-call rota', { by: 'acc-sre-p3' }).deleteProperty(decisionProperty('go-live', 'sre-p', 'acc-sre-p3')),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': {
          ...SRE_P_READY,
          state: 'unverified',
          integrity: 'deleted',
          reason: "SRE-P has 2 of 2 approvals; SRE-P's decision was deleted outside the app; the approver who gave it can re-affirm",
        },
      },
      missing: ['SRE-P'],
      reasons: ["SRE-P has 2 of 2 approvals; SRE-P's decision was deleted outside the app; the approver who gave it can re-affirm"],
      message: 'Go live blocked: unverified record for SRE-P (2 of 2)',
    }),
  },
  {
    name: 'blocks on a decline by one approver even when the team has enough approvals',
    issue: () => readyIssue().decline('go-live', 'sre-p', T1, 'Capacity too high for the on-call rota', { by: 'acc-sre-p3' }),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': {
          ...SRE_P_READY,
          state: 'declined',
          reason: 'SRE-P declined: Capacity too high for the on-call rota',
          declines: [{ by: 'acc-sre-p3', at: T1, legacy: false, comment: 'Capacity too high for the on-call rota' }],
          decision: { decision: 'declined', by: 'acc-sre-p3', at: T1, source: PANEL, comment: 'Capacity too high for the on-call rota' },
        },
      },
      missing: ['SRE-P'],
      reasons: ['SRE-P declined: Capacity too high for the on-call rota'],
      message: 'Go live blocked: declined by SRE-P',
    }),
  },
  {
    name: 'counts one person for one team only, across stages',
    issue: () => readyIssue().approve('promote', 'cee', T0, { by: 'acc-both', via: 'golive-cee' }).approve('go-live', 'sre-p', T1, { by: 'acc-both' }).revoke('go-live', 'sre-p', T1, { by: 'acc-sre-p2' }),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': srePending(
          1,
          [counts('sre-p'), counts('sre-p', 'acc-both', T1, { state: 'other-team', reason: "SRE-P's approval does not count: the same person already approved for CEE" })],
          "SRE-P has 1 of 2 approvals; SRE-P's approval does not count: the same person already approved for CEE",
          { decision: 'revoked', by: 'acc-sre-p2', at: T1, source: PANEL },
        ),
      },
      missing: ['SRE-P'],
      reasons: ["SRE-P has 1 of 2 approvals; SRE-P's approval does not count: the same person already approved for CEE"],
      message: 'Go live blocked: waiting on SRE-P (1 of 2)',
    }),
  },
  {
    name: 'makes SRE-P stale when the capacity it signed off changes, and only SRE-P',
    issue: () => readyIssue().recordNumbers({ capacity: 800 }, T1),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': srePending(
          0,
          [
            counts('sre-p', 'acc-sre-p', T0, { state: 'stale', reason: 'The numbers changed after SRE-P approved; SRE-P must approve again' }),
            counts('sre-p', 'acc-sre-p2', T0, { state: 'stale', reason: 'The numbers changed after SRE-P approved; SRE-P must approve again' }),
          ],
          'SRE-P has 0 of 2 approvals; The numbers changed after SRE-P approved; SRE-P must approve again',
          { decision: 'approved', by: 'acc-sre-p2', at: T0, source: PANEL },
          'stale',
        ),
      },
      numbers: [{ ...CAPACITY, value: 800, reason: 'Capacity: 800 customers' }],
      missing: ['SRE-P'],
      reasons: ['SRE-P has 0 of 2 approvals; The numbers changed after SRE-P approved; SRE-P must approve again'],
      message: 'Go live blocked: re-approval needed from SRE-P (0 of 2)',
    }),
  },
  {
    name: 'blocks an unticked checkbox, an option that is not offered and a link that is not http(s)',
    issue: () => readyIssue().answer({ signal: 'Free for everyone', slis: false, runbook: 'wiki page' }, T1, 'acc-pm').approve('go-live', 'cee', T1).approve('go-live', 'sre-p', T1).approve('go-live', 'sre-p', T1, { by: 'acc-sre-p2' }),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': { ...SRE_P_READY, approvals: [counts('sre-p', 'acc-sre-p', T1), counts('sre-p', 'acc-sre-p2', T1)], decision: { decision: 'approved', by: 'acc-sre-p2', at: T1, source: PANEL } },
        cee: { ...CEE_READY, approvals: [counts('cee', 'acc-cee', T1)], decision: { decision: 'approved', by: 'acc-cee', at: T1, source: PANEL } },
      },
      questions: [
        { ...ITEMS[0], state: 'invalid', value: 'Free for everyone', reason: '"Go-live signal": the answer is not one of the options' } as ItemVerdict,
        { ...ITEMS[1], state: 'unanswered', value: false, reason: '"Demonstrated SLIs" is not ticked' } as ItemVerdict,
        { ...ITEMS[2], state: 'invalid', value: 'wiki page', reason: '"Runbook": the answer is not an http(s) link' } as ItemVerdict,
      ],
      missing: ['1 checklist item not ticked', '2 answers invalid'],
      changesAt: '2026-03-31T10:00:00.000Z',
      reasons: ['Go-live criteria: 1 of 1 item not ticked', '"Go-live signal": the answer is not one of the options', '"Runbook": the answer is not an http(s) link'],
      message: 'Go live blocked: 1 checklist item not ticked; 2 answers invalid',
    }),
  },
  {
    name: 'does not let an override with an invisible justification open the stage',
    issue: () => recorded().override('go-live', '\u200b'.repeat(40), T1),
    expected: verdict({
      allowed: false,
      teams: { 'sre-p': srePending(0, []), cee: team('cee', { state: 'pending', reason: 'CEE has not decided yet' }) },
      missing: ['SRE-P', 'CEE'],
      reasons: [
        'SRE-P has 0 of 2 approvals',
        'CEE has not decided yet',
        'The override of Go live by acc-admin does not count: its justification has 0 letters in 0 words, not 20 letters in 3 words',
      ],
      message: 'Go live blocked: waiting on SRE-P (0 of 2), CEE',
      changesAt: undefined,
    }),
  },
  {
    name: 'lets an override in words open the stage and relies on it',
    issue: () => recorded().override('go-live', 'Launch agreed with the VP; CEE signs off next week', T1),
    expected: verdict({
      overridden: true,
      teams: { 'sre-p': srePending(0, []), cee: team('cee', { state: 'pending', reason: 'CEE has not decided yet' }) },
      override: { kind: 'override', issueId: '10001', stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at: T1, justification: 'Launch agreed with the VP; CEE signs off next week' },
      missing: ['SRE-P', 'CEE'],
      reasons: ['SRE-P has 0 of 2 approvals', 'CEE has not decided yet', 'Go live was overridden by acc-admin: Launch agreed with the VP; CEE signs off next week'],
      message: 'Go live: overridden',
      relied: [ANSWERS_PROPERTY, NUMBERS_PROPERTY, 'golive-gate.override.go-live'],
      changesAt: undefined,
    }),
  },
  {
    name: 'keeps a passed stage passed, judged as it stood then, while the ticket has not gone back',
    issue: () => readyIssue().pass('go-live', T2, { relied: READY_RELIED }),
    now: new Date('2026-06-01T09:00:00.000Z'),
    expected: verdict({
      teams: {
        'sre-p': { ...SRE_P_READY, approvals: [counts('sre-p', 'acc-sre-p', T0, { reason: 'SRE-P approved 1 day ago' }), counts('sre-p', 'acc-sre-p2', T0, { reason: 'SRE-P approved 1 day ago' })] },
        cee: { ...CEE_READY, reason: 'CEE approved 1 day ago', approvals: [counts('cee', 'acc-cee', T0, { reason: 'CEE approved 1 day ago' })] },
      },
      reasons: ['Go live passed on 2026-03-02 when acc-pm moved the ticket; its decisions are read-only until the ticket moves back'],
      message: 'Go live: passed on 2026-03-02',
      passed: { at: T2, by: 'acc-pm', configVersion: 0, overridden: false },
      relied: [...READY_RELIED, passProperty('go-live')].sort(),
      changesAt: undefined,
    }),
  },
  {
    name: 'judges a passed stage afresh once the ticket is back in the status the transition left',
    issue: () => readyIssue().pass('go-live', T2, { relied: READY_RELIED }).withTicket({ statusId: '10001' }).revoke('go-live', 'cee', '2026-03-02T10:00:00.000Z'),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', { state: 'pending', reason: 'CEE revoked its decision', decision: { decision: 'revoked', by: 'acc-cee', at: '2026-03-02T10:00:00.000Z', source: PANEL } }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'does not trust a pass record written outside the app',
    issue: () => {
      const issue = recorded().pass('go-live', T2);
      return issue.setProperty(passProperty('go-live'), { ...(issue.property(passProperty('go-live')) as object), at: T1 });
    },
    expected: verdict({
      allowed: false,
      teams: { 'sre-p': srePending(0, []), cee: team('cee', { state: 'pending', reason: 'CEE has not decided yet' }) },
      missing: ['SRE-P', 'CEE'],
      reasons: ['SRE-P has 0 of 2 approvals', 'CEE has not decided yet'],
      message: 'Go live blocked: waiting on SRE-P (0 of 2), CEE',
      changesAt: undefined,
    }),
  },
  {
    name: 'lets approvals expire after the stage lifetime, and says so',
    issue: () => readyIssue(),
    now: new Date('2026-03-31T09:00:01.000Z'),
    expected: (() => {
      const expired = (teamKey: string, by: string): ApprovalView =>
        counts(teamKey, by, T0, { state: 'expired', reason: `${NAMES[teamKey] ?? teamKey}'s approval expired: approvals count for 30 days at Go live` });
      return verdict({
        allowed: false,
        teams: {
          'sre-p': srePending(0, [expired('sre-p', 'acc-sre-p'), expired('sre-p', 'acc-sre-p2')], "SRE-P has 0 of 2 approvals; SRE-P's approval expired: approvals count for 30 days at Go live", { decision: 'approved', by: 'acc-sre-p2', at: T0, source: PANEL }, 'expired'),
          cee: team('cee', { state: 'expired', reason: "CEE's approval expired: approvals count for 30 days at Go live", approvals: [expired('cee', 'acc-cee')], decision: { decision: 'approved', by: 'acc-cee', at: T0, source: PANEL } }),
        },
        missing: ['SRE-P', 'CEE'],
        reasons: ["SRE-P has 0 of 2 approvals; SRE-P's approval expired: approvals count for 30 days at Go live", "CEE's approval expired: approvals count for 30 days at Go live"],
        message: 'Go live blocked: approval expired for SRE-P (0 of 2), CEE',
        changesAt: undefined,
      });
    })(),
  },
];

describe('evaluateStageV2', () => {
  it.each(cases)('$name', ({ config = CONFIG, issue, stage = 'go-live', now = NOW, memberships, expected }) => {
    const actual = evaluateStageV2(issue().facts(memberships), stage, now);
    expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(evaluateAllV2(issue().facts(memberships), now).find((v) => v.stage === stage)).toEqual(actual);
    expect(config.stages.some((s) => s.key === stage)).toBe(true);
  });

  it('names the stages that exist when asked for one that does not', () => {
    expect(() => evaluateStageV2(readyIssue().facts(), 'ga', NOW)).toThrow('No stage has the key "ga"; this gate has the stages "promote", "go-live"');
  });
});

describe('evaluateStageV2 with an item every team agrees to (the go-live signal)', () => {
  const agreed = smallConfig((input) => {
    const signal = input.items?.find((i) => i.key === 'signal');
    if (signal !== undefined) signal.agreedByEveryTeam = true;
  });
  const stateOf = (verdict: VerdictV2, key: string): string | undefined => verdict.teams.find((t) => t.team === key)?.state;

  it('re-opens every go-live team when the go-live signal changes, not only the team that reviews it', () => {
    const verdict = evaluateStageV2(readyIssue(agreed).answer({ signal: 'Free with OSD' }, T1).facts(), 'go-live', NOW);
    expect(verdict.allowed).toBe(false);
    expect(stateOf(verdict, 'cee')).toBe('stale');
    expect(stateOf(verdict, 'sre-p')).toBe('stale');
    expect(verdict.teams.find((t) => t.team === 'sre-p')?.approvals.map((a) => a.reason)).toEqual([
      'The answers SRE-P agreed to changed after it approved; SRE-P must approve again',
      'The answers SRE-P agreed to changed after it approved; SRE-P must approve again',
    ]);
    expect(verdict.teams.find((t) => t.team === 'cee')?.approvals.map((a) => a.reason)).toEqual(['The answers CEE reviews changed after it approved; CEE must approve again']);
  });

  it('re-opens a team the item names among those that agree, as well as the reviewer', () => {
    const named = smallConfig((input) => {
      const signal = input.items?.find((i) => i.key === 'signal');
      if (signal !== undefined) signal.agreedBy = ['sre-p'];
    });
    const verdict = evaluateStageV2(readyIssue(named).answer({ signal: 'Free with OSD' }, T1).facts(), 'go-live', NOW);
    expect(stateOf(verdict, 'cee')).toBe('stale');
    expect(stateOf(verdict, 'sre-p')).toBe('stale');
  });

  it('re-opens only the reviewing team when the item is not agreed by every team', () => {
    const verdict = evaluateStageV2(readyIssue().answer({ signal: 'Free with OSD' }, T1).facts(), 'go-live', NOW);
    expect(stateOf(verdict, 'cee')).toBe('stale');
    expect(stateOf(verdict, 'sre-p')).toBe('approved');
  });

  it('passes again once every team has approved the new signal', () => {
    const changed = readyIssue(agreed).answer({ signal: 'Free with OSD' }, T1);
    const reapproved = changed.approve('go-live', 'sre-p', T2).approve('go-live', 'sre-p', T2, { by: 'acc-sre-p2' }).approve('go-live', 'cee', T2);
    expect(evaluateStageV2(reapproved.facts(), 'go-live', NOW).allowed).toBe(true);
  });

  it('re-opens an agreeing team at an earlier stage too: an approval covers its answers ticket-wide, as every covered answer', () => {
    const promoted = recorded(agreed).approve('promote', 'sre-p', T0).answer({ signal: 'Free with OSD' }, T1);
    expect(stateOf(evaluateStageV2(promoted.facts(), 'promote', NOW), 'sre-p')).toBe('stale');
  });
});

describe('evaluateStageV2 with approvers from a ticket field', () => {
  const config = GateConfigV2Schema.parse({
    schemaVersion: 2,
    fieldNames: { customfield_10070: 'Owning SIG' },
    teams: [
      {
        key: 'owning-sig',
        name: 'Owning SIG',
        area: 'engineering',
        approversFrom: { field: 'customfield_10070', kind: 'select', groups: { 'sig-node': ['golive-sig-node'], 'sig-apps': ['golive-sig-apps'] } },
      },
    ],
    stages: [{ key: 'alpha', name: 'Alpha', teams: [{ team: 'owning-sig' }] }],
  } satisfies GateConfigV2Input);
  const nodeApproval = (): IssueFixtureV2 =>
    new IssueFixtureV2(config, { fields: { customfield_10070: ['sig-node'] } }).approve('alpha', 'owning-sig', T0, { by: 'acc-node' });
  const approval = (state: ApprovalView['state'], reason: string): ApprovalView => ({ by: 'acc-node', at: T0, via: 'golive-sig-node', stage: 'alpha', legacy: false, state, reason });
  const alpha = (teamVerdict: Partial<TeamVerdictV2> & Pick<TeamVerdictV2, 'state' | 'reason'>, rest: Partial<VerdictV2>): VerdictV2 => ({
    stage: 'alpha',
    stageName: 'Alpha',
    allowed: false,
    overridden: false,
    teams: [
      {
        team: 'owning-sig',
        name: 'Owning SIG',
        area: 'engineering',
        needed: 1,
        have: 0,
        approvals: [],
        declines: [],
        applicability: REQUIRED,
        legacy: false,
        decision: { decision: 'approved', by: 'acc-node', at: T0, source: PANEL },
        ...teamVerdict,
      },
    ],
    numbers: [],
    questions: [],
    missing: ['Owning SIG'],
    reasons: [teamVerdict.reason],
    message: 'Alpha blocked: waiting on Owning SIG',
    gated: true,
    relied: [],
    ...rest,
  });

  it.each([
    {
      name: 'counts an approval through the group the ticket\'s Owning SIG names',
      issue: nodeApproval,
      expected: alpha(
        { state: 'approved', reason: 'Owning SIG approved 2 days ago', have: 1, approvals: [approval('counts', 'Owning SIG approved 2 days ago')] },
        { allowed: true, missing: [], reasons: [], message: 'Alpha: ready', relied: [decisionProperty('alpha', 'owning-sig', 'acc-node')] },
      ),
    },
    {
      name: 'stops counting it once the Owning SIG field names another SIG',
      issue: () => nodeApproval().withTicket({ fields: { customfield_10070: ['sig-apps'] } }),
      expected: alpha(
        {
          state: 'pending',
          reason: "Owning SIG's approval came through golive-sig-node, which no longer acts for Owning SIG; an approver for Owning SIG can approve again",
          approvals: [approval('not-an-approver', "Owning SIG's approval came through golive-sig-node, which no longer acts for Owning SIG; an approver for Owning SIG can approve again")],
        },
        {},
      ),
    },
    {
      name: 'says that the field is empty when it no longer names a SIG',
      issue: () => nodeApproval().withTicket({ fields: {} }),
      expected: alpha(
        {
          state: 'pending',
          reason:
            "Owning SIG's approval came through golive-sig-node, which no longer acts for Owning SIG (Owning SIG is not set on this ticket); an approver for Owning SIG can approve again",
          approvals: [
            approval(
              'not-an-approver',
              "Owning SIG's approval came through golive-sig-node, which no longer acts for Owning SIG (Owning SIG is not set on this ticket); an approver for Owning SIG can approve again",
            ),
          ],
          approverProblem: 'Owning SIG is not set on this ticket',
        },
        { message: 'Alpha blocked: waiting on Owning SIG (Owning SIG is not set on this ticket)' },
      ),
    },
  ])('$name', ({ issue, expected }) => {
    expect(JSON.parse(JSON.stringify(evaluateStageV2(issue().facts(), 'alpha', NOW)))).toEqual(expected);
  });
});

describe('evaluateStageV2 on a stage that requires nothing', () => {
  it('blocks it and asks a project admin to add a requirement (only a migrated v1 configuration can hold one)', () => {
    const config: GateConfigV2 = { ...CONFIG, stages: [...CONFIG.stages, { key: 'ga', name: 'GA', description: '', teams: [], numbers: [], carryOver: [] }] };
    expect(evaluateStageV2(new IssueFixtureV2(config).facts(), 'ga', NOW)).toEqual({
      stage: 'ga',
      stageName: 'GA',
      allowed: false,
      overridden: false,
      teams: [],
      numbers: [],
      questions: [],
      missing: ['the stage requires nothing'],
      reasons: ['GA requires nothing, so it lets no ticket through; a project admin must add a team, a number or an item'],
      message: 'GA blocked: the stage requires nothing',
      gated: true,
      relied: [],
    });
  });
});
