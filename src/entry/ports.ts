import type { PanelPorts, ValidatorPorts } from '../app/ports';
import { forgeAdapters } from '../forge/adapters';
import { JiraClient } from '../forge/jira-client';
import { JiraNotifier, KvsNotificationLog } from '../forge/notifier';
import type { Clock } from '../ports';

const systemClock: Clock = { now: () => new Date() };

/** Ports for a resolver call: Jira is asked as the calling user, so its permissions apply. */
export const userPorts = (): PanelPorts => ({
  ...forgeAdapters('user'),
  clock: systemClock,
  notify: { notifier: new JiraNotifier(JiraClient.asApp()), notificationLog: new KvsNotificationLog() },
});

/** Ports for the workflow validator, which must run as the app (no consent screen can appear mid-transition). */
export const appPorts = (): ValidatorPorts => ({ ...forgeAdapters('app'), clock: systemClock });
