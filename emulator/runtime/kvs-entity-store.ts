import type BetterSqlite3 from 'better-sqlite3';
import type { Condition, Filter } from './kvs-conditions';
import { rangeValue, satisfies } from './kvs-conditions';
import type { EntityDeclaration, EntityIndex } from './kvs-entity-schema';
import { entityDeclaration, validateEntityValue } from './kvs-entity-schema';
import { KvsError, checkKey, expiryOf, serialiseValue } from './kvs-limits';
import type { StoredEntry, WriteOptions } from './kvs-store';

/** An index query as @forge/kvs sends it (`kvs.entity(name).query().index(...)...getMany()`), already checked. */
export interface EntityQuery {
  readonly entityName: string;
  readonly indexName: string;
  readonly partition?: readonly unknown[] | undefined;
  readonly range?: Omit<Condition, 'property'> | undefined;
  readonly filter?: Filter | undefined;
  readonly sort: 'ASC' | 'DESC';
  readonly after?: IndexPosition | undefined;
  readonly limit: number;
}

/** Where a page ended in an index: the next page starts after it. */
export interface IndexPosition {
  readonly rank: number;
  readonly num: number;
  readonly str: string;
  readonly key: string;
}

interface EntityRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

interface IndexedRow extends EntityRow {
  range_rank: number;
  range_num: number;
  range_str: string;
}

const SIGNATURE_KEY = 'kvs-entity-indexes';

/**
 * Custom entities in SQLite: values in `kvs_entity`, one row per (index, entity) in `kvs_entity_index` so an index
 * query walks an index in order instead of reading every entity. The index rows are rebuilt when the manifest's
 * declarations change, so a restart with a new manifest indexes what is already stored.
 * @example new EntityStore(db, loadEntityDeclarations('manifest.yml')).set('record-head', 'SKU-1:numbers', { seq: 1 }, {}, Date.now())
 */
export class EntityStore {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly declarations: ReadonlyMap<string, EntityDeclaration>,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS kvs_entity (
        entity_name TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
        PRIMARY KEY (entity_name, key)
      );
      CREATE TABLE IF NOT EXISTS kvs_entity_index (
        entity_name TEXT NOT NULL, index_name TEXT NOT NULL, partition TEXT NOT NULL,
        range_rank INTEGER NOT NULL, range_num REAL NOT NULL, range_str TEXT NOT NULL, key TEXT NOT NULL,
        PRIMARY KEY (entity_name, index_name, partition, range_rank, range_num, range_str, key)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS kvs_entity_index_by_key ON kvs_entity_index(entity_name, key);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.reindexIfDeclarationsChanged();
  }

  /** The declaration of `entityName`, or 400 when it is malformed or not in the manifest. */
  declaration(entityName: string): EntityDeclaration {
    return entityDeclaration(this.declarations, entityName);
  }

  get(entityName: string, key: string, now: number): StoredEntry | undefined {
    this.declaration(entityName);
    checkKey(key, 'entity');
    const row = this.db.prepare('SELECT * FROM kvs_entity WHERE entity_name = ? AND key = ?').get(entityName, key) as EntityRow | undefined;
    return row && (row.expire_at === null || row.expire_at > now) ? toEntry(row) : undefined;
  }

