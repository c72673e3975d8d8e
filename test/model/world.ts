// The fixed world the reference model runs in: the demo site's people and groups, the two stages' gated transitions,
// and the configurations an admin saves, as data (the managed add-on template and variations of it).
import { DEMO_USERS, OVERRIDERS_GROUP } from '../../emulator/site/demo';
import type { GateConfig, GateConfigInput } from '../../src/gate/config';
import { templateConfig } from '../support/v1-templates';

export interface Person {
  readonly accountId: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export const PEOPLE: readonly Person[] = DEMO_USERS.map((user) => ({ accountId: user.accountId, email: user.emailAddress, groups: user.groups }));
export const ADMIN_EMAIL = 'admin@example.com';
export const PM_EMAIL = 'pm@example.com';

export const personByEmail = (email: string): Person => {
  const person = PEOPLE.find((p) => p.email === email);
  if (!person) throw new Error(`No demo user ${email}`);
  return person;
};

/** A gated stage and the workflow transition whose validator enforces it (demo workflow of project SKU). */
export const STAGES = [
  { key: 'promote-to-prod', transitionId: '21', from: 'In Review' },
  { key: 'go-live', transitionId: '31', from: 'In Production' },
] as const;
export type StageKey = (typeof STAGES)[number]['key'];
export const REST_STATUS = 'In Review';

const BASE: GateConfig = (() => {
  const base = templateConfig('managed-addon');
  if (!base) throw new Error('The managed-addon template is missing');
  return base;
})();

export const ALL_TEAMS: readonly string[] = BASE.teams.map((team) => team.key);
export const NUMBER_KEYS = ['capacity', 'velocity'] as const;
export const RUNBOOK_QUESTION = 'runbook';

/** What an admin can change, as switches over the managed add-on template; `invalid` ones must be refused. */
export interface Variant {
  /** Promote to prod also requires CEE. */
  readonly ceeInPromote: boolean;
  /** Promote to prod requires the dev team (as the template does). */
  readonly devTeamInPromote: boolean;
  /** The dev team is part of the configuration at all (removing it and adding it back must not revive its approvals). */
  readonly devTeamConfigured: boolean;
  /** CEE also acts through golive-sre-p, so the SRE-P approver could approve for two teams. */
  readonly ceeActsViaSreP: boolean;
  /** SRE-P acts only through golive-cee: approvals given through golive-sre-p stop counting. */
  readonly srePMovedToCee: boolean;
  readonly reporterMayApprove: boolean;
  readonly onePersonOneTeam: boolean;
  /** golive-overriders may force a stage. */
  readonly overrideGroup: boolean;
  /** A question required for go live, reviewed by CEE. */
  readonly runbookQuestion: boolean;
  /** The smallest capacity that counts (raising it makes recorded numbers out of range). */
  readonly capacityMin: number;
  readonly invalid?: 'empty-stage' | 'invisible-team-name' | 'invisible-group' | undefined;
}

export const BASE_VARIANT: Variant = {
  ceeInPromote: false,
  devTeamInPromote: true,
  devTeamConfigured: true,
  ceeActsViaSreP: false,
  srePMovedToCee: false,
  reporterMayApprove: false,
  onePersonOneTeam: true,
  overrideGroup: true,
  runbookQuestion: false,
  capacityMin: 1,
};

/**
 * The configuration an admin saves for a variant, built on what is stored now (`current`) the way the settings page
 * edits it: fields the app keeps on teams (such as when a team joined) stay as they are for teams that stay.
 */
export function configFor(variant: Variant, current: GateConfig | undefined): GateConfigInput {
  const previous = new Map((current?.teams ?? []).map((team) => [team.key, team as Record<string, unknown>]));
  const teams = BASE.teams
    .filter((team) => variant.devTeamConfigured || team.key !== 'dev-team')
    .map((team) => {
      let groups = [...team.groups];
      if (team.key === 'cee' && variant.ceeActsViaSreP) groups = [...groups, 'golive-sre-p'];
      if (team.key === 'sre-p' && variant.srePMovedToCee) groups = ['golive-cee'];
      if (variant.invalid === 'invisible-group' && team.key === 'cee') groups = ['\u200b\u200b'];
      const name = variant.invalid === 'invisible-team-name' && team.key === 'cee' ? '\u200b\u200b\u200b' : team.name;
      return { ...team, ...previous.get(team.key), name, groups };
    });
  const configured = new Set(teams.map((team) => team.key));
  const stages = BASE.stages.map((stage) => {
    let requiredTeams = stage.requiredTeams.filter((team) => configured.has(team));
    if (stage.key === 'promote-to-prod') {
      if (!variant.devTeamInPromote) requiredTeams = requiredTeams.filter((team) => team !== 'dev-team');
      if (variant.ceeInPromote && !requiredTeams.includes('cee')) requiredTeams = [...requiredTeams, 'cee'];
      if (variant.invalid === 'empty-stage') requiredTeams = [];
    }
    return { ...stage, requiredTeams };
  });
  return {
    ...(current ?? BASE),
    version: current?.version ?? 0,
    teams,
    stages,
    numbers: BASE.numbers.map((number) => (number.key === 'capacity' ? { ...number, min: variant.capacityMin } : number)),
    questions: variant.runbookQuestion
      ? [{ key: RUNBOOK_QUESTION, section: 'Operations', text: 'Where is the runbook, and who is on call?', requiredFor: ['go-live'], reviewedBy: 'cee' }]
      : [],
    policies: {
      ...(current?.policies ?? BASE.policies),
      reporterMayApprove: variant.reporterMayApprove,
      onePersonOneTeam: variant.onePersonOneTeam,
      overrideGroups: variant.overrideGroup ? [OVERRIDERS_GROUP] : [],
    },
  };
}

/** The parts of a configuration the model reasons about, derived from the data an admin saves. */
export interface ModelConfig {
  /** Each team's static groups, and (gate model v2) the ticket field whose value names more groups, with its map. */
  readonly teams: ReadonlyMap<string, { readonly groups: readonly string[]; readonly fromField?: { readonly field: string; readonly groups: Readonly<Record<string, readonly string[]>> } | undefined }>;
  readonly stages: ReadonlyMap<string, { readonly teams: readonly string[]; readonly numbers: readonly string[]; readonly questions: readonly string[] }>;
  readonly numbers: ReadonlyMap<string, { readonly integer: boolean; readonly min?: number | undefined; readonly max?: number | undefined; readonly signedOffBy: string }>;
  readonly questions: ReadonlyMap<string, { readonly reviewedBy?: string | undefined }>;
  readonly reporterMayApprove: boolean;
  readonly onePersonOneTeam: boolean;
  readonly overrideGroups: readonly string[];
  /** Gate model v2's rules, when the run saved a v2 configuration (decisions per stage and approver, typed items). */
  readonly v2?: ModelConfigV2Part | undefined;
}

/** An item of a kind (gate model v2), as the model reads it. */
export interface ModelItem {
  readonly kind: 'text' | 'checkbox' | 'choice' | 'number' | 'link';
  readonly options: readonly string[];
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly integer: boolean;
  readonly requiredFor: readonly string[];
  readonly reviewedBy?: string | undefined;
  /** Other teams whose approvals cover the answer too. */
  readonly agreedBy?: readonly string[] | undefined;
  /** Every team of a stage that needs the item agrees to its answer: their approvals cover it too. */
  readonly agreedByEveryTeam?: boolean | undefined;
}

/** How a team applies on a ticket: always, when the ticket's issue type is one of these, or if present (or of them). */
export type ModelApplies = { readonly when: 'always' } | { readonly when: 'condition' | 'if-present'; readonly issueTypes: readonly string[] };

export interface ModelConfigV2Part {
  /** Issue types the gate applies to; empty: every type. */
  readonly issueTypes: readonly string[];
  readonly applies: ReadonlyMap<string, ModelApplies>;
  /** Distinct approvers needed, by `<stage>.<team>`. */
  readonly minApprovals: ReadonlyMap<string, number>;
  /** Earlier stages whose approvals count at a stage, by stage. */
  readonly carryOver: ReadonlyMap<string, readonly string[]>;
  readonly items: ReadonlyMap<string, ModelItem>;
  readonly separationOfDuties: boolean;
  /** Days an approval counts at a stage, by stage (none: for good). */
  readonly approvalLifetimeDays: ReadonlyMap<string, number>;
  /** Days a waiver counts at a stage, by stage. */
  readonly waiverLifetimeDays: ReadonlyMap<string, number>;
}

export function modelConfigOf(variant: Variant): ModelConfig {
  const input = configFor(variant, undefined);
  const questions = input.questions ?? [];
  return {
    teams: new Map(input.teams.map((team) => [team.key, { groups: team.groups }])),
    stages: new Map(
      input.stages.map((stage) => [
        stage.key,
        { teams: stage.requiredTeams, numbers: stage.requiredNumbers ?? [], questions: questions.filter((q) => (q.requiredFor ?? []).includes(stage.key)).map((q) => q.key) },
      ]),
    ),
    numbers: new Map((input.numbers ?? []).map((n) => [n.key, { integer: n.integer ?? true, min: n.min, max: n.max, signedOffBy: n.signedOffBy }])),
    questions: new Map(questions.map((q) => [q.key, { reviewedBy: q.reviewedBy }])),
    reporterMayApprove: input.policies?.reporterMayApprove ?? false,
    onePersonOneTeam: input.policies?.onePersonOneTeam ?? true,
    overrideGroups: input.policies?.overrideGroups ?? [],
  };
}

/** Override justifications a person might type, labelled with whether they say enough (letters in words, not padding). */
export const JUSTIFICATIONS: readonly { readonly text: string; readonly valid: boolean }[] = [
  { text: 'The customer launch was agreed with the VP on 3 March', valid: true },
  { text: 'Security fix must reach production before the weekend', valid: true },
  { text: '\u200b'.repeat(20), valid: false },
  { text: '.'.repeat(20), valid: false },
  { text: 'urgent', valid: false },
  { text: `${'\u200b'.repeat(30)}ok go`, valid: false },
  { text: '                       now', valid: false },
];
