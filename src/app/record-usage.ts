import type { GateView, RecordUsagePayload } from '../contract';
import type { UsageMeasurement } from '../gate/commitments';
import { checkUsage, mayRecordUsage, usageRecord } from '../gate/commitments';
import { USAGE_PROPERTY } from '../gate/records';
import { ForbiddenError, ValidationError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import type { ConfiguredContext } from './issue-context';
import { loadIssueContext, requireConfigured } from './issue-context';
import type { VerifiedIssue } from './verified-issue';
import { writeRecord } from './write-record';

/**
 * Writes a usage measurement as every record is written (head with digest in KVS, compare-and-set, audit event, the
 * property, the summary with its `breached` numbers, and the signing team told of a new breach), merged into the usage
 * the app wrote last. A measurement older than the one recorded is refused and changes nothing.
 *
 * @example
 * await writeUsage(ports, caller, context, { values: { capacity: 120 }, measuredAt, source: 'panel', by: 'acc-sre-p' }, now);
 */
export async function writeUsage(
  ports: PanelPorts,
  caller: Caller,
  context: ConfiguredContext,
  measurement: Omit<UsageMeasurement, 'issueId' | 'at'>,
  now: Date,
): Promise<GateView> {
  const { config } = context.stored;
  const errors = checkUsage(config, measurement.values);
  if (errors.length > 0) throw new ValidationError('Some usage values are not valid; nothing was recorded.', errors);
  const detail = Object.entries(measurement.values)
    .map(([key, value]) => `${config.numbers.find((n) => n.key === key)?.label ?? key} ${value}`)
    .join(', ');
  const draft = ({ issue, records }: VerifiedIssue) => {
    const record = usageRecord(records.written.usage, { ...measurement, issueId: issue.id, at: now.toISOString() });
    if (record === undefined) {
      const recorded = records.written.usage?.measuredAt ?? '';
      throw new ValidationError(`This usage was measured at ${measurement.measuredAt}, before the usage recorded (measured at ${recorded}); nothing was recorded.`, [
        { path: 'measuredAt', message: `is before the usage recorded (${recorded})` },
      ]);
    }
    return { record, entry: { action: 'record-usage', detail: `Recorded usage (${measurement.source === 'panel' ? 'in the panel' : `from ${measurement.by}`}): ${detail}` } };
  };
  return writeRecord(ports, caller, context, USAGE_PROPERTY, draft, now);
}

/**
 * `recordUsage`: a member of a gating team records the usage measured now (customers against capacity, new customers
 * per week against velocity).
 *
 * @example
 * const view = await recordUsage(ports, { accountId: 'acc-sre-p' }, 'SKU-4', { values: { capacity: 120 } });
 */
export async function recordUsage(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: RecordUsagePayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  if (!mayRecordUsage(context.stored.config, context.groups)) {
    throw new ForbiddenError('Only the members of a gating team may record usage on this ticket.');
  }
  const now = ports.clock.now();
  return writeUsage(ports, caller, context, { values: payload.values, measuredAt: now.toISOString(), source: 'panel', by: caller.accountId }, now);
}
