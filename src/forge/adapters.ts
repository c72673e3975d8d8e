import type { AuditLog, ConfigStore, DigestStore, Directory, IssueStore } from '../ports';
import { KvsAuditLog } from './audit-log';
import { KvsConfigStore } from './config-store';
import { KvsDigestStore } from './digest-store';
import { JiraDirectory } from './directory';
import { JiraIssueStore } from './issue-store';
import { JiraClient } from './jira-client';

export interface ForgeAdapters {
  readonly issues: IssueStore;
  readonly configs: ConfigStore;
  readonly digests: DigestStore;
  readonly audit: AuditLog;
  readonly directory: Directory;
}

/**
 * The ports backed by Jira and Forge KVS. For resolvers (`user`) issues are read as the calling user, so Jira's own
 * permissions apply (someone who cannot see an issue gets not-found); the validator (`app`) reads as the app.
 * Property writes and group look-ups always run as the app (see JiraIssueStore and JiraDirectory).
 */
export function forgeAdapters(actingAs: 'user' | 'app'): ForgeAdapters {
  const asApp = JiraClient.asApp();
  const jira = actingAs === 'user' ? JiraClient.asUser() : asApp;
  return {
    issues: new JiraIssueStore(jira, asApp),
    configs: new KvsConfigStore(),
    digests: new KvsDigestStore(),
    audit: new KvsAuditLog(),
    directory: new JiraDirectory(jira, asApp),
  };
}
