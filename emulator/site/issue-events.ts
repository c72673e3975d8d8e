import type { IssueEvent } from './context';

/**
 * Issue events on their way to the app's triggers. As in Jira, an event is delivered after the fact: `publish` only
 * queues it, and it runs once the current request has been answered (setImmediate comes after the reply is written),
 * a few at a time, in order.
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
/** Deliveries at once: enough to overlap, few enough that a burst of thousands of creates cannot starve the site. */
const CONCURRENT_DELIVERIES = 4;

export class IssueEventQueue {
  private readonly waiting: IssueEvent[] = [];
  private running = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly deliver: ((event: IssueEvent) => Promise<void>) | undefined) {}

  publish(event: IssueEvent): void {
    if (this.deliver === undefined) return;
    this.waiting.push(event);
    setImmediate(() => this.pump());
  }

  async drain(): Promise<void> {
    if (this.waiting.length === 0 && this.running === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    const deliver = this.deliver;
    if (deliver === undefined) return;
    while (this.running < CONCURRENT_DELIVERIES && this.waiting.length > 0) {
      const event = this.waiting.shift();
      if (event === undefined) break;
      this.running += 1;
      void deliver(event)
        .catch((error: unknown) => console.error(`Local Jira site: delivering ${event.eventType} for ${event.issue.key} failed:`, error))
        .finally(() => {
          this.running -= 1;
          this.pump();
          if (this.waiting.length === 0 && this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
        });
    }
  }
}