  /** Validates `value` against the declaration, writes it and its index rows; answers the entry replaced (if any) and the one now stored. */
  set(entityName: string, key: string, value: unknown, options: WriteOptions, now: number): { previous?: StoredEntry | undefined; latest: StoredEntry } {
    const declaration = this.declaration(entityName);
    checkKey(key, 'entity');
    validateEntityValue(declaration, value);
    const text = serialiseValue(key, value);
    return this.db.transaction(() => {
      const previous = this.get(entityName, key, now);
      if (previous && options.keyPolicy === 'FAIL_IF_EXISTS') throw new KvsError(409, 'KEY_CONFLICT', `Key '${key}' of entity '${entityName}' already exists.`);
      const expireAt = expiryOf(options.ttl, now);
      const createdAt = previous?.createdAt ?? now;
      this.db
        .prepare(
          `INSERT INTO kvs_entity (entity_name, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(entity_name, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at, updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
        )
        .run(entityName, key, text, createdAt, now, expireAt);
      this.writeIndexRows(declaration, key, value);
      return { previous, latest: { key, value, createdAt, updatedAt: now, expireTime: expireAt === null ? undefined : new Date(expireAt).toISOString() } };
    })();
  }

  /** Deletes the entity stored at `key`; answers whether it existed. */
  delete(entityName: string, key: string, now: number): boolean {
    this.declaration(entityName);
    checkKey(key, 'entity');
    return this.db.transaction(() => {
      const existed = this.get(entityName, key, now) !== undefined;
      this.db.prepare('DELETE FROM kvs_entity WHERE entity_name = ? AND key = ?').run(entityName, key);
      this.db.prepare('DELETE FROM kvs_entity_index WHERE entity_name = ? AND key = ?').run(entityName, key);
      return existed;
    })();
  }

  /**
   * Whether the entity at `key` satisfies `filter` (evaluated on its current value; a missing key has no attributes).
   * @example store.meets('record-head', 'SKU-1:numbers', { operator: 'and', conditions: [{ property: 'seq', condition: 'EQUAL_TO', values: [3] }] }, now)
   */
  meets(entityName: string, key: string, filter: Filter, now: number): boolean {
    const current = this.get(entityName, key, now);
    return satisfies(filter, current?.value as Record<string, unknown> | undefined);
  }

  /**
   * One page of an index query: `limit` index entries from `after` in `sort` order, those passing `filter`, and
   * where the next page starts when more entries remain. Filters apply to the page read, as in Forge, so a page can
   * hold fewer than `limit` results and still have a next page.
   */
  query(query: EntityQuery, now: number): { entries: StoredEntry[]; next?: IndexPosition | undefined } {
    const declaration = this.declaration(query.entityName);
    const index = declaration.indexes.get(query.indexName);
    if (!index) {
      throw new KvsError(400, 'INVALID_ENTITY_INDEX', `Entity '${query.entityName}' has no index '${query.indexName}' (indexes: ${[...declaration.indexes.keys()].join(', ')}).`);
    }
    const partition = query.partition ?? [];
    if (partition.length !== index.partition.length) {
      throw new KvsError(
        400,
        'INVALID_PARTITION',
        `Index '${index.name}' of entity '${query.entityName}' is partitioned by [${index.partition.join(', ')}]: give ${index.partition.length} partition value${index.partition.length === 1 ? '' : 's'} in that order, got ${partition.length}.`,
      );
    }
    const direction = query.sort === 'DESC' ? 'DESC' : 'ASC';
    const clauses = ['i.entity_name = ?', 'i.index_name = ?', 'i.partition = ?', '(e.expire_at IS NULL OR e.expire_at > ?)'];
    const params: unknown[] = [query.entityName, index.name, JSON.stringify(partition), now];
    if (query.range) {
      const sql = rangeSql(query.range);
      clauses.push(sql.clause);
      params.push(...sql.params);
    }
    if (query.after) {
      clauses.push(`(i.range_rank, i.range_num, i.range_str, i.key) ${direction === 'ASC' ? '>' : '<'} (?, ?, ?, ?)`);
      params.push(query.after.rank, query.after.num, query.after.str, query.after.key);
    }
    const rows = this.db
      .prepare(
        `SELECT e.*, i.range_rank, i.range_num, i.range_str FROM kvs_entity_index i JOIN kvs_entity e ON e.entity_name = i.entity_name AND e.key = i.key
         WHERE ${clauses.join(' AND ')}
         ORDER BY i.range_rank ${direction}, i.range_num ${direction}, i.range_str ${direction}, i.key ${direction} LIMIT ?`,
      )
      .all(...params, query.limit + 1) as IndexedRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const entries = page.map(toEntry).filter((entry) => !query.filter || satisfies(query.filter, entry.value as Record<string, unknown>));
    return { entries, next: rows.length > query.limit && last ? { rank: last.range_rank, num: last.range_num, str: last.range_str, key: last.key } : undefined };
  }

  private writeIndexRows(declaration: EntityDeclaration, key: string, value: Record<string, unknown>): void {
    this.db.prepare('DELETE FROM kvs_entity_index WHERE entity_name = ? AND key = ?').run(declaration.name, key);
    const insert = this.db.prepare('INSERT INTO kvs_entity_index (entity_name, index_name, partition, range_rank, range_num, range_str, key) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const index of declaration.indexes.values()) {
      const row = indexRow(index, key, value);
      if (row) insert.run(declaration.name, index.name, row.partition, row.rank, row.num, row.str, key);
    }
  }

  private reindexIfDeclarationsChanged(): void {
    const signature = JSON.stringify([...this.declarations.values()].map((d) => [d.name, [...d.attributes], [...d.indexes.values()]]));
    const stored = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(SIGNATURE_KEY) as { value: string } | undefined;
    if (stored?.value === signature) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM kvs_entity_index');
      const rows = this.db.prepare('SELECT entity_name, key, value FROM kvs_entity').all() as { entity_name: string; key: string; value: string }[];
      for (const row of rows) {
        const declaration = this.declarations.get(row.entity_name);
        const value = JSON.parse(row.value) as unknown;
        if (declaration && typeof value === 'object' && value !== null) this.writeIndexRows(declaration, row.key, value as Record<string, unknown>);
      }
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SIGNATURE_KEY, signature);
    })();
  }
}

/** The index row of one entity, or undefined when it lacks a partition or range attribute (indexes are sparse). */
function indexRow(index: EntityIndex, key: string, value: Readonly<Record<string, unknown>>): { partition: string; rank: number; num: number; str: string } | undefined {
  const partition = index.partition.map((attribute) => value[attribute]);
  if (partition.some((v) => !isScalar(v))) return undefined;
  const range = rangeValue(index.range, key, value);
  if (!isScalar(range)) return undefined;
  return { partition: JSON.stringify(partition), ...sortable(range) };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A scalar as index columns that sort as compareScalars does (booleans, numbers, strings by UTF-8 bytes). */
function sortable(value: string | number | boolean): { rank: number; num: number; str: string } {
  if (typeof value === 'boolean') return { rank: 0, num: Number(value), str: '' };
  if (typeof value === 'number') return { rank: 1, num: value, str: '' };
  return { rank: 2, num: 0, str: value };
}

/** The SQL of an index query's range condition; a value of another type than the condition's matches nothing. */
function rangeSql(range: Omit<Condition, 'property'>): { clause: string; params: unknown[] } {
  const [first, second] = range.values;
  if (first === undefined) return { clause: '0', params: [] };
  const target = sortable(first);
  const column = target.rank === 2 ? 'i.range_str' : 'i.range_num';
  const operand = target.rank === 2 ? target.str : target.num;
  const ofType = `i.range_rank = ${target.rank}`;
  switch (range.condition) {
    case 'EQUAL_TO':
      return { clause: `${ofType} AND ${column} = ?`, params: [operand] };
    case 'GREATER_THAN':
      return { clause: `${ofType} AND ${column} > ?`, params: [operand] };
    case 'GREATER_THAN_EQUAL_TO':
      return { clause: `${ofType} AND ${column} >= ?`, params: [operand] };
    case 'LESS_THAN':
      return { clause: `${ofType} AND ${column} < ?`, params: [operand] };
    case 'LESS_THAN_EQUAL_TO':
      return { clause: `${ofType} AND ${column} <= ?`, params: [operand] };
    case 'BEGINS_WITH':
      return typeof first === 'string' ? { clause: 'i.range_rank = 2 AND substr(i.range_str, 1, length(?)) = ?', params: [first, first] } : { clause: '0', params: [] };
    case 'BETWEEN': {
      if (second === undefined || sortable(second).rank !== target.rank) return { clause: '0', params: [] };
      const upper = sortable(second);
      return { clause: `${ofType} AND ${column} BETWEEN ? AND ?`, params: [operand, target.rank === 2 ? upper.str : upper.num] };
    }
    default:
      throw new KvsError(400, 'INVALID_FILTER_CONDITION', `Condition '${range.condition}' cannot select a range of an index.`);
  }
}

function toEntry(row: EntityRow): StoredEntry {
  return {
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expireTime: row.expire_at === null ? undefined : new Date(row.expire_at).toISOString(),
  };
}
