import type BetterSqlite3 from 'better-sqlite3';
import type { EntityDeclaration } from './kvs-entity-schema';
import { EntityStore } from './kvs-entity-store';
import type { Ttl } from './kvs-limits';
import { KvsError, checkKey, expiryOf, serialiseValue } from './kvs-limits';

export type KvsSpace = 'app' | 'secret';

export interface StoredEntry {
  readonly key: string;
  readonly value: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireTime?: string | undefined;
}

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
 * Forge KVS kept in SQLite: app values in table `kvs` (created by openDatabase), secrets in `kvs_secret`, the custom
 * entities manifest.yml declares in `entities`. Every write runs in a SQLite transaction, so a crash never leaves half a write.
 * @example new KvsStore(db).set('app', 'config:10000', { version: 1 }, {}, Date.now())
 */
export class KvsStore {
  readonly entities: EntityStore;

  constructor(
    private readonly db: BetterSqlite3.Database,
    entityDeclarations: ReadonlyMap<string, EntityDeclaration> = new Map(),
  ) {
    this.entities = new EntityStore(db, entityDeclarations);
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
    checkKey(key, 'kvs');
    const row = this.db.prepare(`SELECT * FROM ${TABLES[space]} WHERE key = ?`).get(key) as Row | undefined;
    return row && isLive(row, now) ? toEntry(row) : undefined;
  }

  /** Writes `value`; answers the entry it replaced (if any) and the entry now stored. */
  set(space: KvsSpace, key: string, value: unknown, options: WriteOptions, now: number): { previous?: StoredEntry | undefined; latest: StoredEntry } {
    checkKey(key, 'kvs');
    const text = serialiseValue(key, value);
    return this.transaction(() => {
      const previous = this.get(space, key, now);
      if (previous && options.keyPolicy === 'FAIL_IF_EXISTS') throw new KvsError(409, 'KEY_CONFLICT', `Key '${key}' already exists.`);
      const expireAt = expiryOf(options.ttl, now);
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
    checkKey(key, 'kvs');
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
