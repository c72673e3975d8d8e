import type { AuditPage } from '../contract';
import { NotConfiguredError } from '../errors';
import type { Caller, IssueView, PanelPorts } from '../ports';
import type { Heads, VerifiedIssue } from './verified-issue';
import { verifyIssue, withLegacyDigests } from './verified-issue';
import { withLinkedTickets } from './linked-tickets';
import { withTicketFields } from './gate-facts';
import type { StoredRules } from './stored-rules';
import { storedRules } from './stored-rules';

/** Audit events the panel shows at first; it pages for more. */
export const AUDIT_PAGE_SIZE = 20;

/** Everything one panel action reads before it decides: the issue, its project's configuration, the heads, the caller's groups, the audit trail. */
export interface IssueContext {
  readonly issue: IssueView;
  readonly stored: StoredRules | undefined;
  readonly heads: Heads;
  /** The records verified once for this request; undefined when the project has no configuration to verify them by. */
  readonly verified: VerifiedIssue | undefined;
  readonly groups: readonly string[];
  readonly audit: AuditPage;
}

/** The context of an issue whose project has a gate configuration. */
export interface ConfiguredContext extends IssueContext {
  readonly stored: StoredRules;
  readonly verified: VerifiedIssue;
}

/**
 * Reads the issue as the caller first (Jira answers not-found to someone who cannot see it), then everything else at
 * once, and verifies the records once. Without a caller (the app in a trigger) the groups and the audit trail are not read.
 *
 * @example
 * const context = await loadIssueContext(ports, { accountId: 'acc-cee' }, 'SKU-1');
 */
export async function loadIssueContext(ports: PanelPorts, caller: Caller | undefined, issueIdOrKey: string): Promise<IssueContext> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, heads, groups, audit] = await Promise.all([
    ports.configs.get(issue.projectId).then(storedRules),
    ports.records.heads(issue.id).then((found) => withLegacyDigests(ports, issue, found)),
    // The app acting on its own (a trigger) has no groups to look up, nor anyone to show the audit trail to.
    caller === undefined ? [] : ports.directory.groupsOf(caller.accountId),
    caller === undefined ? { events: [], nextCursor: undefined } : ports.audit.list(issue.id, AUDIT_PAGE_SIZE),
  ]);
  const withLinked = stored === undefined ? issue : await withLinkedTickets(ports, stored.config, await withTicketFields(ports, stored.configV2, issue));
  return { issue: withLinked, stored, heads, verified: stored === undefined ? undefined : verifyIssue(stored.config, withLinked, heads), groups, audit };
}

/**
 * The context of an issue whose project has a gate configuration; a write on any other issue is refused.
 *
 * @example
 * const { stored, verified } = requireConfigured(await loadIssueContext(ports, caller, 'SKU-1'));
 */
export function requireConfigured(context: IssueContext): ConfiguredContext {
  const { stored, verified } = context;
  if (stored === undefined || verified === undefined) {
    throw new NotConfiguredError(`Go-Live Gate is not set up for project ${context.issue.projectKey} yet: a project admin can choose a template in the project settings.`);
  }
  return { ...context, stored, verified };
}
