import type { ApproversFrom } from './config';

/** What Jira says a field holds (its FieldDetails `schema`): a type, the type of its items for an array, the custom type. */
export interface JiraFieldSchema {
  readonly type: string;
  readonly items?: string | undefined;
}

/** The kinds of custom field a team's approvers can come from: a component is Jira's own `components` field. */
export type CustomApproverKind = Exclude<ApproversFrom['kind'], 'component'>;

/**
 * Which kind of approver source a custom field can be, or undefined when its values cannot name groups: a single or
 * multiple select names an option (mapped to groups), a single or multiple group picker names the group itself. A
 * cascading select, a number, text or a user picker can be none of them.
 *
 * @example
 * approverFieldKind({ type: 'option' }) // 'select'
 * approverFieldKind({ type: 'array', items: 'group' }) // 'group-picker'
 * approverFieldKind({ type: 'number' }) // undefined
 */
export function approverFieldKind(schema: JiraFieldSchema): CustomApproverKind | undefined {
  const type = schema.type === 'array' ? schema.items : schema.type;
  if (type === 'option') return 'select';
  if (type === 'group') return 'group-picker';
  return undefined;
}
