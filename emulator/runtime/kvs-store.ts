import type BetterSqlite3 from 'better-sqlite3';

/** Forge KVS limits (developer.atlassian.com, "Storage API limits"). */
export const KVS_LIMITS = { keyLength: 500, valueBytes: 240 * 1024, transactionOperations: 25, batchItems: 25, queryLimit: 100, defaultQueryLimit: 10 } as const;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export type KvsSpace = 'app' | 'secret';

export interface StoredEntry {
  readonly key: string;
  readonly value: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireTime?: string | undefined;
}

/** A KVS failure with the Forge error code the @forge/kvs client surfaces as `ForgeKvsAPIError.code`. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Ttl {
  readonly value: number;
  readonly unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS';
}
const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

export interface WriteOptions {
  readonly keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS' | undefined;
  readonly ttl?: Ttl | undefined;
}

interface Row {
  key: string;
  value: string;
  created_at: number | null;
  updated_at: number | null;
  expire_at: number | null;
}

const TABLES: Record<KvsSpace, string> = { app: 'kvs', secret: 'kvs_secret' };

/**
 * Forge KVS kept in SQLite: app values in table `kvs` (created by openDatabase), secrets in `kvs_secret`.
 * Every write runs in a SQLite transaction, so a crash never leaves half a write.
 * @example new KvsStore(db).set('app', 'config:10000', { version: 1 }, {}, Date.now())
 */
export class KvsStore {
  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS kvs (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS kvs_secret (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    for (const table of Object.values(TABLES)) {
      const columns = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
      for (const column of ['created_at', 'updated_at', 'expire_at']) {
        if (!columns.has(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} INTEGER`);
      }
    }
  }

  /** Runs `fn` atomically: all of its writes or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get(space: KvsSpace, key: string, now: number): StoredEntry | undefined {
    checkKey(key);
    const row = this.db.prepare(`SELECT * FROM ${TABLES[space]} WHERE key = ?`).get(key) as Row | undefined;
    return row && isLive(row, now) ? toEntry(row) : undefined;
  }

  /** Writes `value`; answers the entry it replaced (if any) and the entry now stored. */
  set(space: KvsSpace, key: string, value: unknown, options: WriteOptions, now: number): { previous?: StoredEntry | undefined; latest: StoredEntry } {
    checkKey(key);
    const text = serialise(key, value);
    return this.transaction(() => {
      const previous = this.get(space, key, now);
      if (previous && options.keyPolicy === 'FAIL_IF_EXISTS') throw new KvsError(409, 'KEY_CONFLICT', `Key '${key}' already exists.`);
      const expireAt = options.ttl ? now + ttlMs(options.ttl) : null;
      const createdAt = previous?.createdAt ?? now;
      this.db
        .prepare(
          `INSERT INTO ${TABLES[space]} (key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at, updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
        )
        .run(key, text, createdAt, now, expireAt);
      const latest = toEntry({ key, value: text, created_at: createdAt, updated_at: now, expire_at: expireAt });
      return { previous, latest };
    });
  }

  /** Deletes `key`; answers whether it existed. */
  delete(space: KvsSpace, key: string, now: number): boolean {
    checkKey(key);
    return this.transaction(() => {
      const existed = this.get(space, key, now) !== undefined;
      this.db.prepare(`DELETE FROM ${TABLES[space]} WHERE key = ?`).run(key);
      return existed;
    });
  }

  /** App values whose key begins with `prefix`, in key order, after the key `after`. */
  query(prefix: string, after: string | undefined, limit: number, now: number): { entries: StoredEntry[]; more: boolean } {
    // A key range the primary-key index can walk (keys are ASCII, all below DEL), instead of a scan of every key.
    const rows = this.db
      .prepare(`SELECT * FROM kvs WHERE key >= ? AND key < ? AND key > ? AND (expire_at IS NULL OR expire_at > ?) ORDER BY key LIMIT ?`)
      .all(prefix, `${prefix}\x7f`, after ?? '', now, limit + 1) as Row[];
    return { entries: rows.slice(0, limit).map(toEntry), more: rows.length > limit };
  }
}

function checkKey(key: string): void {
  if (key.length === 0 || key.length > KVS_LIMITS.keyLength || !KEY_PATTERN.test(key)) {
    throw new KvsError(400, 'INVALID_KEY', `Key '${key.slice(0, 80)}' is invalid: 1 to ${KVS_LIMITS.keyLength} characters of a-z A-Z 0-9 : . _ - # and spaces.`);
  }
}

function serialise(key: string, value: unknown): string {
  if (value === undefined) throw new KvsError(400, 'INVALID_VALUE', `Value for key '${key}' is missing.`);
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text) > KVS_LIMITS.valueBytes) {
    throw new KvsError(413, 'VALUE_TOO_LARGE', `Value for key '${key}' is ${Buffer.byteLength(text)} bytes; the limit is ${KVS_LIMITS.valueBytes}.`);
  }
  return text;
}

function ttlMs(ttl: Ttl): number {
  if (!Number.isInteger(ttl.value) || ttl.value <= 0) throw new KvsError(400, 'INVALID_TTL', `TTL value must be a positive integer, got ${ttl.value}.`);
  return ttl.value * TTL_UNIT_MS[ttl.unit];
}

function isLive(row: Row, now: number): boolean {
  return row.expire_at === null || row.expire_at > now;
}

function toEntry(row: Row): StoredEntry {
  return {
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    createdAt: row.created_at ?? 0,
    updatedAt: row.updated_at ?? 0,
    expireTime: row.expire_at === null ? undefined : new Date(row.expire_at).toISOString(),
  };
}
