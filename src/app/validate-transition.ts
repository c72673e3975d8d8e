import { z } from 'zod/mini';
import { strictestStage } from '../gate/v2/config';
import { approversOfV2, evaluateStageV2 } from '../gate/v2/evaluate';
import { enforcedStageKey } from '../gate/stages';
import type { ValidatorPorts } from '../ports';
import { gateFactsOfIssue, withTicketFields } from './gate-facts';
import { customFieldIdsOf } from '../gate/v2/ticket';
import { withLegacyDigests } from './verified-issue';
import { withLinkedTickets } from './linked-tickets';
import { lazySchema } from '../gate/lazy-schema';

/** What Jira passes a workflow validator function (the parts the gate reads). */
export const ValidatorEventSchema = lazySchema(() => z.object({
  issue: z.object({ id: z.optional(z.union([z.string(), z.number()])), key: z.optional(z.string()) }),
  configuration: z.optional(z.unknown()),
}));
export type ValidatorEvent = z.infer<typeof ValidatorEventSchema>;

export interface ValidatorResult {
  readonly result: boolean;
  readonly errorMessage?: string;
}

export const COULD_NOT_VERIFY =
  'Go-Live Gate could not verify the approvals for this ticket because Jira or the app’s storage did not answer. Nothing was changed; try again in a minute.';

const StageConfigurationSchema = lazySchema(() => z.object({ stage: z.optional(z.string().check(z.trim(), z.minLength(1))) }));

/** `{"stage": "go-live"}` as a JSON string (what the configuration UI saves) or an object; none means the strictest stage. */
function configuredStage(configuration: unknown): { readonly stage?: string } | { readonly problem: string } {
  if (configuration === undefined || configuration === null || (typeof configuration === 'string' && configuration.trim() === '')) return {};
  let value: unknown = configuration;
  if (typeof configuration === 'string') {
    try {
      value = JSON.parse(configuration) as unknown;
    } catch {
      return { problem: 'its configuration is not valid JSON' };
    }
  }
  const parsed = StageConfigurationSchema.safeParse(value);
  if (!parsed.success) return { problem: 'its configuration should be {"stage": "<stage key>"}' };
  return parsed.data.stage === undefined ? {} : { stage: parsed.data.stage };
}

const block = (errorMessage: string): ValidatorResult => ({ result: false, errorMessage });

/** The project key an issue key starts with (`KEP` of `KEP-12`); an issue id names none. */
const PROJECT_KEY = /^([A-Z][A-Z0-9_]*)-\d+$/;

/** Jira requests the validator makes at once when it re-checks approvers' groups (one per approver). */
export const RECHECK_CONCURRENCY = 8;

/** Each person's Jira groups, a few requests at a time. */
async function groupsOfEach(ports: Pick<ValidatorPorts, 'directory'>, accountIds: readonly string[]): Promise<Record<string, readonly string[]>> {
  const groups: Record<string, readonly string[]> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < accountIds.length; index = next++) {
      const accountId = accountIds[index] as string;
      groups[accountId] = await ports.directory.groupsOf(accountId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(RECHECK_CONCURRENCY, accountIds.length) }, worker));
  return groups;
}

/**
 * The workflow validator: lets the transition through only when the stage's rules hold. It reads the configuration by
 * the ticket's project key, then the issue with the custom fields the configuration names (one Jira request, as the
 * app), then the record heads (two KVS requests in all; one more for a configuration saved before keys were kept, and
 * one more Jira request if that one names custom fields), and, when the stage would pass,
 * re-reads each approver's groups (one Jira request per approver, a few at a time; policy
 * `recheckMembershipAtTransition`). It judges by gate model v2 (`evaluateStageV2`), as the panel does. It fails closed: anything it cannot read or verify blocks the transition with a
 * message that says so.
 *
 * @example
 * await checkTransition(ports, { issue: { key: 'SKU-1' }, configuration: '{"stage":"go-live"}' })
 * // { result: false, errorMessage: 'Go live blocked: waiting on CEE, OCM PM; capacity not recorded' }
 */
export async function checkTransition(ports: ValidatorPorts, event: unknown): Promise<ValidatorResult> {
  try {
    const parsed = ValidatorEventSchema.safeParse(event);
    const issueRef = parsed.success ? (parsed.data.issue.key ?? parsed.data.issue.id) : undefined;
    if (!parsed.success || issueRef === undefined) return block('Go-Live Gate could not tell which ticket is moving, so it blocked the transition.');
    const configured = configuredStage(parsed.data.configuration);
    if ('problem' in configured) return block(`The Go-Live Gate validator on this transition is misconfigured: ${configured.problem}. Ask a Jira admin to fix it.`);

    // The configuration first, found by the ticket's project key, so the one issue request asks for exactly the custom
    // fields it reads (approvers from a field, conditions on one).
    const projectKey = PROJECT_KEY.exec(String(issueRef))?.[1];
    const byKey = projectKey === undefined ? undefined : await ports.configs.getByProjectKey(projectKey);
    const read = await ports.issues.getIssue(String(issueRef), byKey === undefined ? [] : customFieldIdsOf(byKey.stored.config));
    const [stored, heads] = await Promise.all([
      // Saved before keys were kept, or under a key the project no longer has: read by the project's id, and indexed
      // under its key now, so the next transition finds it by key.
      byKey?.projectId === read.projectId ? byKey.stored : ports.configs.get(read.projectId, read.projectKey),
      ports.records.heads(read.id).then((found) => withLegacyDigests(ports, read, found)),
    ]);
    if (stored === undefined) {
      return block(`Go-Live Gate is not set up for project ${read.projectKey}: a project admin must choose a template in the project settings before this transition can pass.`);
    }
    const { config } = stored;
    const named = configured.stage ?? strictestStage(config).key;
    // A stage renamed away by a template or an import may be mapped to its successor (config.stageAliases).
    const stageKey = enforcedStageKey(config, named);
    if (stageKey === undefined) {
      const known = config.stages.map((s) => `"${s.key}"`).join(', ');
      return block(`The Go-Live Gate validator on this transition enforces the stage "${named}", which project ${read.projectKey} does not have (it has ${known}). Ask a Jira admin to fix the validator.`);
    }
    const issue = await withTicketFields(ports, config, read);
    const withLinks = await withLinkedTickets(ports, config, issue);
    // Gate model v2 judges the stage, on the records verified against their heads (the panel shows the same verdict).
    const facts = gateFactsOfIssue(config, withLinks, heads);
    const now = ports.clock.now();
    const verdict = evaluateStageV2(facts, stageKey, now);
    if (!verdict.allowed || !verdict.gated || verdict.passed !== undefined || !config.policies.recheckMembershipAtTransition) return { result: verdict.allowed, errorMessage: verdict.message };
    // The stage would pass: make sure everyone it relies on still is in the groups they acted through.
    const memberships = await groupsOfEach(ports, approversOfV2(verdict));
    const rechecked = evaluateStageV2({ ...facts, memberships }, stageKey, now);
    return { result: rechecked.allowed, errorMessage: rechecked.message };
  } catch (error) {
    // Fail closed: whatever went wrong, the transition does not pass. The log says why.
    console.error('Go-Live Gate validator could not verify the ticket:', error instanceof Error ? `${error.name}: ${error.message}` : error);
    return block(COULD_NOT_VERIFY);
  }
}
