import { NotFoundError } from '../errors';
import type { DecisionSource } from '../gate/decision-source';
import { isStaleForHead } from '../gate/decision-source';
import type { ChangeRequest, Provider } from '../gate/provider-refs';
import { describeChange, PROVIDER_NAMES } from '../gate/provider-refs';
import { jiraAccountOf } from '../gate/provider-users';
import { teamProperty } from '../gate/records';
import { issueKeysOf } from '../gate/ticket-keys';
import type { DeliveryProtocol, DeliveryRequest } from '../gate/webhook-delivery';
import { readDelivery } from '../gate/webhook-delivery';
import type { ChangeRequestSource, IssueView, ProviderConnectionSettings, WebhookPorts } from '../ports';
import type { WorkEvent } from './accept-delivery';
import { acceptDelivery } from './accept-delivery';
import { decide } from './decide';
import { decisionTarget, refusalOf } from './decision-target';
import type { ConfiguredContext } from './issue-context';
import { loadIssueContext, requireConfigured } from './issue-context';
import { writeRecord } from './write-record';
import { storedRules } from './stored-rules';

/** What a web trigger answers the provider: its delivery list shows the status and the message. */
export interface WebhookReply {
  readonly status: 200 | 400 | 401 | 503;
  readonly message: string;
}

/** Jira project ids are numbers; the webhook address names its project as `?project=<id>`. */
const PROJECT_ID = /^[0-9]{1,18}$/;

