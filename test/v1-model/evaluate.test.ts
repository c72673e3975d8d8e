import type { GateConfig, GateConfigInput } from '../../src/gate/config';
import { GateConfigSchema } from '../../src/gate/config';
import { approversOf, evaluateAll, evaluateStage, strictestStage } from '../support/v1-evaluate';
import { IssueFixture } from '../support/issue-fixture';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, overrideProperty, teamProperty } from '../../src/gate/records';
import type { TeamVerdict, Verdict } from '../../src/gate/verdict';
import { templateConfig } from '../support/v1-templates';

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-02T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');
const JUSTIFICATION = 'Launch agreed with the VP; CEE signs off next week';

const smallConfig = (change: (input: GateConfigInput) => void = () => undefined): GateConfig => {
  const input: GateConfigInput = {
    teams: [
      { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: ['golive-sre-p'] },
      { key: 'cee', name: 'CEE', area: 'service-support', groups: ['golive-cee'] },
      { key: 'ocm-pm', name: 'OCM PM', area: 'pm-biz', groups: ['golive-ocm-pm'] },
    ],
    stages: [{ key: 'go-live', name: 'Go live', requiredTeams: ['sre-p', 'cee', 'ocm-pm'], requiredNumbers: ['capacity', 'velocity'] }],
    numbers: [
      { key: 'capacity', label: 'Capacity', unit: 'customers', min: 1, max: 10000, signedOffBy: 'sre-p' },
      { key: 'velocity', label: 'Velocity', unit: 'new customers / week', min: 0, signedOffBy: 'sre-p' },
    ],
    questions: [{ key: 'runbook', section: 'Operations', text: 'Where is the runbook?', requiredFor: ['go-live'], reviewedBy: 'cee' }],
    policies: { overrideGroups: ['golive-overriders'] },
  };
  change(input);
  return GateConfigSchema.parse(input);
};

const CONFIG = smallConfig();
const NAMES: Record<string, [name: string, area: string]> = { 'sre-p': ['SRE-P', 'service-support'], cee: ['CEE', 'service-support'], 'ocm-pm': ['OCM PM', 'pm-biz'] };

/** The issue with numbers and answers recorded and every team approved at T0. */
function readyIssue(config: GateConfig = CONFIG): IssueFixture {
  return new IssueFixture(config)
    .recordNumbers({ capacity: 500, velocity: 20 }, T0)
    .answer({ runbook: 'https://runbooks.example.com/addon' }, T0)
    .approve('sre-p', T0)
    .approve('cee', T0)
    .approve('ocm-pm', T0);
}

function team(key: string, state: TeamVerdict['state'], reason: string, decision?: TeamVerdict['decision'], integrity?: TeamVerdict['integrity']): TeamVerdict {
  const [name, area] = NAMES[key] ?? [key, 'engineering'];
  return { team: key, name, area, state, ...(decision && { decision }), ...(integrity && { integrity }), reason };
}
const approvedBy = (key: string, by = `acc-${key}`, at = T0): TeamVerdict['decision'] => ({ decision: 'approved', by, at });
const approvedTeam = (key: string, ago = '2 days ago'): TeamVerdict => team(key, 'approved', `${NAMES[key]?.[0] ?? key} approved ${ago}`, approvedBy(key));

const NUMBERS_OK: Verdict['numbers'] = [
  { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'recorded', value: 500, reason: 'Capacity: 500 customers' },
  { key: 'velocity', label: 'Velocity', unit: 'new customers / week', state: 'recorded', value: 20, reason: 'Velocity: 20 new customers / week' },
];
const QUESTIONS_OK: Verdict['questions'] = [{ key: 'runbook', section: 'Operations', state: 'answered' }];

/** The whole verdict of the ready issue, with the given parts changed; `teams` replaces team verdicts by key. */
function verdict(parts: Partial<Omit<Verdict, 'teams'>> & { teams?: Record<string, TeamVerdict> } = {}): Verdict {
  const { teams = {}, ...rest } = parts;
  return {
    stage: 'go-live',
    stageName: 'Go live',
    allowed: true,
    overridden: false,
    teams: ['sre-p', 'cee', 'ocm-pm'].map((key) => teams[key] ?? approvedTeam(key)),
    numbers: NUMBERS_OK,
    questions: QUESTIONS_OK,
    missing: [],
    reasons: [],
    message: 'Go live: ready',
    ...rest,
  };
}

interface Case {
  readonly name: string;
  readonly config?: GateConfig;
  readonly issue: () => IssueFixture;
  readonly now?: Date;
  readonly expected: Verdict;
}

const ceePending = team('cee', 'pending', 'CEE has not decided yet');
const copiedApproval = (): unknown =>
  new IssueFixture(CONFIG, { id: '20002', key: 'SKU-2' }).answer({ runbook: 'https://runbooks.example.com/addon' }, T0).approve('cee', T0).property(teamProperty('cee'));

