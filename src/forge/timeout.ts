import { AsyncLocalStorage } from 'node:async_hooks';

/** What every bounded retry loop here shares: how many tries, how long one may take, how to wait between them. */
export interface AttemptPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** An attempt that has not answered by then counts as failed, so a stuck call cannot use up the invocation's 25 s. */
  readonly attemptTimeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Forge stops a resolver, validator or product trigger after 25 s, and the user then sees a generic failure instead of
 * the app's "try again" message. Each invocation therefore gets a total budget well inside that: every attempt and
 * every wait between attempts, Jira and KVS alike, must fit in it, leaving time to answer.
 */
export const INVOCATION_BUDGET_MS = {
  /** A resolver (panel, settings, reviews) or a product trigger: 10 s to spare under Forge's 25 s. */
  resolver: 15_000,
  /** The workflow validator runs inside the transition the user waits on: it answers within 8 s whatever happens. */
  validator: 8_000,
  /** A scheduled trigger whose function sets `timeoutSeconds: 900`, Forge's most: 60 s to spare. */
  scheduled: 840_000,
} as const;

/** When the current invocation must have answered (epoch ms); absent outside `withDeadline`. */
const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs one invocation's work under a total time budget: `withTimeout` and `sleep` below never run past it, so every
 * retry loop built on them gives up in time. A nested call can only shorten the deadline, never extend it.
 *
 * @example
 * return withDeadline(INVOCATION_BUDGET_MS.validator, () => checkTransition(ports, event));
 */
export function withDeadline<T>(budgetMs: number, work: () => Promise<T>): Promise<T> {
  const outer = deadlines.getStore();
  const deadline = Math.min(Date.now() + budgetMs, outer ?? Number.POSITIVE_INFINITY);
  return deadlines.run(deadline, work);
}

/**
 * Milliseconds left before the current invocation's deadline (never negative); Infinity outside `withDeadline`.
 *
 * @example
 * if (remainingMs() < waitMs + 250) throw new UnavailableError('Jira did not answer; try again in a minute.');
 */
export function remainingMs(): number {
  const deadline = deadlines.getStore();
  return deadline === undefined ? Number.POSITIVE_INFINITY : Math.max(0, deadline - Date.now());
}

/** Waits `ms`, but never past the invocation's deadline: a retry that would start after it fails at once instead. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(ms, remainingMs())));

/**
 * Races one attempt against a timer: a request that has not answered in time counts as failed, and its signal is
 * aborted so a runtime that supports it stops waiting too. The timer is the attempt's own limit or what is left of
 * the invocation's deadline, whichever is shorter; with nothing left, the attempt is not started.
 *
 * @example
 * const response = await withTimeout((signal) => requestJira(path, { signal }), 5_000, () => new UnavailableError('Jira did not answer'));
 */
export async function withTimeout<T>(attempt: (signal: AbortSignal) => Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> {
  const limit = Math.min(timeoutMs, remainingMs());
  if (limit <= 0) throw timedOut();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut());
    }, limit);
  });
  try {
    return await Promise.race([attempt(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
