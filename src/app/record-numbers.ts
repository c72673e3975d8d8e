import type { GateView, RecordNumbersPayload } from '../contract';
import { checkBases, checkNumbers } from '../gate/input-checks';
import { numbersRecord } from '../gate/record-builders';
import { NUMBERS_PROPERTY } from '../gate/records';
import { refusalToRecordV2 } from '../gate/v2/permissions';
import { gateFactsOf } from './gate-facts';
import { ForbiddenError, ValidationError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import { loadIssueContext, requireConfigured } from './issue-context';
import { refuseWherePassed } from './passed-stages';
import type { VerifiedIssue } from './verified-issue';
import { writeRecord } from './write-record';

/**
 * `recordNumbers`: records capacity, velocity and other numbers, merged into the numbers the app wrote last (so two
 * people recording different numbers at the same moment are both kept). Only the teams that sign off a changed number
 * must approve again.
 *
 * @example
 * const view = await recordNumbers(ports, { accountId: 'acc-pm' }, 'SKU-1', { values: { capacity: 500 } });
 */
export async function recordNumbers(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: RecordNumbersPayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, groups, stored } = context;
  const { config } = stored;
  const errors = [...checkNumbers(config, payload.values), ...checkBases(config, payload.basis ?? {})];
  if (errors.length > 0) throw new ValidationError('Some numbers are not valid; nothing was saved.', errors);

  const now = ports.clock.now();
  const labelOf = (key: string): string => config.numbers.find((n) => n.key === key)?.label ?? key;
  const detail = [
    ...Object.entries(payload.values).map(([key, value]) => `${labelOf(key)} = ${value}`),
    ...Object.keys(payload.basis ?? {}).map((key) => `the basis of ${labelOf(key)}`),
  ].join(', ');
  // The base is what the app wrote (KVS), never the property: values someone put there are not laundered into a record.
  const targets = [...Object.keys(payload.values), ...Object.keys(payload.basis ?? {})].map((key) => ({ kind: 'number' as const, key }));
  const draft = (verified: VerifiedIssue) => {
    // Whoever acts for a team on this ticket may record, also through the groups a ticket field names (approvers from a
    // field), which only the ticket's facts tell (found by the reference model).
    const refusal = refusalToRecordV2({ facts: gateFactsOf(stored.configV2, verified), accountId: caller.accountId, groups }, 'record numbers');
    if (refusal !== undefined) throw new ForbiddenError(`${refusal}.`);
    refuseWherePassed(stored.configV2, verified, targets);
    const { records } = verified;
    const record = numbersRecord({ issueId: issue.id, by: caller.accountId, at: now.toISOString() }, records.written.numbers, payload.values, payload.basis);
    return { record, entry: { action: 'record-numbers', detail: `Recorded ${detail || 'no numbers'}` } };
  };
  return writeRecord(ports, caller, context, NUMBERS_PROPERTY, draft, now);
}
