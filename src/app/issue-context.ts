import type { GateSnapshot } from '../gate/records';
import type { Caller, IssueView, PanelPorts, StoredConfig } from '../ports';
import type { AuditPage } from '../contract';
import { NotConfiguredError } from '../errors';

/** Audit events the panel shows at first; it pages for more. */
export const AUDIT_PAGE_SIZE = 20;

/** Everything one panel action reads before it decides: the issue, its project's configuration, digests, the caller's groups, the audit trail. */
export interface IssueContext {
  readonly issue: IssueView;
  readonly stored: StoredConfig | undefined;
  readonly digests: Readonly<Record<string, string>>;
  readonly groups: readonly string[];
  readonly audit: AuditPage;
}

/**
 * Reads the issue as the caller first (Jira answers not-found to someone who cannot see it), then everything else at once.
 *
 * @example
 * const context = await loadIssueContext(ports, { accountId: 'acc-cee' }, 'SKU-1');
 */
export async function loadIssueContext(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<IssueContext> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, digests, groups, audit] = await Promise.all([
    ports.configs.get(issue.projectId),
    ports.digests.getAll(issue.id),
    ports.directory.groupsOf(caller.accountId),
    ports.audit.list(issue.id, AUDIT_PAGE_SIZE),
  ]);
  return { issue, stored, digests, groups, audit };
}

/**
 * What the pure rules read: the issue's raw properties (untrusted) and the digests the app recorded (trusted).
 *
 * @example
 * evaluateStage(config, 'go-live', snapshotOf(issue, digests), now)
 */
export function snapshotOf(issue: IssueView, digests: Readonly<Record<string, string>>): GateSnapshot {
  return { issue: { id: issue.id, key: issue.key, reporterAccountId: issue.reporterAccountId }, properties: issue.properties, digests };
}

/**
 * The context of an issue whose project has a gate configuration; a write on any other issue is refused.
 *
 * @example
 * const { stored } = requireConfigured(await loadIssueContext(ports, caller, 'SKU-1'));
 */
export function requireConfigured(context: IssueContext): IssueContext & { readonly stored: StoredConfig } {
  const { stored } = context;
  if (stored === undefined) {
    throw new NotConfiguredError(`Go-Live Gate is not set up for project ${context.issue.projectKey} yet: a project admin can choose a template in the project settings.`);
  }
  return { ...context, stored };
}
