import type { PanelPorts } from '../ports';
import type { AuditPage } from '../contract';
import { AUDIT_PAGE_SIZE } from './issue-context';

/**
 * `getAudit`: a page of the issue's audit trail, newest first. The issue is read as the caller first, so someone who
 * cannot see it gets not-found instead of its history.
 *
 * @example
 * const { events, nextCursor } = await getAudit(ports, 'SKU-1', { limit: 20 });
 */
export async function getAudit(
  ports: Pick<PanelPorts, 'issues' | 'audit'>,
  issueIdOrKey: string,
  page: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
): Promise<AuditPage> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  return ports.audit.list(issue.id, page.limit ?? AUDIT_PAGE_SIZE, page.cursor);
}
