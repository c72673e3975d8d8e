import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Who an invocation runs for: asUser() requests carry this principal; asApp() requests carry none. */
export interface Invocation {
  readonly invocationId: string;
  readonly accountId?: string | undefined;
  readonly moduleKey?: string | undefined;
}

const current = new AsyncLocalStorage<Invocation>();

/**
 * Runs `fn` as one Forge invocation for `accountId` (undefined: no user, e.g. a validator).
 * @example await runInvocation({ accountId: 'acc-pm', moduleKey: 'go-live-gate-panel' }, () => handler(event, payload));
 */
export function runInvocation<T>(who: { accountId?: string | undefined; moduleKey?: string | undefined }, fn: () => Promise<T>): Promise<T> {
  return current.run({ invocationId: randomUUID(), accountId: who.accountId, moduleKey: who.moduleKey }, fn);
}

/** The invocation the current async call chain runs in; undefined outside any. */
export function currentInvocation(): Invocation | undefined {
  return current.getStore();
}
