import type { AuditLog, ConfigStore, Directory, IssueStore, RecordStore } from '../ports';
import { KvsAuditLog } from './audit-log';
import { KvsConfigStore } from './config-store';
import { JiraDirectory } from './directory';
import { JiraIssueStore } from './issue-store';
import { JiraClient } from './jira-client';
import { KvsRecordStore } from './record-store';

export interface ForgeAdapters {
  readonly issues: IssueStore;
  readonly configs: ConfigStore;
  readonly records: RecordStore;
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
    records: new KvsRecordStore(),
    audit: new KvsAuditLog(),
    directory: new JiraDirectory(jira, asApp),
  };
}