/** The gated ticket a merge request is for: an issue key of the connection's project in its title, else its source branch. */
async function ticketOf(ports: WebhookPorts, connection: ProviderConnectionSettings, change: ChangeRequest): Promise<IssueView | undefined> {
  for (const key of issueKeysOf(change, [connection.projectKey])) {
    try {
      const issue = await ports.issues.getIssue(key);
      if (issue.projectId === connection.projectId) return issue;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return undefined;
}

/** The issue's context with the app acting for no team: provider events change records by the provider's word, not a person's. */
async function contextAsApp(ports: WebhookPorts, issueId: string): Promise<ConfiguredContext> {
  const noGroups = { ...ports.directory, groupsOf: () => Promise.resolve([]) };
  return requireConfigured(await loadIssueContext({ ...ports, directory: noGroups }, { accountId: 'app' }, issueId));
}

/**
 * An approval given or withdrawn on a merge or pull request. The delivery only says where to look: the approvals are
 * read from the provider's API, and only an approval standing there now is recorded, for the mapped Jira account's
 * team under the panel's rules, with the head commit it was given for. A withdrawn approval revokes the decision it
 * recorded from that merge request.
 */
async function approvalChanged(ports: WebhookPorts, provider: Provider, source: ChangeRequestSource, connection: ProviderConnectionSettings, event: Extract<WorkEvent, { kind: 'approval' }>): Promise<string> {
  const change = await source.getChangeRequest(event.change);
  const named = describeChange(change.ref);
  const ticket = await ticketOf(ports, connection, change);
  if (ticket === undefined) return `No ${connection.projectKey} ticket is named in the title or source branch of ${named}; nothing recorded`;
  const stored = await ports.configs.get(ticket.projectId).then(storedRules);
  if (stored === undefined) return `Go-Live Gate is not set up for ${connection.projectKey}; nothing recorded`;
  const account = jiraAccountOf(stored.config.providerUsers ?? [], event.by);
  if (!account.ok) return `${account.reason}; nothing recorded`;
  const { accountId } = account;
  const standing = (await source.getApprovals(change.ref)).some((approval) => approval.user.id === event.by.id);
  const sourceOf: DecisionSource = { kind: provider, url: change.url, headSha: change.headSha };
  const now = ports.clock.now();
  const context = requireConfigured(await loadIssueContext(ports, { accountId }, ticket.id));
  const nameOf = (team: string): string => stored.config.teams.find((t) => t.key === team)?.name ?? team;

  if (!standing) {
    if (event.action === 'approved') return `${PROVIDER_NAMES[provider]} shows no approval by ${event.by.login} on ${named} now; nothing recorded`;
    const team = Object.values(context.verified.records.written.decisions).find((d) => d.decision === 'approved' && d.by === accountId && d.source !== undefined && 'url' in d.source && d.source.url === change.url)?.team;
    if (team === undefined) return `${event.by.login} has no approval from ${named} on ${ticket.key} to withdraw`;
    return recorded(ports, accountId, ticket, { team, decision: 'revoke' }, sourceOf, `${nameOf(team)} withdraws its approval on ${ticket.key} (${event.by.login} on ${named})`);
  }
  const target = decisionTarget(context, accountId, { kind: 'approve' }, now);
  if (!target.ok) return `${target.reason}; nothing recorded`;
  const stageName = stored.config.stages.find((s) => s.key === target.value.stage)?.name ?? target.value.stage;
  return recorded(ports, accountId, ticket, { team: target.value.team, decision: 'approve' }, sourceOf, `${nameOf(target.value.team)} approves ${stageName} on ${ticket.key} (${event.by.login} on ${named})`);
}

async function recorded(ports: WebhookPorts, accountId: string, ticket: IssueView, payload: { readonly team: string; readonly decision: 'approve' | 'revoke' }, source: DecisionSource, what: string): Promise<string> {
  try {
    await decide(ports, { accountId }, ticket.id, payload, source);
    return `Recorded: ${what}`;
  } catch (error) {
    const reason = refusalOf(error);
    if (reason === undefined) throw error;
    return `${reason} Nothing recorded`;
  }
}

/**
 * New commits on a merge request: every approval recorded from it for an earlier head is marked stale on the ticket (a
 * tamper-evident write like any other), as GitLab's "reset approvals on push" does. The head is read from the
 * provider's API, so a delivery naming a head that is not there changes nothing.
 */
async function headChanged(ports: WebhookPorts, provider: Provider, source: ChangeRequestSource, connection: ProviderConnectionSettings, event: Extract<WorkEvent, { kind: 'head-changed' }>): Promise<string> {
  const change = await source.getChangeRequest(event.change);
  const ticket = await ticketOf(ports, connection, change);
  if (ticket === undefined) return `No ${connection.projectKey} ticket is named in ${describeChange(change.ref)}; nothing to mark stale`;
  const context = await contextAsApp(ports, ticket.id);
  const outdated = Object.values(context.verified.records.written.decisions).filter(
    (d) => d.decision === 'approved' && d.headMoved?.headSha !== change.headSha && d.source !== undefined && 'url' in d.source && d.source.url === change.url && isStaleForHead(d.source, change.headSha),
  );
  const now = ports.clock.now();
  const actor = { accountId: PROVIDER_NAMES[provider] };
  for (const decision of outdated) {
    await writeRecord(ports, actor, context, teamProperty(decision.team), (verified) => {
      const current = verified.records.written.decisions[decision.team] ?? decision;
      return {
        record: { ...current, headMoved: { headSha: change.headSha, at: now.toISOString() } },
        entry: { action: 'stale', team: decision.team, detail: `${decision.team}'s approval from ${describeChange(change.ref)} is stale: new head ${change.headSha.slice(0, 7)}` },
      };
    }, now);
  }
  return outdated.length === 0 ? `No approval on ${ticket.key} came from an earlier head of ${describeChange(change.ref)}` : `Marked stale on ${ticket.key}: ${outdated.map((d) => d.team).join(', ')}`;
}

/**
 * One webhook delivery from GitLab or GitHub for one project's connection (`?project=<id>` in the address): read and
 * authenticated with that project's secret (`protocolOf`), refused when replayed, then re-read from the provider's API
 * before anything is recorded. Answers 200 with what was done (or why nothing was), 400/401 for deliveries that are
 * malformed, replayed or not genuine, and 503 when the provider or Jira did not answer: the delivery is then forgotten,
 * so the provider's retry is processed.
 *
 * @example
 * await receiveWebhook(ports, 'gitlab', request, '10000', (secrets) => gitlabProtocol(secrets, nodeWebhookCrypto)) // { status: 200, message: 'Recorded: ...' }
 */
export async function receiveWebhook(ports: WebhookPorts, provider: Provider, request: DeliveryRequest, projectId: string | undefined, protocolOf: (secrets: readonly string[]) => DeliveryProtocol): Promise<WebhookReply> {
  if (projectId === undefined || !PROJECT_ID.test(projectId)) {
    return { status: 400, message: 'The webhook address names no project (?project=<id>): copy the address from the Go-Live Gate project settings' };
  }
  const connection = await ports.connections.get(projectId, provider);
  const protocol = protocolOf(connection === undefined ? [] : [connection.webhookSecret]);
  const outcome = await acceptDelivery(readDelivery(request, protocol), ports.deliveries, ports.clock.now());
  if (outcome.kind === 'answered') return outcome.answer;
  if (connection === undefined) return { status: 401, message: `No ${PROVIDER_NAMES[provider]} connection is set up for this project` };
  const source = ports.sourceFor(provider, connection);
  try {
    const { event } = outcome;
    if (event.kind === 'approval') return { status: 200, message: await approvalChanged(ports, provider, source, connection, event) };
    if (event.kind === 'head-changed') return { status: 200, message: await headChanged(ports, provider, source, connection, event) };
    return { status: 200, message: 'Check results are not used by this gate yet' };
  } catch (error) {
    await ports.deliveries.release(provider, outcome.deliveryId);
    console.warn(`Go-Live Gate could not process ${PROVIDER_NAMES[provider]} delivery ${outcome.deliveryId}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
    return { status: 503, message: `${PROVIDER_NAMES[provider]} or Jira did not answer; nothing recorded. The delivery can be sent again.` };
  }
}
