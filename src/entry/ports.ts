import type { NotifyPorts } from '../app/notify-teams';
import type { IssueEventPorts, PanelPorts, ValidatorPorts } from '../app/ports';
import type { ValidatorConfigPorts } from '../app/validator-config';
import { KvsConfigStore } from '../forge/config-store';
import { JiraProjectLookup } from '../forge/project-lookup';
import { forgeAdapters } from '../forge/adapters';
import { JiraClient } from '../forge/jira-client';
import { JiraNotifier, KvsNotificationLog } from '../forge/notifier';
import type { Clock } from '../ports';

const systemClock: Clock = { now: () => new Date() };

/** Notifications are sent as the app: the person whose action caused them may not be allowed to notify groups. */
const appNotify = (): NotifyPorts => ({ notifier: new JiraNotifier(JiraClient.asApp()), notificationLog: new KvsNotificationLog() });

/** Ports for a resolver call: Jira is asked as the calling user, so its permissions apply. */
export const userPorts = (): PanelPorts => ({
  ...forgeAdapters('user'),
  clock: systemClock,
  notify: appNotify(),
});

/** Ports for the workflow validator, which must run as the app (no consent screen can appear mid-transition). */
export const appPorts = (): ValidatorPorts => ({ ...forgeAdapters('app'), clock: systemClock });

/** Ports for a product event trigger: no user is signed in, so everything runs as the app. */
export const triggerPorts = (): IssueEventPorts => ({ ...appPorts(), notify: appNotify() });

/** Ports for the validator configuration screen: projects are looked up as the caller, so Jira hides what they may not see. */
export const validatorConfigPorts = (): ValidatorConfigPorts => ({ configs: new KvsConfigStore(), projects: new JiraProjectLookup(JiraClient.asUser()) });
