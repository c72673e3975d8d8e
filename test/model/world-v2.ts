// The configurations of gate model v2 the reference model saves, as data: the managed add-on template of v2 with a text
// and a number item added, and switches over what v2 adds (scope, a conditional Layered SRE, N of M, carry-over, the
// v2 policies). The model reads them back as a small ModelConfig of its own (no rule code of the app).
import { OVERRIDERS_GROUP, OWNING_SIG_FIELD } from '../../emulator/site/demo';
import type { GateConfigV2, GateConfigV2Input } from '../../src/gate/v2/config';
import { templateConfigV2 } from '../../src/gate/v2/templates';
import type { ModelApplies, ModelConfig, ModelItem } from './world';

/** The issue type of every ticket a run creates (the demo project knows no other). */
export const TICKET_TYPE = 'Task';

/** What an admin changes in a v2 configuration; `invalid` ones must be refused on save. */
export interface VariantV2 {
  readonly generation: 2;
  /** Which issue types the gate applies to: every type, Tasks (the run's tickets), or Stories only (none of them). */
  readonly scope: 'every' | 'tasks' | 'stories';
  /**
   * How Layered SRE applies: only if present (the template: it counts once it decides), if present or on Tasks,
   * required on Tasks (a condition that holds), required on Stories (a condition that never holds here), always.
   */
  readonly layeredSre: 'if-present' | 'if-present-or-task' | 'when-task' | 'when-story' | 'always';
  /** Go live also counts the approvals given at promote to prod. */
  readonly carryOver: boolean;
  /** Go live needs 2 of SRE-P's approvers; an override-group member acts for SRE-P too. */
  readonly twoForSreP: boolean;
  readonly reporterMayApprove: boolean;
  readonly onePersonOneTeam: boolean;
  readonly separationOfDuties: boolean;
  /** A team whose approvers come from the ticket's Owning SIG select (as KEP's owning SIG), required at both stages. */
  readonly owningSig: boolean;
  /**
   * Lifetimes: approvals count for 3 days at promote to prod and 2 at go live; a waiver (ticket-wide) for a day at
   * promote to prod and 2 at go live.
   */
  readonly lifetimes: 'none' | 'approvals' | 'waivers' | 'both';
  readonly invalid?: 'carry-over-later-stage' | 'stage-lowers-minimum' | 'choice-with-one-option' | undefined;
}

export const BASE_VARIANT_V2: VariantV2 = {
  generation: 2,
  scope: 'every',
  layeredSre: 'if-present',
  carryOver: false,
  twoForSreP: false,
  reporterMayApprove: false,
  onePersonOneTeam: true,
  separationOfDuties: true,
  owningSig: false,
  lifetimes: 'none',
};

/** The team whose approvers the ticket's Owning SIG names, and the field (the site's select, as in the PRR template). */
export const OWNING_SIG_TEAM = 'owning-sig';
export { OWNING_SIG_FIELD };
/**
 * Which groups each Owning SIG value names: SIG Node's and SIG Apps' own, both for SIG Auth; SIG Storage names none (a
 * value the map leaves out: nobody acts for the team while the ticket names it).
 */
export const SIG_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'sig-node': ['golive-sig-node'],
  'sig-apps': ['golive-sig-apps'],
  'sig-auth': ['golive-sig-node', 'golive-sig-apps'],
};
/** The values a person sets the field to in a run (options of the site's select). */
export const SIG_VALUES = ['sig-node', 'sig-apps', 'sig-auth', 'sig-storage'] as const;

/** Approval lifetimes by stage, and waiver lifetimes, in days, when a variant turns them on. */
export const APPROVAL_DAYS: Readonly<Record<string, number>> = { 'promote-to-prod': 3, 'go-live': 2 };
export const WAIVER_DAYS: Readonly<Record<string, number>> = { 'promote-to-prod': 1, 'go-live': 2 };

const OWNING_SIG = {
  key: OWNING_SIG_TEAM,
  name: 'Owning SIG',
  area: 'engineering' as const,
  description: 'The SIG that owns the component, named on the ticket',
  groups: [] as string[],
  approversFrom: { field: OWNING_SIG_FIELD, kind: 'select' as const, groups: Object.fromEntries(Object.entries(SIG_GROUPS).map(([value, groups]) => [value, [...groups]])) },
  applies: { when: 'always' as const },
  minApprovals: 1,
};

