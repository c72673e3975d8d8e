/** What every bounded retry loop here shares: how many tries, how long one may take, how to wait between them. */
export interface AttemptPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** An attempt that has not answered by then counts as failed, so a stuck call cannot use up the invocation's 25 s. */
  readonly attemptTimeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Races one attempt against a timer: a request that has not answered in time counts as failed, and its signal is
 * aborted so a runtime that supports it stops waiting too.
 *
 * @example
 * const response = await withTimeout((signal) => requestJira(path, { signal }), 5_000, () => new UnavailableError('Jira did not answer'));
 */
export async function withTimeout<T>(attempt: (signal: AbortSignal) => Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut());
    }, timeoutMs);
  });
  try {
    return await Promise.race([attempt(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
