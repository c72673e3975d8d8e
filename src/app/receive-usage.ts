import { breachInWords, commitments } from '../gate/commitments';
import type { UsageAnswer } from '../gate/usage-delivery';
import { readUsageDelivery, usageProjectOf } from '../gate/usage-delivery';
import type { DeliveryRequest } from '../gate/webhook-delivery';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '../errors';
import type { UsageDeliveryPorts } from '../ports';
import { writeUsage } from './record-usage';
import { verifyIssue, withLegacyDigests } from './verified-issue';
import { withLinkedTickets } from './linked-tickets';
import { storedRules } from './stored-rules';

/**
 * A usage delivery from a billing or quota system (the `usage` web trigger): authenticated with the project's secret
 * (401 otherwise, before its body is read), checked against the ticket and the gate's numbers (400 otherwise), then
 * recorded as every record is. Nothing is recorded for a delivery that is refused; a 503 asks the sender to retry.
 *
 * @example
 * await receiveUsage(ports, { headers, body: '{"issue":"SKU-4","measuredAt":"2026-11-29T10:00:00Z","usage":{"capacity":120}}' })
 * // { status: 200, message: 'Recorded usage for SKU-4. Capacity breached: 120 customers measured, 100 customers agreed' }
 */
export async function receiveUsage(ports: UsageDeliveryPorts, request: DeliveryRequest): Promise<UsageAnswer> {
  const project = usageProjectOf(request);
  if (!project.ok) return project.answer;
  const now = ports.clock.now();
  try {
    const read = readUsageDelivery(request, await ports.usageSecrets.get(project.projectId), ports.crypto, now);
    if (!read.ok) return read.answer;
    const { delivery } = read;
    const issue = await ports.issues.getIssue(delivery.issue).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (issue === undefined || issue.projectId !== project.projectId) return { status: 400, message: `Project ${project.projectId} has no issue ${delivery.issue}` };
    const [stored, heads] = await Promise.all([ports.configs.get(issue.projectId).then(storedRules), ports.records.heads(issue.id).then((found) => withLegacyDigests(ports, issue, found))]);
    if (stored === undefined) return { status: 400, message: `Go-Live Gate is not set up for project ${issue.projectKey}` };
    const context = { issue, stored, heads, verified: verifyIssue(stored.config, await withLinkedTickets(ports, stored.config, issue), heads), groups: [], audit: { events: [] } };
    const caller = { accountId: `${delivery.source} (web trigger)` };
    const view = await writeUsage(ports, caller, context, { values: delivery.usage, measuredAt: delivery.measuredAt, source: 'webtrigger', by: delivery.source }, now);
    const breaches = commitments(stored.config, view.records.numbers?.values, view.records.usage?.values).filter((c) => c.state === 'breached');
    return { status: 200, message: [`Recorded usage for ${issue.key}.`, ...breaches.map(breachInWords)].join(' ') };
  } catch (error) {
    if (error instanceof ValidationError) {
      const fields = error.fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return { status: 400, message: fields === '' ? error.message : `${error.message} ${fields}` };
    }
    if (error instanceof UnavailableError || error instanceof ConflictError) return { status: 503, message: `${error.message} Send the delivery again.` };
    throw error;
  }
}