const TEMPLATE: GateConfigV2 = (() => {
  const template = templateConfigV2('managed-addon');
  if (!template) throw new Error('The managed-addon template of model v2 is missing');
  return template;
})();

/** Items the model adds to the template so that every kind is there: a text and a number, required to go live. */
export const RUNBOOK_ITEM = 'runbook';
export const ERROR_BUDGET_ITEM = 'error-budget';
const EXTRA_ITEMS = [
  { key: RUNBOOK_ITEM, section: 'Operations', text: 'Where is the runbook, and who is on call?', kind: 'text', requiredFor: ['go-live'], reviewedBy: 'cee' },
  { key: ERROR_BUDGET_ITEM, section: 'Operations', text: 'Monthly error budget in percent', kind: 'number', min: 0, max: 100, integer: true, unit: '%', requiredFor: ['go-live'], reviewedBy: 'sre-p' },
] as const;

const LABEL_CONDITION = { field: 'issuetype', is: TICKET_TYPE } as const;

function layeredApplies(variant: VariantV2): GateConfigV2Input['teams'][number]['applies'] {
  switch (variant.layeredSre) {
    case 'if-present':
      return { when: 'if-present' };
    case 'if-present-or-task':
      return { when: 'if-present', condition: { anyOf: [LABEL_CONDITION] } };
    case 'when-task':
      return { when: 'condition', condition: { anyOf: [LABEL_CONDITION] } };
    case 'when-story':
      return { when: 'condition', condition: { anyOf: [{ field: 'issuetype', is: 'Story' }] } };
    case 'always':
      return { when: 'always' };
  }
}

/**
 * The v2 configuration an admin saves for a variant, built on what is stored now (`current`) as the settings page edits
 * it: what the app keeps on teams (when a team joined) stays for teams that stay.
 * @example configV2For(BASE_VARIANT_V2, undefined).stages.map((s) => s.key) // ['promote-to-prod', 'go-live']
 */
export function configV2For(variant: VariantV2, current: GateConfigV2 | undefined): GateConfigV2Input & { version: number } {
  const previous = new Map((current?.teams ?? []).map((team) => [team.key, team as Record<string, unknown>]));
  const templateTeams = TEMPLATE.teams.map((team) => {
    const kept = { ...team, ...previous.get(team.key) };
    if (team.key === 'layered-sre') return { ...kept, applies: layeredApplies(variant) };
    if (team.key === 'sre-p') return { ...kept, groups: variant.twoForSreP ? ['golive-sre-p', OVERRIDERS_GROUP] : ['golive-sre-p'], minApprovals: variant.invalid === 'stage-lowers-minimum' ? 2 : 1 };
    return kept;
  });
  const teams = variant.owningSig ? [...templateTeams, { ...OWNING_SIG, ...previous.get(OWNING_SIG_TEAM) }] : templateTeams;
  const sig = variant.owningSig ? [{ team: OWNING_SIG_TEAM }] : [];
  const approvals = variant.lifetimes === 'approvals' || variant.lifetimes === 'both';
  const waivers = variant.lifetimes === 'waivers' || variant.lifetimes === 'both';
  const lifetimes = (stage: string): { approvalLifetimeDays?: number; waiverLifetimeDays?: number } => ({
    ...(approvals && APPROVAL_DAYS[stage] !== undefined && { approvalLifetimeDays: APPROVAL_DAYS[stage] }),
    ...(waivers && WAIVER_DAYS[stage] !== undefined && { waiverLifetimeDays: WAIVER_DAYS[stage] }),
  });
  const stages = TEMPLATE.stages.map((stage) => {
    if (stage.key === 'promote-to-prod') {
      const teamsOf = variant.invalid === 'stage-lowers-minimum' ? stage.teams.map((t) => (t.team === 'sre-p' ? { team: 'sre-p', minApprovals: 1 } : t)) : stage.teams;
      return { ...stage, ...lifetimes(stage.key), teams: [...teamsOf, ...sig], carryOver: variant.invalid === 'carry-over-later-stage' ? ['go-live'] : [] };
    }
    return {
      ...stage,
      ...lifetimes(stage.key),
      teams: [...stage.teams.map((t) => (t.team === 'sre-p' && variant.twoForSreP ? { team: 'sre-p', minApprovals: 2 } : { team: t.team })), ...sig],
      carryOver: variant.carryOver ? ['promote-to-prod'] : [],
    };
  });
  const items = [...TEMPLATE.items, ...EXTRA_ITEMS].map((item) =>
    variant.invalid === 'choice-with-one-option' && item.kind === 'choice' ? { ...item, options: (item.options ?? []).slice(0, 1) } : item,
  );
  return {
    ...TEMPLATE,
    version: current?.version ?? 0,
    fieldNames: { ...TEMPLATE.fieldNames, ...(variant.owningSig && { [OWNING_SIG_FIELD]: 'Owning SIG' }) },
    scope: { issueTypes: variant.scope === 'every' ? [] : [variant.scope === 'tasks' ? TICKET_TYPE : 'Story'], labels: [] },
    teams,
    stages,
    items: items as GateConfigV2Input['items'],
    policies: {
      ...TEMPLATE.policies,
      reporterMayApprove: variant.reporterMayApprove,
      onePersonOneTeam: variant.onePersonOneTeam,
      separationOfDuties: variant.separationOfDuties,
      overrideGroups: [OVERRIDERS_GROUP],
    },
  };
}

