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
