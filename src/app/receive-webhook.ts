import { NotFoundError } from '../errors';
import type { DecisionSource } from '../gate/decision-source';
import { isStaleForHead } from '../gate/decision-source';
import type { ChangeRequest, Provider } from '../gate/provider-refs';
import { describeChange, PROVIDER_NAMES } from '../gate/provider-refs';
import { jiraAccountOf } from '../gate/provider-users';
import type { CheckRecord, TeamDecision } from '../gate/records';
import { checkProperty, teamProperty } from '../gate/records';
import { checkRecordOf, requiredCheckNames } from '../gate/required-checks';
import type { StageDecision } from '../gate/v2/records';
import { decisionProperty } from '../gate/v2/records';
import { issueKeysOf } from '../gate/ticket-keys';
import type { DeliveryProtocol, DeliveryRequest } from '../gate/webhook-delivery';
import { readDelivery } from '../gate/webhook-delivery';
import type { ChangeRequestSource, IssueView, ProviderConnectionSettings, WebhookPorts } from '../ports';
import type { WorkEvent } from './accept-delivery';
import { acceptDelivery } from './accept-delivery';
import { linkedTicket } from './find-ticket';
import { gateFactsOf } from './gate-facts';
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

/**
 * The gated ticket a merge request is for: an issue key of the connection's project in its title, else in its source
 * branch, else the gated ticket with a Jira remote link to it (read only when title and branch name no ticket: it
 * costs a search and a request per gated ticket, see linkedTicket).
 */