/** The parts of a v2 configuration the model reasons about, read from the data an admin saves. */
export function modelConfigV2Of(variant: VariantV2): ModelConfig {
  const input = configV2For(variant, undefined);
  const items: [string, ModelItem][] = (input.items ?? []).map((item) => [
    item.key,
    { kind: item.kind ?? 'text', options: item.options ?? [], min: item.min, max: item.max, integer: item.integer ?? false, requiredFor: item.requiredFor ?? [], reviewedBy: item.reviewedBy, agreedBy: item.agreedBy, agreedByEveryTeam: item.agreedByEveryTeam },
  ]);
  const applies = (team: (typeof input.teams)[number]): ModelApplies => {
    const rule = team.applies ?? { when: 'always' };
    if (rule.when === 'always') return { when: 'always' };
    const issueTypes = (rule.condition?.anyOf ?? []).flatMap((c) => (c.field === 'issuetype' && 'is' in c ? [c.is] : []));
    return { when: rule.when, issueTypes };
  };
  return {
    teams: new Map(input.teams.map((team) => [team.key, { groups: team.groups ?? [], ...(team.approversFrom && { fromField: { field: team.approversFrom.field, groups: team.approversFrom.groups ?? {} } }) }])),
    stages: new Map(
      input.stages.map((stage) => [
        stage.key,
        { teams: (stage.teams ?? []).map((t) => t.team), numbers: stage.numbers ?? [], questions: items.filter(([, item]) => item.requiredFor.includes(stage.key)).map(([key]) => key) },
      ]),
    ),
    numbers: new Map((input.numbers ?? []).map((n) => [n.key, { integer: n.integer ?? true, min: n.min, max: n.max, signedOffBy: n.signedOffBy }])),
    questions: new Map(items.map(([key, item]) => [key, { reviewedBy: item.reviewedBy }])),
    reporterMayApprove: input.policies?.reporterMayApprove ?? false,
    onePersonOneTeam: input.policies?.onePersonOneTeam ?? true,
    overrideGroups: input.policies?.overrideGroups ?? [],
    v2: {
      issueTypes: input.scope?.issueTypes ?? [],
      applies: new Map(input.teams.map((team) => [team.key, applies(team)])),
      minApprovals: new Map(
        input.stages.flatMap((stage) => (stage.teams ?? []).map((t): [string, number] => [`${stage.key}.${t.team}`, t.minApprovals ?? input.teams.find((team) => team.key === t.team)?.minApprovals ?? 1])),
      ),
      carryOver: new Map(input.stages.map((stage) => [stage.key, stage.carryOver ?? []])),
      items: new Map(items),
      separationOfDuties: input.policies?.separationOfDuties ?? true,
      approvalLifetimeDays: new Map(input.stages.flatMap((stage): [string, number][] => (stage.approvalLifetimeDays === undefined ? [] : [[stage.key, stage.approvalLifetimeDays]]))),
      waiverLifetimeDays: new Map(input.stages.flatMap((stage): [string, number][] => (stage.waiverLifetimeDays === undefined ? [] : [[stage.key, stage.waiverLifetimeDays]]))),
    },
  };
}
