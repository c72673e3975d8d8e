import { ForgeKvsAPIError } from '@forge/kvs';
import { ConflictError, UnavailableError } from '../errors';
import type { AttemptPolicy } from './timeout';
import { sleep, withTimeout } from './timeout';

/** How often a failed storage call is tried again, and how long to wait between tries. */
export interface KvsRetryPolicy extends AttemptPolicy {
  readonly delayMs: number;
}

export const DEFAULT_KVS_RETRY_POLICY: KvsRetryPolicy = {
  retries: 2,
  delayMs: 100,
  attemptTimeoutMs: 5_000,
  sleep,
};

class KvsTimeoutError extends Error {
  override readonly name = 'KvsTimeoutError';
}

/** KVS refused a call for good (a bad key, a value too large, a cursor it did not issue): retrying would not help. */
export class StorageRefusedError extends Error {
  override readonly name = 'StorageRefusedError';
  constructor(
    message: string,
    /** The KVS error code, e.g. `INVALID_CURSOR`. */
    readonly code: string,
  ) {
    super(message);
  }
}

const isConflict = (error: unknown): boolean =>
  error instanceof ForgeKvsAPIError && (error.code === 'KEY_CONFLICT' || error.responseDetails.status === 409);

/** A KVS answer that will not change on retry (bad key, value too large): anything 4xx but 408 and 429. */
const isPermanent = (error: unknown): boolean => {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  const status = error.responseDetails.status;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
};

/**
 * Runs one idempotent KVS call with bounded retries; a conflict (409, also a failed transaction condition) becomes
 * ConflictError, a refusal (bad key, value too large) StorageRefusedError, and a call that still fails
 * UnavailableError; each message says what could not be done.
 *
 * @example
 * const config = await kvsCall(() => kvs.get(key), 'read the gate configuration');
 */
export async function kvsCall<T>(call: () => Promise<T>, what: string, policy: KvsRetryPolicy = DEFAULT_KVS_RETRY_POLICY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTimeout(call, policy.attemptTimeoutMs, () => new KvsTimeoutError(`no answer within ${policy.attemptTimeoutMs} ms`));
    } catch (error) {
      if (isConflict(error)) throw new ConflictError(`Someone else changed it first: could not ${what}.`);
      if (isPermanent(error)) throw new StorageRefusedError(`The app's storage refused to ${what}: ${(error as Error).message}`, (error as ForgeKvsAPIError).code);
      if (attempt >= policy.retries) throw new UnavailableError(`The app's storage did not answer: could not ${what}. Try again in a minute.`);
      await policy.sleep(policy.delayMs * 2 ** attempt);
    }
  }
}
