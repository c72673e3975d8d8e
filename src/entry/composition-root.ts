// The composition root: the one place that builds adapters (src/forge/) and hands them to the use cases as ports.
import { JiraIssueAttachments } from '../forge/attachments';
import { KvsAuditLog } from '../forge/audit-log';
import { KvsConfigStore } from '../forge/config-store';
import { JiraDirectory } from '../forge/directory';
import { JiraIssueSearch } from '../forge/issue-search';
import { JiraIssueStore } from '../forge/issue-store';
import { JiraClient } from '../forge/jira-client';
import { JiraNotifier, KvsNotificationLog } from '../forge/notifier';
import { JiraProjectLookup } from '../forge/project-lookup';
import { KvsRecordStore } from '../forge/record-store';
import { KvsUsageSecrets, usageWebTriggerUrl } from '../forge/usage-secrets';
import { nodeWebhookCrypto } from '../forge/webhook-crypto';
import type { Clock, IssueEventPorts, NotifyPorts, PanelPorts, ReviewsPorts, UsageDeliveryPorts, UsageIntakePorts, ValidatorConfigPorts, ValidatorPorts } from '../ports';

const systemClock: Clock = { now: () => new Date() };

/**
 * The stores and the directory backed by Jira and Forge KVS. For resolvers (`user`) issues are read as the calling
 * user, so Jira's own permissions apply (someone who cannot see an issue gets not-found); the validator and triggers
 * (`app`) read as the app. Property writes and group look-ups always run as the app (see JiraIssueStore and JiraDirectory).
 */
function stores(actingAs: 'user' | 'app'): Omit<PanelPorts, 'clock' | 'notify'> {
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

/** Notifications are sent as the app: the person whose action caused them may not be allowed to notify groups. */
const appNotify = (): NotifyPorts => ({ notifier: new JiraNotifier(JiraClient.asApp()), notificationLog: new KvsNotificationLog() });

/** Ports for a resolver call: Jira is asked as the calling user, so its permissions apply. */
export const userPorts = (): PanelPorts => ({
  ...stores('user'),
  clock: systemClock,
  notify: appNotify(),
  attachments: new JiraIssueAttachments(JiraClient.asUser()),
});

/** Ports for the reviews page: JQL search as the calling user, who sees only the tickets they may browse. */
export const reviewsPorts = (): ReviewsPorts => ({ ...userPorts(), search: new JiraIssueSearch(JiraClient.asUser()) });

/** Ports for the workflow validator, which must run as the app (no consent screen can appear mid-transition). */
export const appPorts = (): ValidatorPorts => ({ ...stores('app'), clock: systemClock });

/** Ports for a product event trigger: no user is signed in, so everything runs as the app. */
export const triggerPorts = (): IssueEventPorts => ({ ...appPorts(), notify: appNotify() });

/** Ports for the validator configuration screen: projects are looked up as the caller, so Jira hides what they may not see. */
export const validatorConfigPorts = (): ValidatorConfigPorts => ({ configs: new KvsConfigStore(), projects: new JiraProjectLookup(JiraClient.asUser()) });

/** Ports for a usage delivery (a web trigger): no user is signed in, so everything runs as the app. */
export const usageDeliveryPorts = (): UsageDeliveryPorts => ({
  ...stores('app'),
  clock: systemClock,
  notify: appNotify(),
  usageSecrets: new KvsUsageSecrets(),
  crypto: nodeWebhookCrypto,
});

/** Ports for the settings page's usage intake: the admin check as the caller, the secret and the web trigger URL. */
export const usageIntakePorts = (): UsageIntakePorts => ({ directory: userPorts().directory, usageSecrets: new KvsUsageSecrets(), usageUrl: usageWebTriggerUrl });
