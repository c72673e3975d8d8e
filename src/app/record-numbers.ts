import type { GateView, RecordNumbersPayload } from '../contract';
import { checkNumbers } from '../gate/input-checks';
import { readRecords } from '../gate/integrity';
import { numbersRecord } from '../gate/record-builders';
import { mayRecord } from '../gate/permissions';
import { ForbiddenError, ValidationError } from '../errors';
import { loadIssueContext, requireConfigured, snapshotOf } from './issue-context';
import type { Caller, PanelPorts } from '../ports';
import { writeRecord } from './write-record';

/**
 * `recordNumbers`: records capacity, velocity and other numbers, keeping the trusted values not named in the payload.
 * Only the teams that sign off a changed number must approve again.
 *
 * @example
 * const view = await recordNumbers(ports, { accountId: 'acc-pm' }, 'SKU-1', { values: { capacity: 500 } });
 */
export async function recordNumbers(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: RecordNumbersPayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, digests, groups, stored } = context;
  const { config } = stored;
  const errors = checkNumbers(config, payload.values);
  if (errors.length > 0) throw new ValidationError('Some numbers are not valid; nothing was saved.', errors);
  if (!mayRecord(config, { accountId: caller.accountId, groups, reporterAccountId: issue.reporterAccountId })) {
    throw new ForbiddenError('Only the reporter and the members of a gating team may record numbers on this ticket.');
  }

  // Untrusted numbers are never carried over: they would be laundered into a record the app vouches for.
  const trusted = readRecords(config, snapshotOf(issue, digests)).numbers?.values;
  const now = ports.clock.now();
  const record = numbersRecord({ issueId: issue.id, by: caller.accountId, at: now.toISOString() }, trusted, payload.values);
  const detail = Object.entries(payload.values)
    .map(([key, value]) => `${config.numbers.find((n) => n.key === key)?.label ?? key} = ${value}`)
    .join(', ');
  return writeRecord(ports, caller, context, record, { action: 'record-numbers', detail: `Recorded ${detail || 'no numbers'}` }, now);
}