const cases: Case[] = [
  { name: 'passes when every team approved and every number and answer is recorded', issue: () => readyIssue(), expected: verdict() },
  {
    name: 'blocks go-live while CEE has not decided',
    issue: () =>
      new IssueFixture(CONFIG).recordNumbers({ capacity: 500, velocity: 20 }, T0).answer({ runbook: 'https://runbooks.example.com/addon' }, T0).approve('sre-p', T0).approve('ocm-pm', T0),
    expected: verdict({ allowed: false, teams: { cee: ceePending }, missing: ['CEE'], reasons: ['CEE has not decided yet'], message: 'Go live blocked: waiting on CEE' }),
  },
  {
    name: 'blocks on a decline and shows its reason',
    issue: () => readyIssue().decline('cee', T1, 'Docs missing for the SBR'),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'declined', 'CEE declined: Docs missing for the SBR', { decision: 'declined', by: 'acc-cee', at: T1, comment: 'Docs missing for the SBR' }) },
      missing: ['CEE'],
      reasons: ['CEE declined: Docs missing for the SBR'],
      message: 'Go live blocked: declined by CEE',
    }),
  },
  {
    name: 'treats a revoked approval as pending',
    issue: () => readyIssue().revoke('cee', T1),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', 'CEE revoked its decision', { decision: 'revoked', by: 'acc-cee', at: T1 }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: "does not count the reporter's approval by default",
    issue: () => readyIssue().approve('cee', T0, { by: 'acc-pm' }),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', "CEE was approved by the ticket's reporter, which does not count; another approver for CEE must approve", approvedBy('cee', 'acc-pm')) },
      missing: ['CEE'],
      reasons: ["CEE was approved by the ticket's reporter, which does not count; another approver for CEE must approve"],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: "counts the reporter's approval when the policy allows it",
    config: smallConfig((c) => (c.policies = { reporterMayApprove: true })),
    issue: () => readyIssue().approve('cee', T0, { by: 'acc-pm' }),
    expected: verdict({ teams: { cee: team('cee', 'approved', 'CEE approved 2 days ago', approvedBy('cee', 'acc-pm')) } }),
  },
  {
    name: 'counts only the earlier approval of one person who approved for two teams',
    issue: () => readyIssue().approve('sre-p', T0, { by: 'acc-both' }).approve('cee', T1, { by: 'acc-both' }),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': team('sre-p', 'approved', 'SRE-P approved 2 days ago', approvedBy('sre-p', 'acc-both')),
        cee: team('cee', 'pending', "CEE's approval does not count: the same person already approved for SRE-P", approvedBy('cee', 'acc-both', T1)),
      },
      missing: ['CEE'],
      reasons: ["CEE's approval does not count: the same person already approved for SRE-P"],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'keeps the earlier approval of one person even when its team comes later in the configuration',
    issue: () => readyIssue().approve('cee', T0, { by: 'acc-both' }).approve('sre-p', T1, { by: 'acc-both' }),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': team('sre-p', 'pending', "SRE-P's approval does not count: the same person already approved for CEE", approvedBy('sre-p', 'acc-both', T1)),
        cee: team('cee', 'approved', 'CEE approved 2 days ago', approvedBy('cee', 'acc-both')),
      },
      missing: ['SRE-P'],
      reasons: ["SRE-P's approval does not count: the same person already approved for CEE"],
      message: 'Go live blocked: waiting on SRE-P',
    }),
  },
  {
    name: 'counts one person for two teams when the policy allows it',
    config: smallConfig((c) => (c.policies = { onePersonOneTeam: false })),
    issue: () => readyIssue().approve('sre-p', T0, { by: 'acc-both' }).approve('cee', T1, { by: 'acc-both' }),
    expected: verdict({
      teams: {
        'sre-p': team('sre-p', 'approved', 'SRE-P approved 2 days ago', approvedBy('sre-p', 'acc-both')),
        cee: team('cee', 'approved', 'CEE approved 2 days ago', approvedBy('cee', 'acc-both', T1)),
      },
    }),
  },
  {
    name: 'blocks while the numbers are not recorded',
    issue: () => new IssueFixture(CONFIG).answer({ runbook: 'https://runbooks.example.com/addon' }, T0).approve('sre-p', T0).approve('cee', T0).approve('ocm-pm', T0),
    expected: verdict({
      allowed: false,
      numbers: [
        { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'missing', reason: 'Capacity is not recorded' },
        { key: 'velocity', label: 'Velocity', unit: 'new customers / week', state: 'missing', reason: 'Velocity is not recorded' },
      ],
      missing: ['capacity not recorded', 'velocity not recorded'],
      reasons: ['Capacity is not recorded', 'Velocity is not recorded'],
      message: 'Go live blocked: capacity not recorded; velocity not recorded',
    }),
  },
  {
    name: 'blocks numbers below the minimum, above the maximum or not whole',
    issue: () =>
      new IssueFixture(CONFIG)
        .recordNumbers({ capacity: 20000, velocity: 2.5 }, T0)
        .answer({ runbook: 'https://runbooks.example.com/addon' }, T0)
        .approve('sre-p', T0)
        .approve('cee', T0)
        .approve('ocm-pm', T0),
    expected: verdict({
      allowed: false,
      numbers: [
        { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'out-of-range', value: 20000, reason: 'Capacity must be at most 10000, not 20000' },
        { key: 'velocity', label: 'Velocity', unit: 'new customers / week', state: 'out-of-range', value: 2.5, reason: 'Velocity must be a whole number, not 2.5' },
      ],
      missing: ['capacity out of range', 'velocity out of range'],
      reasons: ['Capacity must be at most 10000, not 20000', 'Velocity must be a whole number, not 2.5'],
      message: 'Go live blocked: capacity out of range; velocity out of range',
    }),
  },
  {
    name: 'blocks a capacity below the minimum',
    issue: () => readyIssue().recordNumbers({ capacity: 0 }, T1).approve('sre-p', T1),
    expected: verdict({
      allowed: false,
      teams: { 'sre-p': team('sre-p', 'approved', 'SRE-P approved 2 days ago', approvedBy('sre-p', 'acc-sre-p', T1)) },
      numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', state: 'out-of-range', value: 0, reason: 'Capacity must be at least 1, not 0' }, NUMBERS_OK[1] as Verdict['numbers'][number]],
      missing: ['capacity out of range'],
      reasons: ['Capacity must be at least 1, not 0'],
      message: 'Go live blocked: capacity out of range',
    }),
  },
  {
    name: 'makes only SRE-P stale when capacity changes',
    issue: () => readyIssue().recordNumbers({ capacity: 800 }, T1),
    expected: verdict({
      allowed: false,
      teams: { 'sre-p': team('sre-p', 'stale', 'The numbers changed after SRE-P approved; SRE-P must approve again', approvedBy('sre-p')) },
      numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', state: 'recorded', value: 800, reason: 'Capacity: 800 customers' }, NUMBERS_OK[1] as Verdict['numbers'][number]],
      missing: ['SRE-P'],
      reasons: ['The numbers changed after SRE-P approved; SRE-P must approve again'],
      message: 'Go live blocked: re-approval needed from SRE-P',
    }),
  },
  {
    name: 'counts SRE-P again once it re-approves the new numbers',
    issue: () => readyIssue().recordNumbers({ capacity: 800 }, T1).approve('sre-p', T1),
    expected: verdict({
      teams: { 'sre-p': team('sre-p', 'approved', 'SRE-P approved 2 days ago', approvedBy('sre-p', 'acc-sre-p', T1)) },
      numbers: [{ key: 'capacity', label: 'Capacity', unit: 'customers', state: 'recorded', value: 800, reason: 'Capacity: 800 customers' }, NUMBERS_OK[1] as Verdict['numbers'][number]],
    }),
  },
  {
    name: 'makes only the reviewing team stale when an answer changes',
    issue: () => readyIssue().answer({ runbook: 'https://wiki.example.com/runbook-v2' }, T1),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'stale', 'The answers CEE reviews changed after it approved; CEE must approve again', approvedBy('cee')) },
      missing: ['CEE'],
      reasons: ['The answers CEE reviews changed after it approved; CEE must approve again'],
      message: 'Go live blocked: re-approval needed from CEE',
    }),
  },
  {
    name: 'blocks while a required question is unanswered',
    issue: () => readyIssue().answer({ runbook: '   ' }, T1).approve('cee', T1),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'approved', 'CEE approved 2 days ago', approvedBy('cee', 'acc-cee', T1)) },
      questions: [{ key: 'runbook', section: 'Operations', state: 'unanswered' }],
      missing: ['1 question unanswered'],
      reasons: ['Operations: 1 of 1 question unanswered'],
      message: 'Go live blocked: 1 question unanswered',
    }),
  },
  {
    name: 'still counts an approval exactly at the end of its lifetime',
    config: smallConfig((c) => (c.stages[0] = { ...c.stages[0], approvalLifetimeDays: 30 } as GateConfigInput['stages'][number])),
    issue: () => readyIssue(),
    now: new Date('2026-03-31T09:00:00.000Z'),
    expected: verdict({ teams: { 'sre-p': approvedTeam('sre-p', '1 month ago'), cee: approvedTeam('cee', '1 month ago'), 'ocm-pm': approvedTeam('ocm-pm', '1 month ago') } }),
  },
  {
    name: 'expires an approval one millisecond after its lifetime',
    config: smallConfig((c) => (c.stages[0] = { ...c.stages[0], approvalLifetimeDays: 30 } as GateConfigInput['stages'][number])),
    issue: () => readyIssue().approve('sre-p', T2).approve('ocm-pm', T2),
    now: new Date('2026-03-31T09:00:00.001Z'),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': team('sre-p', 'approved', 'SRE-P approved 29 days ago', approvedBy('sre-p', 'acc-sre-p', T2)),
        cee: team('cee', 'expired', "CEE's approval expired: approvals count for 30 days at Go live", approvedBy('cee')),
        'ocm-pm': team('ocm-pm', 'approved', 'OCM PM approved 29 days ago', approvedBy('ocm-pm', 'acc-ocm-pm', T2)),
      },
      missing: ['CEE'],
      reasons: ["CEE's approval expired: approvals count for 30 days at Go live"],
      message: 'Go live blocked: approval expired for CEE',
    }),
  },
  {
    name: 'stops counting an approval made through a group that no longer acts for the team',
    config: smallConfig((c) => (c.teams[1] = { ...c.teams[1], groups: ['golive-cee-2026'] } as GateConfigInput['teams'][number])),
    issue: () => readyIssue(),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', "CEE's approval came through golive-cee, which no longer acts for CEE; an approver for CEE can approve again", approvedBy('cee')) },
      missing: ['CEE'],
      reasons: ["CEE's approval came through golive-cee, which no longer acts for CEE; an approver for CEE can approve again"],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'passes an overridden stage and keeps what was missing visible',
    issue: () => readyIssue().deleteProperty(teamProperty('cee')).override('go-live', `  ${JUSTIFICATION}  `, T1),
    expected: {
      ...verdict({
        allowed: true,
        overridden: true,
        teams: { cee: team('cee', 'unverified', "CEE's decision was deleted outside the app; an approver for CEE can re-affirm", undefined, 'deleted') },
        missing: ['CEE'],
        reasons: ["CEE's decision was deleted outside the app; an approver for CEE can re-affirm", `Go live was overridden by acc-admin: ${JUSTIFICATION}`],
        message: 'Go live: overridden',
      }),
      override: { kind: 'override', issueId: '10001', stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at: T1, justification: `  ${JUSTIFICATION}  ` },
    },
  },
  {
    name: 'ignores an override whose justification has fewer than 20 visible letters in 3 words',
    issue: () => readyIssue().revoke('cee', T1).override('go-live', '   nineteen chars!!    ', T1),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', 'CEE revoked its decision', { decision: 'revoked', by: 'acc-cee', at: T1 }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision', 'The override of Go live by acc-admin does not count: its justification has 13 letters in 2 words, not 20 letters in 3 words'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'ignores an override justified by 20 zero-width spaces',
    issue: () => readyIssue().revoke('cee', T1).override('go-live', '\u200b'.repeat(20), T1),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', 'CEE revoked its decision', { decision: 'revoked', by: 'acc-cee', at: T1 }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision', 'The override of Go live by acc-admin does not count: its justification has 0 letters in 0 words, not 20 letters in 3 words'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'ignores an override made through a group that is not an override group',
    issue: () => readyIssue().revoke('cee', T1).override('go-live', JUSTIFICATION, T1, { via: 'golive-sre-p' }),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', 'CEE revoked its decision', { decision: 'revoked', by: 'acc-cee', at: T1 }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision', 'The override of Go live by acc-admin does not count: golive-sre-p is not an override group'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'does not mark a ready stage as overridden',
    issue: () => readyIssue().override('go-live', JUSTIFICATION, T1),
    expected: {
      ...verdict(),
      override: { kind: 'override', issueId: '10001', stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at: T1, justification: JUSTIFICATION },
    },
  },
  {
    name: 'fails closed on an approval forged without a digest',
    issue: () =>
      new IssueFixture(CONFIG)
        .recordNumbers({ capacity: 500, velocity: 20 }, T0)
        .answer({ runbook: 'https://runbooks.example.com/addon' }, T0)
        .approve('sre-p', T0)
        .approve('ocm-pm', T0)
        .setProperty(teamProperty('cee'), { kind: 'decision', issueId: '10001', team: 'cee', decision: 'approved', by: 'acc-cee', via: 'golive-cee', at: T0, covers: {} }),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's decision was not written by the app; an approver for CEE can re-affirm", undefined, 'no-digest') },
      missing: ['CEE'],
      reasons: ["CEE's decision was not written by the app; an approver for CEE can re-affirm"],
      message: 'Go live blocked: unverified record for CEE',
    }),
  },
  {
    name: 'fails closed on a decline edited into an approval',
    issue: () => {
      const issue = readyIssue().decline('cee', T1, 'Docs missing');
      const declined = issue.property(teamProperty('cee')) as Record<string, unknown>;
      return issue.setProperty(teamProperty('cee'), { ...declined, decision: 'approved', comment: 'LGTM' });
    },
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's decision was changed outside the app; an approver for CEE can re-affirm", undefined, 'digest-mismatch') },
      missing: ['CEE'],
      reasons: ["CEE's decision was changed outside the app; an approver for CEE can re-affirm"],
      message: 'Go live blocked: unverified record for CEE',
    }),
  },
  {
    name: 'fails closed on an approval copied from another issue over this issue’s decline',
    issue: () => readyIssue().decline('cee', T1, 'Docs missing').setProperty(teamProperty('cee'), copiedApproval()),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's decision was copied from another issue; an approver for CEE can re-affirm", undefined, 'wrong-issue') },
      missing: ['CEE'],
      reasons: ["CEE's decision was copied from another issue; an approver for CEE can re-affirm"],
      message: 'Go live blocked: unverified record for CEE',
    }),
  },
  {
    name: 'fails closed on an approval copied from another issue where this issue has none',
    issue: () =>
      new IssueFixture(CONFIG)
        .recordNumbers({ capacity: 500, velocity: 20 }, T0)
        .answer({ runbook: 'https://runbooks.example.com/addon' }, T0)
        .approve('sre-p', T0)
        .approve('ocm-pm', T0)
        .setProperty(teamProperty('cee'), copiedApproval()),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's decision was not written by the app; an approver for CEE can re-affirm", undefined, 'no-digest') },
      missing: ['CEE'],
      reasons: ["CEE's decision was not written by the app; an approver for CEE can re-affirm"],
      message: 'Go live blocked: unverified record for CEE',
    }),
  },
  {
    name: 'fails closed on an approval replayed after it was revoked',
    issue: () => {
      const issue = readyIssue();
      const approval = issue.property(teamProperty('cee'));
      return issue.revoke('cee', T1).setProperty(teamProperty('cee'), approval);
    },
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's decision was changed outside the app; an approver for CEE can re-affirm", undefined, 'digest-mismatch') },
      missing: ['CEE'],
      reasons: ["CEE's decision was changed outside the app; an approver for CEE can re-affirm"],
      message: 'Go live blocked: unverified record for CEE',
    }),
  },
  {
    name: 'fails closed on a decline deleted outside the app',
    issue: () => readyIssue().decline('cee', T1, 'Docs missing').deleteProperty(teamProperty('cee')),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's decision was deleted outside the app; an approver for CEE can re-affirm", undefined, 'deleted') },
      missing: ['CEE'],
      reasons: ["CEE's decision was deleted outside the app; an approver for CEE can re-affirm"],
      message: 'Go live blocked: unverified record for CEE',
    }),
  },
  ...[{ decision: 'approved' }, 'approved', null, [1, 2], { ...readyIssue().snapshot().properties[teamProperty('sre-p')] as object, team: 'cee', extra: 1 }].map(
    (junk): Case => ({
      name: `fails closed on a malformed decision: ${JSON.stringify(junk)?.slice(0, 40) ?? ''}`,
      issue: () => readyIssue().setProperty(teamProperty('cee'), junk),
      expected: verdict({
        allowed: false,
        teams: { cee: team('cee', 'unverified', "CEE's decision is not a record the app wrote; an approver for CEE can re-affirm", undefined, 'malformed') },
        missing: ['CEE'],
        reasons: ["CEE's decision is not a record the app wrote; an approver for CEE can re-affirm"],
        message: 'Go live blocked: unverified record for CEE',
      }),
    }),
  ),
  {
    name: "fails closed on numbers edited outside the app, and SRE-P's approval of them no longer counts",
    issue: () => {
      const issue = readyIssue();
      const numbers = issue.property(NUMBERS_PROPERTY) as { values: Record<string, number> };
      return issue.setProperty(NUMBERS_PROPERTY, { ...numbers, values: { ...numbers.values, capacity: 5000 } });
    },
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': team('sre-p', 'unverified', "SRE-P's approval covers the numbers, which were changed outside the app; record the numbers again", approvedBy('sre-p'), 'digest-mismatch'),
      },
      numbers: [
        { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'unverified', reason: 'Capacity cannot be trusted: the numbers record was changed outside the app' },
        { key: 'velocity', label: 'Velocity', unit: 'new customers / week', state: 'unverified', reason: 'Velocity cannot be trusted: the numbers record was changed outside the app' },
      ],
      missing: ['SRE-P', 'numbers unverified'],
      reasons: ["SRE-P's approval covers the numbers, which were changed outside the app; record the numbers again", 'The numbers record was changed outside the app; record the numbers again'],
      message: 'Go live blocked: unverified record for SRE-P; numbers unverified',
    }),
  },
  {
    name: "fails closed on answers deleted outside the app, and CEE's approval of them no longer counts",
    issue: () => readyIssue().deleteProperty(ANSWERS_PROPERTY),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'unverified', "CEE's approval covers the answers, which were deleted outside the app; answer the questions again", approvedBy('cee'), 'deleted') },
      questions: [{ key: 'runbook', section: 'Operations', state: 'unverified' }],
      missing: ['CEE', 'answers unverified'],
      reasons: ["CEE's approval covers the answers, which were deleted outside the app; answer the questions again", 'The answers record was deleted outside the app; answer the questions again'],
      message: 'Go live blocked: unverified record for CEE; answers unverified',
    }),
  },
  {
    name: 'ignores a forged override',
    issue: () =>
      readyIssue()
        .revoke('cee', T1)
        .setProperty(overrideProperty('go-live'), { kind: 'override', issueId: '10001', stage: 'go-live', by: 'acc-pm', via: 'golive-overriders', at: T1, justification: JUSTIFICATION }),
    expected: verdict({
      allowed: false,
      teams: { cee: team('cee', 'pending', 'CEE revoked its decision', { decision: 'revoked', by: 'acc-cee', at: T1 }) },
      missing: ['CEE'],
      reasons: ['CEE revoked its decision', 'The override of Go live was not written by the app and does not count'],
      message: 'Go live blocked: waiting on CEE',
    }),
  },
  {
    name: 'names every kind of problem in one message',
    issue: () => new IssueFixture(CONFIG).answer({ runbook: '' }, T0).decline('sre-p', T0, 'Capacity too high').approve('ocm-pm', T0).deleteProperty(teamProperty('ocm-pm')),
    expected: verdict({
      allowed: false,
      teams: {
        'sre-p': team('sre-p', 'declined', 'SRE-P declined: Capacity too high', { decision: 'declined', by: 'acc-sre-p', at: T0, comment: 'Capacity too high' }),
        cee: ceePending,
        'ocm-pm': team('ocm-pm', 'unverified', "OCM PM's decision was deleted outside the app; an approver for OCM PM can re-affirm", undefined, 'deleted'),
      },
      numbers: [
        { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'missing', reason: 'Capacity is not recorded' },
        { key: 'velocity', label: 'Velocity', unit: 'new customers / week', state: 'missing', reason: 'Velocity is not recorded' },
      ],
      questions: [{ key: 'runbook', section: 'Operations', state: 'unanswered' }],
      missing: ['CEE', 'SRE-P', 'OCM PM', 'capacity not recorded', 'velocity not recorded', '1 question unanswered'],
      reasons: [
        'CEE has not decided yet',
        'SRE-P declined: Capacity too high',
        "OCM PM's decision was deleted outside the app; an approver for OCM PM can re-affirm",
        'Capacity is not recorded',
        'Velocity is not recorded',
        'Operations: 1 of 1 question unanswered',
      ],
      message: 'Go live blocked: waiting on CEE; declined by SRE-P; unverified record for OCM PM; capacity not recorded; velocity not recorded; 1 question unanswered',
    }),
  },
];

