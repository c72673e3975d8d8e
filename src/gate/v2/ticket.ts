import type { TargetVersion } from '../target-release';
import type { Condition, ConditionTest, GateConfigV2, Team } from './config';

/**
 * What Jira says about a ticket, as the rules need it: the adapter reads it with the issue (one request, asking for the
 * custom fields `customFieldIdsOf` names) and turns field values into plain strings (a select's option value, a group
 * picker's group names, component names).
 */
export interface TicketFacts {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  /** The issue type's name, as the scope names it. */
  readonly issueType: string;
  /** The status id, to tell whether the ticket went back before a passed stage. */
  readonly statusId?: string | undefined;
  /** The status name, to tell whether the ticket sits before a passed stage (the stages' statuses are names). */
  readonly status?: string | undefined;
  /** Jira's current reporter: the reporter rule is judged against this, not against who reported when someone approved. */
  readonly reporterAccountId?: string | undefined;
  readonly labels: readonly string[];
  readonly components: readonly string[];
  /** The ticket's fix versions: the release approvals of a stage requiring one cover, and its freeze (issue 16). */
  readonly targetRelease?: readonly TargetVersion[] | undefined;
  /** Custom field values by field id, each as a list of strings (empty or absent: not set). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

/**
 * The values a ticket has for a field a condition or an approver source names.
 *
 * @example
 * fieldValues(ticket, 'labels') // ['layered-sre']
 * fieldValues(ticket, 'customfield_10070') // ['sig-node']
 */
export function fieldValues(ticket: TicketFacts, field: string): readonly string[] {
  switch (field) {
    case 'labels':
      return ticket.labels;
    case 'components':
      return ticket.components;
    case 'issuetype':
      return [ticket.issueType];
    default:
      return Object.hasOwn(ticket.fields, field) ? (ticket.fields[field] ?? []) : [];
  }
}

/**
 * The custom fields the configuration reads from a ticket (approvers from a field, conditions on one), each once, in
 * order: what the issue store asks Jira for with the issue, and nothing more.
 *
 * @example
 * customFieldIdsOf(prrConfig) // ['customfield_10070']
 * customFieldIdsOf(addonConfig) // [] (its condition is on a label)
 */
export function customFieldIdsOf(config: GateConfigV2): string[] {
  const fields = config.teams.flatMap((team) => [
    ...(team.approversFrom === undefined ? [] : [team.approversFrom.field]),
    ...(team.applies.when === 'always' ? [] : (team.applies.condition?.anyOf ?? []).map((test) => test.field)),
  ]);
  return [...new Set(fields.filter((field) => field.startsWith('customfield_')))].sort();
}

function testHolds(test: ConditionTest, ticket: TicketFacts): boolean {
  const values = fieldValues(ticket, test.field);
  return 'is' in test ? values.includes(test.is) : values.some((v) => v.trim() !== '');
}

/**
 * Whether a condition holds on the ticket: any of its tests.
 *
 * @example
 * conditionHolds({ anyOf: [{ field: 'labels', is: 'layered-sre' }] }, ticket) // true when the ticket has the label
 */
export function conditionHolds(condition: Condition, ticket: TicketFacts): boolean {
  return condition.anyOf.some((test) => testHolds(test, ticket));
}

/**
 * The name a sentence uses for a field: its display name when the configuration knows it.
 *
 * @example
 * fieldName(config, 'customfield_10070') // 'Owning SIG'
 * fieldName(config, 'labels') // 'label'
 */
export function fieldName(config: GateConfigV2, field: string): string {
  if (field === 'labels') return 'label';
  if (field === 'components') return 'component';
  if (field === 'issuetype') return 'issue type';
  return Object.hasOwn(config.fieldNames, field) ? (config.fieldNames[field] ?? field) : field;
}

/**
 * A condition in words.
 *
 * @example
 * describeCondition(config, { anyOf: [{ field: 'labels', is: 'layered-sre' }, { field: 'customfield_10080', isSet: true }] })
 * // 'the label is layered-sre, or Layered SRE team is set'
 */
export function describeCondition(config: GateConfigV2, condition: Condition): string {
  return condition.anyOf.map((test) => ('is' in test ? `the ${fieldName(config, test.field)} is ${test.is}` : `${fieldName(config, test.field)} is set`)).join(', or ');
}

/** A group that acts for a team on one ticket, and where it came from. */
export interface ApproverGroup {
  readonly group: string;
  readonly source: 'team-group' | 'ticket-field';
  /** For a group from a field: the field value that named it. */
  readonly fieldValue?: string;
}

export interface TicketApprovers {
  readonly groups: readonly ApproverGroup[];
  /** Why the ticket's field names no approvers, when the team takes them from a field: "Owning SIG is not set". */
  readonly problem?: string;
}

/**
 * The groups that act for a team on this ticket: its static groups, and those its approver field names on the ticket.
 * Resolved when a decision is made and again at the transition, so a changed field changes who counts.
 *
 * @example
 * approverGroupsOn(config, owningSig, ticket).groups.map((g) => g.group) // ['golive-sig-node']
 */
export function approverGroupsOn(config: GateConfigV2, team: Team, ticket: TicketFacts): TicketApprovers {
  const groups: ApproverGroup[] = team.groups.map((group) => ({ group, source: 'team-group' }));
  const from = team.approversFrom;
  if (from === undefined) return { groups };
  const name = fieldName(config, from.field);
  const values = fieldValues(ticket, from.field).filter((v) => v.trim() !== '');
  if (values.length === 0) return { groups, problem: `${name} is not set on this ticket` };
  const unknown: string[] = [];
  for (const value of values) {
    const mapped = from.groups !== undefined && Object.hasOwn(from.groups, value) ? from.groups[value] : undefined;
    // A group picker names the group itself; its map, when given, is the list of groups it may name.
    const named = mapped ?? (from.kind === 'group-picker' && from.groups === undefined ? [value] : undefined);
    if (named === undefined) unknown.push(value);
    for (const group of named ?? []) {
      if (!groups.some((g) => g.group === group)) groups.push({ group, source: 'ticket-field', fieldValue: value });
    }
  }
  if (unknown.length > 0 && groups.every((g) => g.source === 'team-group')) {
    return { groups, problem: `${name} is ${unknown.join(', ')}, which names no group that acts for ${team.name}` };
  }
  return { groups };
}

/**
 * Why the gate does not apply to the ticket, or undefined when it does.
 *
 * @example
 * outOfScope(config, { ...ticket, issueType: 'Bug' }) // 'Go-Live Gate does not apply to Bug tickets in SKU'
 */
export function outOfScope(config: GateConfigV2, ticket: TicketFacts): string | undefined {
  const { issueTypes, labels } = config.scope;
  if (issueTypes.length > 0 && !issueTypes.includes(ticket.issueType)) return `Go-Live Gate does not apply to ${ticket.issueType} tickets in ${ticket.projectKey}`;
  if (labels.length > 0 && !labels.some((label) => ticket.labels.includes(label))) {
    const which = labels.length === 1 ? `the label ${labels[0] ?? ''}` : `one of the labels ${labels.join(', ')}`;
    return `Go-Live Gate applies in ${ticket.projectKey} only to tickets with ${which}`;
  }
  return undefined;
}
