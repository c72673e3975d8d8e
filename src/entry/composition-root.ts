// The composition root: the one place that builds adapters (src/forge/) and hands them to the use cases as ports.
import { JiraIssueAttachments } from '../forge/attachments';
import { KvsAuditLog } from '../forge/audit-log';
import { JiraCommentStore } from '../forge/comment-store';
import { KvsDeliveryLog } from '../forge/delivery-log';
import { GitHubClient } from '../forge/github-client';
import { GitLabClient } from '../forge/gitlab-client';
import { ForgeWebhookAddresses, KvsProviderConnections } from '../forge/provider-connections';
import { KvsBenchSnapshots } from '../forge/bench-snapshots';
import { KvsConfigStore } from '../forge/config-store';
import { JiraDirectory } from '../forge/directory';
import { JiraIssueSearch } from '../forge/issue-search';
import { JiraRemoteLinks } from '../forge/remote-links';
import { JiraIssueStore } from '../forge/issue-store';
import { JiraClient } from '../forge/jira-client';
import { JiraNotifier, KvsNotificationLog } from '../forge/notifier';
import { JiraProjectLookup } from '../forge/project-lookup';
import { KvsRecordStore } from '../forge/record-store';
import { KvsUsageSecrets, usageWebTriggerUrl } from '../forge/usage-secrets';
import { nodeWebhookCrypto } from '../forge/webhook-crypto';
import { JiraWorkflowRules } from '../forge/workflow-rules';
import { JiraSiteFields } from '../forge/site-fields';
import { KvsProgressStore } from '../forge/refresh-progress-store';
import { readRefreshProgress } from '../gate/refresh-progress';
import { readRemindersProgress } from '../gate/reminders-progress';
import { remainingMs } from '../forge/timeout';
import { KvsReviewHistory } from '../forge/review-history';
import type { ChangeRequestSourceFor, Clock, CommentPorts, GadgetPorts, ConnectionSettingsPorts, IssueEventPorts, NotifyPorts, PanelPorts, RefreshPorts, ReminderPorts, ReviewsPorts, StageEntryPorts, UsageDeliveryPorts, UsageIntakePorts, ValidatorConfigPorts, ValidatorPorts, WebhookPorts } from '../ports';

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
    history: new KvsReviewHistory(),
  };
}

/** Notifications are sent as the app: the person whose action caused them may not be allowed to notify groups. */
const appNotify = (): NotifyPorts => ({ notifier: new JiraNotifier(JiraClient.asApp()), notificationLog: new KvsNotificationLog() });

/** Ports for a resolver call: Jira is asked as the calling user, so its permissions apply. */
export const userPorts = (): PanelPorts => ({
  ...stores('user'),
  clock: systemClock,
  notify: appNotify(),
  // Jira lists workflow rules only to the app that created them: asked as the app.
  workflowRules: new JiraWorkflowRules(JiraClient.asApp()),
  attachments: new JiraIssueAttachments(JiraClient.asUser()),
  fields: new JiraSiteFields(JiraClient.asUser()),
});

/** Ports for the reviews page: JQL search as the calling user, who sees only the tickets they may browse. */
export const reviewsPorts = (): ReviewsPorts => ({ ...userPorts(), search: new JiraIssueSearch(JiraClient.asUser()), history: new KvsReviewHistory(), benchSnapshots: new KvsBenchSnapshots() });

/** Ports for the workflow validator, which must run as the app (no consent screen can appear mid-transition). */
export const appPorts = (): ValidatorPorts => ({ ...stores('app'), clock: systemClock });

/** Ports for a product event trigger: no user is signed in, so everything runs as the app. */
export const triggerPorts = (): IssueEventPorts => ({ ...appPorts(), notify: appNotify(), history: new KvsReviewHistory() });

/** Ports for the status-change trigger: it writes pass records as every record is written (head, audit event, property), as the app. */
export const statusChangePorts = (): PanelPorts => ({ ...stores('app'), clock: systemClock, notify: appNotify() });

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

/**
 * Ports for the comment trigger: it decides as the comment's author (the panel's rules, their groups) with everything
 * read and written as the app, since no user is signed in; the author comes from the comment Jira returns.
 */
export const commentPorts = (): CommentPorts => ({
  ...stores('app'),
  clock: systemClock,
  notify: appNotify(),
  comments: new JiraCommentStore(JiraClient.asApp()),
  commandLog: new KvsNotificationLog(),
});

/** The provider's API client for a project's connection (its API root and token). */
const sourceFor: ChangeRequestSourceFor = (provider, connection) => {
  const api = { apiUrl: connection.apiUrl, token: connection.apiToken };
  return provider === 'gitlab' ? new GitLabClient(api) : new GitHubClient(api);
};

/** Ports for the GitLab and GitHub web triggers: no user is signed in, so Jira is asked as the app; decisions are made as the mapped Jira account. */
export const webhookPorts = (): WebhookPorts => ({
  ...stores('app'),
  clock: systemClock,
  notify: appNotify(),
  connections: new KvsProviderConnections(),
  deliveries: new KvsDeliveryLog(),
  sourceFor,
  search: new JiraIssueSearch(JiraClient.asApp()),
  remoteLinks: new JiraRemoteLinks(JiraClient.asApp()),
});

/** Ports for the settings page's GitLab and GitHub section: the admin check as the caller, secrets in KVS. */
export const connectionSettingsPorts = (): ConnectionSettingsPorts => ({ ...userPorts(), connections: new KvsProviderConnections(), webhooks: new ForgeWebhookAddresses() });

/** Ports for the hourly refresh: no user is signed in, so it searches and reads as the app, within its invocation's deadline. */
export const refreshPorts = (): RefreshPorts => ({
  ...appPorts(),
  search: new JiraIssueSearch(JiraClient.asApp()),
  projects: new KvsConfigStore(),
  progress: new KvsProgressStore('scheduled-refresh:progress', readRefreshProgress, 'the scheduled refresh'),
  budget: { remainingMs },
  history: new KvsReviewHistory(),
});

/** Ports for the hourly reminders: as the app, e-mailing through Jira and remembering what was told in KVS. */
export const reminderPorts = (): ReminderPorts => ({
  ...appPorts(),
  search: new JiraIssueSearch(JiraClient.asApp()),
  projects: new KvsConfigStore(),
  notify: appNotify(),
  budget: { remainingMs },
  progress: new KvsProgressStore('reminders:progress', readRemindersProgress, 'the reminders'),
});

/** Ports for the stage-entry trigger: the configuration and the review history, as the app. */
export const stageEntryPorts = (): StageEntryPorts => ({ configs: new KvsConfigStore(), clock: systemClock, history: new KvsReviewHistory() });

/** Ports for the dashboard gadget: projects looked up and tickets searched as the caller, so Jira hides what they may not see. */
export const gadgetPorts = (): GadgetPorts => ({
  configs: new KvsConfigStore(),
  projects: new JiraProjectLookup(JiraClient.asUser()),
  search: new JiraIssueSearch(JiraClient.asUser()),
  history: new KvsReviewHistory(),
  clock: systemClock,
});