describe('evaluateStage', () => {
  it.each(cases)('$name', ({ config = CONFIG, issue, now = NOW, expected }) => {
    expect(evaluateStage(config, 'go-live', issue().snapshot(), now)).toEqual(expected);
  });

  it('throws a clear error for a stage the configuration does not have', () => {
    expect(() => evaluateStage(CONFIG, 'ga', readyIssue().snapshot(), NOW)).toThrow('No stage has the key "ga"; this gate has the stages "go-live"');
  });

  it('ignores properties of teams and stages the configuration does not name', () => {
    const issue = readyIssue().setProperty(teamProperty('retired-team'), { junk: true }).setProperty(overrideProperty('beta'), 'junk').setProperty('golive-gate.summary', { status: 'ready' });
    expect(evaluateStage(CONFIG, 'go-live', issue.snapshot(), NOW)).toEqual(verdict());
  });

  it('writes an override message on one short line, and the whole justification in the reasons', () => {
    const justification = `Agreed in the launch review.\n\n${'Details follow. '.repeat(40)}`;
    const result = evaluateStage(CONFIG, 'go-live', readyIssue().revoke('cee', T1).override('go-live', justification, T1).snapshot(), NOW);
    expect(result.allowed).toBe(true);
    expect(result.message).toBe('Go live: overridden');
    expect(result.reasons).toContain(`Go live was overridden by acc-admin: ${justification.trim()}`);
  });

  it('keeps the message short when hundreds of teams are missing', () => {
    const teams = Array.from({ length: 200 }, (_, i) => ({ key: `team-${i}`, name: `Team number ${i}`, area: 'engineering' as const, groups: [`golive-team-${i}`] }));
    const config = GateConfigSchema.parse({ teams, stages: [{ key: 'go-live', name: 'Go live', requiredTeams: teams.map((t) => t.key) }] });
    const result = evaluateStage(config, 'go-live', new IssueFixture(config).snapshot(), NOW);
    expect(result.message.length).toBeLessThanOrEqual(300);
    expect(result.message).toMatch(/^Go live blocked: waiting on Team number 0, Team number 1, .* … and \d+ more$/);
    const named = result.message.split(', ').length;
    expect(result.message.endsWith(`… and ${200 - named} more`)).toBe(true);
    expect(result.missing).toHaveLength(200);
  });
});