async function ticketOf(ports: WebhookPorts, connection: ProviderConnectionSettings, change: ChangeRequest): Promise<IssueView | undefined> {
  const issueOf = async (key: string): Promise<IssueView | undefined> => {
    try {
      const issue = await ports.issues.getIssue(key);
      return issue.projectId === connection.projectId ? issue : undefined;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return undefined;
    }
  };
  for (const key of issueKeysOf(change, [connection.projectKey])) {
    const issue = await issueOf(key);
    if (issue !== undefined) return issue;
  }
  const linked = await linkedTicket(ports, connection.projectId, change.url);
  return linked === undefined ? undefined : issueOf(linked);
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
  if (ticket === undefined) return `No ${connection.projectKey} ticket is named in the title or source branch of ${named} or links to it; nothing recorded`;
  const stored = await ports.configs.get(ticket.projectId).then(storedRules);
  if (stored === undefined) return `Go-Live Gate is not set up for ${connection.projectKey}; nothing recorded`;
  const account = jiraAccountOf(stored.config.providerUsers ?? [], event.by);
  if (!account.ok) return `${account.reason}; nothing recorded`;
  const { accountId } = account;
  const approval = (await source.getApprovals(change.ref)).find((a) => a.user.id === event.by.id);
  // GitHub says which commit a review was for: an approval of an earlier commit is not one of the head.
  const forEarlierCommit = approval?.commitSha !== undefined && approval.commitSha.toLowerCase() !== change.headSha;
  const standing = approval !== undefined && !forEarlierCommit;
  const sourceOf: DecisionSource = { kind: provider, url: change.url, headSha: change.headSha };
  const now = ports.clock.now();
  const context = requireConfigured(await loadIssueContext(ports, { accountId }, ticket.id));
  const nameOf = (team: string): string => stored.config.teams.find((t) => t.key === team)?.name ?? team;

  if (!standing) {
    if (event.action === 'approved' && forEarlierCommit) {
      return `${event.by.login}'s approval on ${named} was for commit ${(approval.commitSha ?? '').slice(0, 7)}, not its head ${change.headSha.slice(0, 7)}; nothing recorded`;
    }
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

/** Whether a record from a merge or pull request was given for an earlier head than `headSha` and is not yet marked so. */
function outdatedBy(record: TeamDecision | StageDecision | CheckRecord, change: ChangeRequest): boolean {
  return record.headMoved?.headSha !== change.headSha && record.source !== undefined && 'url' in record.source && record.source.url === change.url && isStaleForHead(record.source, change.headSha);
}

/**
 * New commits on a merge request: every approval (ticket-wide, and each one at a stage: gate model v2 records the
 * approval at the stages where its approver had decided otherwise) and every required check's result recorded from it
 * for an earlier head is marked stale on the ticket (a tamper-evident write like any other), as GitLab's "reset
 * approvals on push" does. The head is read from the provider's API, so a delivery naming a head that is not there
 * changes nothing.
 */
async function headChanged(ports: WebhookPorts, provider: Provider, source: ChangeRequestSource, connection: ProviderConnectionSettings, event: Extract<WorkEvent, { kind: 'head-changed' }>): Promise<string> {
  const change = await source.getChangeRequest(event.change);
  const ticket = await ticketOf(ports, connection, change);
  if (ticket === undefined) return `No ${connection.projectKey} ticket is named in ${describeChange(change.ref)} or links to it; nothing to mark stale`;
  const context = await contextAsApp(ports, ticket.id);
  const { written } = context.verified.records;
  const outdated = Object.values(written.decisions).filter((d) => d.decision === 'approved' && outdatedBy(d, change));
  const { configV2 } = context.stored;
  const atStage = (decisions: readonly StageDecision[], d: StageDecision): StageDecision | undefined => decisions.find((o) => o.stage === d.stage && o.team === d.team && o.by === d.by);
  const outdatedAtStages = gateFactsOf(configV2, context.verified).records.decisions.filter((d) => d.decision === 'approved' && outdatedBy(d, change));
  const outdatedChecks = Object.values(written.checks ?? {}).filter((c) => outdatedBy(c, change));
  const now = ports.clock.now();
  const actor = { accountId: PROVIDER_NAMES[provider] };
  const headMoved = { headSha: change.headSha, at: now.toISOString() };
  const newHead = `new head ${change.headSha.slice(0, 7)}`;
  for (const decision of outdated) {
    await writeRecord(ports, actor, context, teamProperty(decision.team), (verified) => {
      const current = verified.records.written.decisions[decision.team] ?? decision;
      return {
        record: { ...current, headMoved },
        entry: { action: 'stale', team: decision.team, detail: `${decision.team}'s approval from ${describeChange(change.ref)} is stale: ${newHead}` },
      };
    }, now);
  }
  for (const decision of outdatedAtStages) {
    const stageName = configV2.stages.find((st) => st.key === decision.stage)?.name ?? decision.stage;
    await writeRecord(ports, actor, context, decisionProperty(decision.stage, decision.team, decision.by), (verified) => ({
      record: { ...(atStage(gateFactsOf(configV2, verified).records.decisions, decision) ?? decision), headMoved },
      entry: { action: 'stale', team: decision.team, stage: decision.stage, detail: `${decision.team}'s approval at ${stageName} from ${describeChange(change.ref)} is stale: ${newHead}` },
    }), now);
  }
  for (const check of outdatedChecks) {
    const propertyKey = checkProperty(check.name);
    await writeRecord(ports, actor, context, propertyKey, (verified) => ({
      record: { ...(verified.records.written.checks?.[propertyKey] ?? check), headMoved },
      entry: { action: 'stale', detail: `The result of ${check.name} from ${describeChange(change.ref)} is stale: ${newHead}` },
    }), now);
  }
  const marked = [...new Set([...outdated, ...outdatedAtStages].map((d) => d.team)), ...outdatedChecks.map((c) => `check ${c.name}`)];
  return marked.length === 0 ? `No approval or check result on ${ticket.key} came from an earlier head of ${describeChange(change.ref)}` : `Marked stale on ${ticket.key}: ${marked.join(', ')}`;
}

/** At most this many merge requests are re-read for one check result (a commit is the head of one or two). */
const MAX_CHANGES_PER_CHECK = 5;

/**
 * A check result for a commit (a GitLab pipeline, a GitHub check run or commit status). Only checks some stage
 * requires are read; for each merge request whose head is that commit now (re-read from the API), the results of those
 * checks are read from the provider's API and recorded on the ticket, with the run's address and the head they were
 * for. A delivery's own state is never recorded: a forged "success" records what the provider says.
 */
async function checkChanged(ports: WebhookPorts, provider: Provider, source: ChangeRequestSource, connection: ProviderConnectionSettings, event: Extract<WorkEvent, { kind: 'check' }>): Promise<string> {
  const stored = await ports.configs.get(connection.projectId).then(storedRules);
  if (stored === undefined) return `Go-Live Gate is not set up for ${connection.projectKey}; nothing recorded`;
  const reported = requiredCheckNames(stored.config).filter((name) => event.checks.some((c) => c.name.toLowerCase() === name.toLowerCase()));
  if (reported.length === 0) return `No stage of ${connection.projectKey} requires ${event.checks.map((c) => c.name).join(', ') || 'these checks'}; nothing recorded`;
  const refs = event.changes.length > 0 ? event.changes : await source.changeRequestsFor(event.repository, event.sha);
  const sha = event.sha.toLowerCase();
  const said: string[] = [];
  for (const ref of refs.slice(0, MAX_CHANGES_PER_CHECK)) {
    const change = await source.getChangeRequest(ref);
    const named = describeChange(change.ref);
    if (change.headSha !== sha) {
      said.push(`${named} is at ${change.headSha.slice(0, 7)} now, not ${sha.slice(0, 7)}: nothing recorded`);
      continue;
    }
    const ticket = await ticketOf(ports, connection, change);
    if (ticket === undefined) {
      said.push(`No ${connection.projectKey} ticket is named in the title or source branch of ${named} or links to it; nothing recorded`);
      continue;
    }
    const [results, context] = await Promise.all([source.getChecks(change.ref.repository, change.headSha), contextAsApp(ports, ticket.id)]);
    const now = ports.clock.now();
    const recorded: string[] = [];
    const unchanged: string[] = [];
    for (const name of reported) {
      const result = results.find((r) => r.name.toLowerCase() === name.toLowerCase());
      if (result === undefined) {
        unchanged.push(`${PROVIDER_NAMES[provider]} shows no result of ${name} for ${sha.slice(0, 7)}`);
        continue;
      }
      const propertyKey = checkProperty(name);
      const reading = { issueId: ticket.id, name, result, change: { provider, url: change.url, headSha: change.headSha }, by: PROVIDER_NAMES[provider], at: now.toISOString() };
      const record = checkRecordOf(reading, context.verified.records.written.checks?.[propertyKey]);
      const what = `${name} ${result.state} for ${sha.slice(0, 7)}`;
      if (record === undefined) {
        unchanged.push(`${what} was recorded before`);
        continue;
      }
      await writeRecord(ports, { accountId: PROVIDER_NAMES[provider] }, context, propertyKey, () => ({ record, entry: { action: 'check', detail: `${what} on ${named}` } }), now);
      recorded.push(what);
    }
    if (recorded.length > 0) said.push(`Recorded on ${ticket.key}: ${recorded.join(', ')} (${named})`);
    if (unchanged.length > 0) said.push(`Nothing new on ${ticket.key}: ${unchanged.join(', ')} (${named})`);
  }
  if (said.length === 0) return `No merge or pull request has ${sha.slice(0, 7)} as its head; nothing recorded`;
  return said.join('. ');
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
    return { status: 200, message: await checkChanged(ports, provider, source, connection, event) };
  } catch (error) {
    await ports.deliveries.release(provider, outcome.deliveryId);
    console.warn(`Go-Live Gate could not process ${PROVIDER_NAMES[provider]} delivery ${outcome.deliveryId}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);
    return { status: 503, message: `${PROVIDER_NAMES[provider]} or Jira did not answer; nothing recorded. The delivery can be sent again.` };
  }
}
