import { randomUUID } from 'node:crypto';
import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { NotificationLog, Notifier, TeamMessage } from '../ports';
import { ConflictError } from '../errors';
import type { JiraClient } from './jira-client';
import { SEND_JSON } from './jira-client';
import { kvsCall } from './kvs-calls';

/**
 * E-mails the members of a team's groups about an issue through Jira (`POST /rest/api/3/issue/{key}/notify`,
 * answered 204). Sent as the app: the person whose action triggered it may not be allowed to notify groups.
 */
export class JiraNotifier implements Notifier {
  constructor(private readonly asApp: JiraClient) {}

  async notify(issueIdOrKey: string, message: TeamMessage): Promise<void> {
    const body = JSON.stringify({
      subject: message.subject,
      textBody: message.textBody,
      htmlBody: message.htmlBody,
      to: { groups: message.groups.map((name) => ({ name })), ...(message.reporter === true && { reporter: true }) },
    });
    await this.asApp.send((jira, signal) => jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/notify`, { method: 'POST', signal, headers: SEND_JSON, body }));
  }
}

/** The notifications already sent, one KVS key each, claimed with FAIL_IF_EXISTS so two writers never both send. */
export class KvsNotificationLog implements NotificationLog {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /**
   * Each claim carries its own id: when a retry after a lost answer finds the key taken, the id tells whether the
   * claim that took it was this one (send) or another writer's (do not send twice).
   */
  async claim(key: string): Promise<boolean> {
    const claimId = randomUUID();
    try {
      await kvsCall(() => kvs.set(key, { sentAt: this.clock().toISOString(), claimId }, { keyPolicy: 'FAIL_IF_EXISTS' }), 'record a notification');
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const taken = await kvsCall(() => kvs.get<{ claimId?: unknown }>(key), 'read a notification claim');
      return taken?.claimId === claimId;
    }
  }

  async release(key: string): Promise<void> {
    await kvsCall(() => kvs.delete(key), 'forget a notification that could not be sent');
  }
}