describe('the managed add-on template', () => {
  const config = templateConfig('managed-addon') as GateConfig;
  const teamKeys = config.teams.map((t) => t.key);
  const approvedEveryone = (): IssueFixture => {
    const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0);
    for (const key of teamKeys) issue.approve(key, T0);
    return issue;
  };
  const approved = (key: string): TeamVerdict => {
    const t = config.teams.find((x) => x.key === key);
    return { team: key, name: t?.name ?? '', area: t?.area ?? '', state: 'approved', decision: approvedBy(key), reason: `${t?.name ?? ''} approved 2 days ago` };
  };

  it('makes only SRE-P stale when capacity changes and keeps the twelve other approvals', () => {
    const snapshot = approvedEveryone().recordNumbers({ capacity: 800 }, T1).snapshot();
    expect(evaluateStage(config, 'go-live', snapshot, NOW)).toEqual({
      stage: 'go-live',
      stageName: 'Go live',
      allowed: false,
      overridden: false,
      teams: teamKeys.map((key) =>
        key === 'sre-p'
          ? { team: 'sre-p', name: 'SRE-P', area: 'service-support', state: 'stale', decision: approvedBy('sre-p'), reason: 'The numbers changed after SRE-P approved; SRE-P must approve again' }
          : approved(key),
      ),
      numbers: [
        { key: 'capacity', label: 'Capacity', unit: 'customers', state: 'recorded', value: 800, reason: 'Capacity: 800 customers' },
        { key: 'velocity', label: 'Velocity', unit: 'new customers / week', state: 'recorded', value: 20, reason: 'Velocity: 20 new customers / week' },
      ],
      questions: [],
      missing: ['SRE-P'],
      reasons: ['The numbers changed after SRE-P approved; SRE-P must approve again'],
      message: 'Go live blocked: re-approval needed from SRE-P',
    });
  });

  it('lets promote-to-prod pass with only its four teams while go-live waits on everyone else', () => {
    const issue = new IssueFixture(config);
    for (const key of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) issue.approve(key, T0);
    const [promote, goLive] = evaluateAll(config, issue.snapshot(), NOW);
    expect(promote).toEqual({
      stage: 'promote-to-prod',
      stageName: 'Promote to prod',
      allowed: true,
      overridden: false,
      teams: ['sre-p', 'osd-e2e', 'mt-sre', 'dev-team'].map(approved),
      numbers: [],
      questions: [],
      missing: [],
      reasons: [],
      message: 'Promote to prod: ready',
    });
    expect(goLive?.allowed).toBe(false);
    expect(goLive?.missing).toEqual([
      'Layered SRE',
      'CEE',
      'OSD SRE',
      'Platform & Payload',
      'OSD/ROSA PM',
      'OCM PM',
      'Addon/Product PM',
      'ServiceDev A',
      'ServiceDev B',
      'capacity not recorded',
      'velocity not recorded',
    ]);
    expect(goLive?.message).toBe(
      'Go live blocked: waiting on Layered SRE, CEE, OSD SRE, Platform & Payload, OSD/ROSA PM, OCM PM, Addon/Product PM, ServiceDev A, ServiceDev B; capacity not recorded; velocity not recorded',
    );
  });
});

