import type { IssueEvent } from './context';

/**
 * Issue events on their way to the app's triggers. As in Jira, an event is delivered after the fact: `publish` only
 * queues it, and it runs once the current request has been answered (setImmediate comes after the reply is written).
 * A delivery that fails is logged; it never fails the request that caused it nor crashes the site.
 *
 * `drain()` resolves once every published event (and any event a trigger caused in turn) has been delivered: tests
 * wait on it through `POST /__site/events/drain` instead of sleeping.
 *
 * @example
 * const events = new IssueEventQueue(options.onIssueEvent);
 * events.publish({ eventType: 'avi:jira:created:issue', issue, atlassianId: 'acc-pm' });
 * await events.drain();
 */
export class IssueEventQueue {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deliver: ((event: IssueEvent) => Promise<void>) | undefined) {}

  publish(event: IssueEvent): void {
    const deliver = this.deliver;
    if (deliver === undefined) return;
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => deliver(event))
      .catch((error: unknown) => console.error(`Local Jira site: delivering ${event.eventType} for ${event.issue.key} failed:`, error))
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
