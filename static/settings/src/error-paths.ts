import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { fieldId } from '../../shared/field-errors';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  key: 'Key',
  name: 'Name',
  area: 'Area',
  groups: 'Groups',
  description: 'Description',
  requiredTeams: 'Required teams',
  requiredNumbers: 'Required numbers',
  approvalLifetimeDays: 'Approval lifetime',
  reminders: 'Reminders',
  requiresRelease: 'Needs a target release',
  freeze: 'Freeze',
  daysBeforeRelease: 'Freeze days before the release',
  exceptionGroups: 'Exception groups',
  remindAfterHours: 'Remind after',
  repeatEveryDays: 'Remind again every',
  escalateAfterHours: 'Escalate after',
  escalationGroups: 'Escalation groups',
  fromStatus: 'Review begins in status',
  label: 'Label',
  unit: 'Unit',
  integer: 'Whole numbers only',
  min: 'Minimum',
  max: 'Maximum',
  signedOffBy: 'Signed off by',
  section: 'Section',
  text: 'Question',
  requiredFor: 'Needed for',
  reviewedBy: 'Reviewed by',
  agreedBy: 'Also agreed by',
  agreedByEveryTeam: 'Agreed by every team',
  reporterMayApprove: 'Reporter may approve',
  onePersonOneTeam: 'One person, one team',
  overrideGroups: 'Override groups',
  policies: 'Policies',
  teams: 'Teams',
  stages: 'Stages',
  numbers: 'Numbers',
  questions: 'Questions',
  items: 'Checklist and questions',
  team: 'Team',
  minApprovals: 'Approvers who must agree',
  applies: 'Applies',
  when: 'When',
  condition: 'Condition',
  anyOf: 'Tests',
  field: 'Field',
  is: 'Value',
  approversFrom: 'Approvers from a ticket field',
  kind: 'Kind',
  options: 'Options',
  carryOver: 'Carry-over',
  waiverLifetimeDays: 'Waiver lifetime',
  scope: 'Which tickets are gated',
  issueTypes: 'Issue types',
  labels: 'Labels',
  separationOfDuties: 'Separation of duties',
  recheckMembershipAtTransition: 'Re-check approvers at the transition',
  fieldNames: 'Field names',
};

function itemName(config: GateConfig, list: string, index: number): string {
  const ordinal = index + 1;
  switch (list) {
    case 'teams': {
      const team = config.teams[index];
      return `Team ${ordinal}${team?.name ? ` (${team.name})` : ''}`;
    }
    case 'stages': {
      const stage = config.stages[index];
      return `Stage ${ordinal}${stage?.name ? ` (${stage.name})` : ''}`;
    }
    case 'numbers': {
      const number = config.numbers[index];
      return `Number ${ordinal}${number?.label ? ` (${number.label})` : ''}`;
    }
    case 'items': {
      const item = config.items[index];
      return `Item ${ordinal}${item?.key ? ` (${item.key})` : ''}`;
    }
    default:
      return `${list} ${ordinal}`;
  }
}

/**
 * Where a field-error path points, in words.
 * @example describePath(config, 'stages.1.teams.0.team') // "Stage 2 (Go live) › Teams › 1 › Team"
 */
export function describePath(config: GateConfig, path: string): string {
  if (path === '(root)') return 'Configuration';
  const [list, index, ...rest] = path.split('.');
  if (list === undefined) return path;
  const position = Number(index);
  if (index === undefined || !Number.isInteger(position)) return [list, index, ...rest].filter((p) => p !== undefined).map((p) => FIELD_NAMES[p] ?? p).join(' › ');
  return [itemName(config, list, position), ...rest.map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : FIELD_NAMES[p] ?? p))].join(' › ');
}

/** Focuses the input for a path, or the nearest enclosing part of the form that exists. */
export function focusPath(path: string): void {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const element = document.getElementById(fieldId(parts.slice(0, length).join('.')));
    if (element !== null) {
      // A folded team hides its inputs: unfold every enclosing <details> first.
      for (let details = element.closest('details'); details !== null; details = details.parentElement?.closest('details') ?? null) details.open = true;
      element.focus();
      element.scrollIntoView({ block: 'center' });
      return;
    }
  }
}