describe('the bypasses closed by "Trust"', () => {
  it('blocks promote-to-prod when SRE-P approved numbers that were then deleted, put back or forged', () => {
    const config = templateConfig('managed-addon') as GateConfig;
    const promoteTeams = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
    const approvedOnOldNumbers = (): IssueFixture => {
      const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0);
      for (const key of promoteTeams) issue.approve(key, T0);
      return issue;
    };
    const before = approvedOnOldNumbers().property(NUMBERS_PROPERTY);
    const tampered: Record<string, (issue: IssueFixture) => IssueFixture> = {
      deleted: (issue) => issue.deleteProperty(NUMBERS_PROPERTY),
      'put back': (issue) => issue.setProperty(NUMBERS_PROPERTY, before),
      forged: (issue) => issue.setProperty(NUMBERS_PROPERTY, { anything: true }),
    };
    for (const [how, tamper] of Object.entries(tampered)) {
      // The PM changes capacity through the app (SRE-P goes stale), then tampers with the numbers property.
      const issue = tamper(approvedOnOldNumbers().recordNumbers({ capacity: 800 }, T1));
      const promote = evaluateStage(config, 'promote-to-prod', issue.snapshot(), NOW);
      expect({ how, allowed: promote.allowed, sreP: promote.teams.find((t) => t.team === 'sre-p')?.state }).toEqual({ how, allowed: false, sreP: 'unverified' });
      expect(promote.message).toBe('Promote to prod blocked: unverified record for SRE-P');
    }
  });

  const withSince = (since: number, keep = false): GateConfig =>
    smallConfig((c) => {
      c.version = since;
      c.teams = c.teams.map((t) => (t.key === 'cee' ? { ...t, since } : t));
      c.policies = { ...c.policies, reAddedTeamsKeepApprovals: keep };
    });

  it('does not revive the approval of a team removed from the gate and added back', () => {
    const issue = readyIssue(withSince(2)).approve('cee', T0, { configVersion: 1 });
    const result = evaluateStage(withSince(4), 'go-live', issue.snapshot(), NOW);
    expect(result.teams.find((t) => t.team === 'cee')).toEqual(
      team('cee', 'pending', "CEE's approval was given before CEE was added back to the gate; an approver for CEE must approve again", approvedBy('cee')),
    );
    expect(result.message).toBe('Go live blocked: waiting on CEE');
    expect(evaluateStage(withSince(4), 'go-live', readyIssue(withSince(4)).snapshot(), NOW).allowed).toBe(true);
    expect(evaluateStage(withSince(4, true), 'go-live', issue.snapshot(), NOW).allowed).toBe(true);
  });

  it('stops counting an approver removed from the team\'s groups, naming them, when their groups were re-checked', () => {
    const groups = new Map([['acc-sre-p', ['golive-sre-p']], ['acc-cee', ['jira-users']], ['acc-ocm-pm', ['golive-ocm-pm']]]);
    const result = evaluateStage(CONFIG, 'go-live', readyIssue().snapshot(), NOW, { approverGroups: groups });
    expect(result).toEqual(
      verdict({
        allowed: false,
        teams: {
          cee: {
            ...team('cee', 'pending', "CEE's approval by acc-cee no longer counts: acc-cee is not in golive-cee any more; an approver for CEE can approve again", approvedBy('cee')),
            departedApprover: 'acc-cee',
          },
        },
        missing: ['CEE'],
        reasons: ["CEE's approval by acc-cee no longer counts: acc-cee is not in golive-cee any more; an approver for CEE can approve again"],
        message: 'Go live blocked: approver left CEE (acc-cee)',
      }),
    );
    expect(approversOf(evaluateStage(CONFIG, 'go-live', readyIssue().snapshot(), NOW))).toEqual(['acc-sre-p', 'acc-cee', 'acc-ocm-pm']);
  });

  it('keeps a valid override counting when the stage passed by approvals and an approver then left the team', () => {
    const issue = readyIssue().override('go-live', JUSTIFICATION, T1);
    const passing = evaluateStage(CONFIG, 'go-live', issue.snapshot(), NOW);
    expect(approversOf(passing)).toEqual(['acc-sre-p', 'acc-cee', 'acc-ocm-pm', 'acc-admin']);
    const groups = new Map([['acc-sre-p', ['golive-sre-p']], ['acc-cee', []], ['acc-ocm-pm', ['golive-ocm-pm']], ['acc-admin', ['golive-overriders']]]);
    const rechecked = evaluateStage(CONFIG, 'go-live', issue.snapshot(), NOW, { approverGroups: groups });
    expect(rechecked.allowed).toBe(true);
    expect(rechecked.overridden).toBe(true);
  });

  it('stops counting an override by someone no longer in an override group', () => {
    const issue = readyIssue().revoke('cee', T1).override('go-live', JUSTIFICATION, T1);
    const overridden = evaluateStage(CONFIG, 'go-live', issue.snapshot(), NOW);
    expect(approversOf(overridden)).toEqual(['acc-sre-p', 'acc-ocm-pm', 'acc-admin']);
    const rechecked = evaluateStage(CONFIG, 'go-live', issue.snapshot(), NOW, { approverGroups: new Map([['acc-sre-p', ['golive-sre-p']], ['acc-ocm-pm', ['golive-ocm-pm']], ['acc-admin', []]]) });
    expect(rechecked.allowed).toBe(false);
    expect(rechecked.reasons).toContain('The override of Go live by acc-admin does not count: acc-admin is not in golive-overriders any more');
  });
});

describe('strictestStage', () => {
  it('picks go-live for managed add-ons and GA for Kubernetes PRR', () => {
    expect(strictestStage(templateConfig('managed-addon') as GateConfig).key).toBe('go-live');
    expect(strictestStage(templateConfig('kubernetes-prr') as GateConfig).key).toBe('ga');
  });

  it('picks the later stage on a tie', () => {
    const config = smallConfig((c) => c.stages.push({ key: 'launch', name: 'Launch', requiredTeams: ['sre-p', 'cee', 'ocm-pm'], requiredNumbers: ['capacity', 'velocity'] }));
    const withQuestion = GateConfigSchema.parse({ ...config, questions: [{ ...config.questions[0], requiredFor: ['go-live', 'launch'] }] });
    expect(strictestStage(withQuestion).key).toBe('launch');
  });
});
