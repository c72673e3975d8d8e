/**
 * Forge KVS and Custom Entity Store limits (developer.atlassian.com: "KVS and Custom Entity Store limits",
 * "Transactions", "Querying key-value pairs", "Querying the Custom Entity Store"); docs/forge-kvs-local.md says
 * where the documentation is unclear and what the local site does then.
 */
export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  /** Nested objects/arrays in one value; "Object depth 31" in the limits table (the error table says 32). */
  objectDepth: 31,
  transactionOperations: 25,
  transactionPayloadBytes: 4 * 1024 * 1024,
  batchItems: 25,
  queryLimit: 100,
  defaultQueryLimit: 10,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/** A KVS failure with the Forge error code the @forge/kvs client surfaces as `ForgeKvsAPIError.code`. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * Checks a key as Forge does: the Key-Value Store answers KEY_TOO_SHORT for an empty key, the Custom Entity Store EMPTY_KEY.
 * @example checkKey('config:10000', 'kvs') // passes; checkKey('a/b', 'kvs') throws 400 INVALID_KEY
 */
export function checkKey(key: string, store: 'kvs' | 'entity'): void {
  if (key.length === 0) throw new KvsError(400, store === 'kvs' ? 'KEY_TOO_SHORT' : 'EMPTY_KEY', 'A key needs at least one character.');
  if (key.length > KVS_LIMITS.keyLength) throw new KvsError(400, 'KEY_TOO_LONG', `Key '${key.slice(0, 40)}...' has ${key.length} characters; the limit is ${KVS_LIMITS.keyLength}.`);
  if (!KEY_PATTERN.test(key)) throw new KvsError(400, 'INVALID_KEY', `Key '${key.slice(0, 80)}' does not match ${KEY_PATTERN.source} (a-z A-Z 0-9 : . _ - # and spaces, not only spaces).`);
}

/**
 * The stored text of a value, refused with 400 MAX_SIZE beyond 240 KiB and 400 MAX_DEPTH beyond 31 nested levels.
 * @example serialiseValue('config:1', { version: 1 }) // '{"version":1}'
 */
export function serialiseValue(key: string, value: unknown): string {
  if (value === undefined) throw new KvsError(400, 'BAD_REQUEST', `Value for key '${key}' is missing.`);
  const depth = nestingDepth(value);
  if (depth > KVS_LIMITS.objectDepth) throw new KvsError(400, 'MAX_DEPTH', `Value for key '${key}' nests ${depth} levels of objects and arrays; the limit is ${KVS_LIMITS.objectDepth}.`);
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  if (bytes > KVS_LIMITS.valueBytes) throw new KvsError(400, 'MAX_SIZE', `Value for key '${key}' is ${bytes} bytes; the limit is ${KVS_LIMITS.valueBytes} (240 KiB).`);
  return text;
}

/** Levels of nested objects/arrays: 0 for a primitive, 1 for `{}` or `[1]`, 2 for `{"a": {}}`. Iterative, so no value can overflow the stack. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > KVS_LIMITS.objectDepth) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

export interface Ttl {
  readonly value: number;
  readonly unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';
}
const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

/**
 * When a value written at `now` with `ttl` expires (epoch ms), or null without a TTL; 400 INVALID_TTL for a TTL that is not a positive integer.
 * @example expiryOf({ value: 2, unit: 'SECONDS' }, 1_000) // 3_000
 */
export function expiryOf(ttl: Ttl | undefined, now: number): number | null {
  if (!ttl) return null;
  if (!Number.isInteger(ttl.value) || ttl.value <= 0) throw new KvsError(400, 'INVALID_TTL', `TTL value must be a positive integer, got ${ttl.value}.`);
  return now + ttl.value * TTL_UNIT_MS[ttl.unit];
}
