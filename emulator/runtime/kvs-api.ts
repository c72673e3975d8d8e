import { z } from 'zod';
import type { Filter } from './kvs-conditions';
import { RawFilterSchema, RawRangeSchema, parseFilter, parseRange } from './kvs-conditions';
import type { IndexPosition } from './kvs-entity-store';
import { validateEntityValue } from './kvs-entity-schema';
import { KVS_LIMITS, KvsError, checkKey, serialiseValue } from './kvs-limits';
import type { KvsSpace, KvsStore, StoredEntry, WriteOptions } from './kvs-store';

/** What the KVS HTTP API answers: a status and, unless empty, a JSON body. */
export interface KvsReply {
  readonly status: number;
  readonly body?: unknown;
}

const MetadataFieldsSchema = z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'])).optional();
const TtlSchema = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const SetOptionsSchema = z
  .object({
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    ttl: TtlSchema.optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: MetadataFieldsSchema,
  })
  .optional();
const GetOptionsSchema = z.object({ metadataFields: MetadataFieldsSchema }).optional();

const GetSchema = z.object({ key: z.string(), options: GetOptionsSchema });
const SetSchema = z.object({ key: z.string(), value: z.unknown(), options: SetOptionsSchema });
const DeleteSchema = z.object({ key: z.string() });
const EntityGetSchema = GetSchema.extend({ entityName: z.string() });
const EntitySetSchema = SetSchema.extend({ entityName: z.string() });
const EntityDeleteSchema = DeleteSchema.extend({ entityName: z.string() });
const QuerySchema = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z.array(z.object({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) })).optional(),
  options: GetOptionsSchema,
});
const EntityQuerySchema = z.object({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: RawRangeSchema.optional(),
  filters: RawFilterSchema.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().optional(),
  options: GetOptionsSchema,
});
const TransactionSchema = z.object({
  set: z.array(z.object({ key: z.string(), value: z.unknown(), entityName: z.string().optional(), conditions: RawFilterSchema.optional(), options: SetOptionsSchema })).optional(),
  delete: z.array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: RawFilterSchema.optional() })).optional(),
  check: z.array(z.object({ key: z.string(), entityName: z.string({ error: 'a check names the entity it checks' }), conditions: RawFilterSchema })).optional(),
});
const BatchSetSchema = z.array(z.object({ key: z.string(), value: z.unknown(), entityName: z.string().optional(), options: SetOptionsSchema })).max(KVS_LIMITS.batchItems);
const BatchKeysSchema = z.array(z.object({ key: z.string(), entityName: z.string().optional() })).max(KVS_LIMITS.batchItems);
const EntityCursorSchema = z.object({ e: z.string(), i: z.string(), r: z.number().int(), n: z.number(), s: z.string(), k: z.string() });

/**
 * Serves the Forge KVS REST API that @forge/kvs calls (`POST /api/v1/<operation>`): the Key-Value Store, secrets,
 * custom entities (`entity/get|set|delete|query`), batches and transactions with entity conditions, from a KvsStore.
 * Answers what the client parses: a missing key is 404 `{code: 'KEY_NOT_FOUND'}`, an empty set answer is 204,
 * a failed transaction condition 409 `CONDITIONAL_CHECK_FAILED` (docs/forge-kvs-local.md).
 * @example handleKvsRequest(store, '/api/v1/get', { key: 'config:10000' }, Date.now()) // { status: 200, body: { key, value } }
 */
export function handleKvsRequest(store: KvsStore, path: string, body: unknown, now: number): KvsReply {
  try {
    return route(store, path, body, now);
  } catch (error) {
    if (error instanceof KvsError) return { status: error.status, body: { code: error.code, message: error.message, ...(Object.keys(error.context).length ? { context: error.context } : {}) } };
    if (error instanceof z.ZodError) return { status: 400, body: { code: 'BAD_REQUEST', message: `Invalid ${path} request: ${z.prettifyError(error)}` } };
    throw error;
  }
}

function route(store: KvsStore, path: string, body: unknown, now: number): KvsReply {
  const operation = /^\/api\/v1\/(.+)$/.exec(path)?.[1];
  switch (operation) {
    case 'get':
      return get(store, 'app', GetSchema.parse(body), now);
    case 'secret/get':
      return get(store, 'secret', GetSchema.parse(body), now);
    case 'set':
      return set(store, 'app', SetSchema.parse(body), now);
    case 'secret/set':
      return set(store, 'secret', SetSchema.parse(body), now);
    case 'delete':
      return remove(store, 'app', DeleteSchema.parse(body).key, now);
    case 'secret/delete':
      return remove(store, 'secret', DeleteSchema.parse(body).key, now);
    case 'query':
      return query(store, QuerySchema.parse(body), now);
    case 'entity/get':
      return entityGet(store, EntityGetSchema.parse(body), now);
    case 'entity/set':
      return entitySet(store, EntitySetSchema.parse(body), now);
    case 'entity/delete': {
      const request = EntityDeleteSchema.parse(body);
      return store.entities.delete(request.entityName, request.key, now) ? { status: 204 } : keyNotFound(request.key);
    }
    case 'entity/query':
      return entityQuery(store, EntityQuerySchema.parse(body), now);
    case 'transaction':
      return transaction(store, TransactionSchema.parse(body), Buffer.byteLength(JSON.stringify(body)), now);
    case 'batch/set':
      return batchSet(store, BatchSetSchema.parse(body), now);
    case 'batch/get':
      return batchGet(store, BatchKeysSchema.parse(body), now);
    case 'batch/delete':
      return batchDelete(store, BatchKeysSchema.parse(body), now);
    default:
      return { status: 404, body: { code: 'NOT_FOUND', message: `The local site's KVS has no operation ${path}` } };
  }
}

function get(store: KvsStore, space: KvsSpace, request: z.infer<typeof GetSchema>, now: number): KvsReply {
  const entry = store.get(space, request.key, now);
  if (!entry) return keyNotFound(request.key);
  return { status: 200, body: entryBody(entry) };
}

function set(store: KvsStore, space: KvsSpace, request: z.infer<typeof SetSchema>, now: number): KvsReply {
  const written = store.set(space, request.key, request.value, writeOptions(request.options), now);
  return setReply(request.options, written);
}

function remove(store: KvsStore, space: KvsSpace, key: string, now: number): KvsReply {
  return store.delete(space, key, now) ? { status: 204 } : keyNotFound(key);
}

function entityGet(store: KvsStore, request: z.infer<typeof EntityGetSchema>, now: number): KvsReply {
  const entry = store.entities.get(request.entityName, request.key, now);
  if (!entry) return keyNotFound(request.key);
  return { status: 200, body: { ...entryBody(entry), entityName: request.entityName } };
}

function entitySet(store: KvsStore, request: z.infer<typeof EntitySetSchema>, now: number): KvsReply {
  const written = store.entities.set(request.entityName, request.key, request.value, writeOptions(request.options), now);
  return setReply(request.options, written);
}

function setReply(options: z.infer<typeof SetOptionsSchema>, written: { previous?: StoredEntry | undefined; latest: StoredEntry }): KvsReply {
  const returnValue = options?.returnValue;
  if (returnValue === undefined) return { status: 204 };
  const returned = returnValue === 'PREVIOUS' ? written.previous : written.latest;
  return returned ? { status: 200, body: entryBody(returned) } : { status: 204 };
}

/** A Key-Value Store query: one `where` on the key with BEGINS_WITH, at most 100 results a page. */
function query(store: KvsStore, request: z.infer<typeof QuerySchema>, now: number): KvsReply {
  const limit = request.limit ?? KVS_LIMITS.defaultQueryLimit;
  if (limit < 1 || limit > KVS_LIMITS.queryLimit) throw new KvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `A query returns 1 to ${KVS_LIMITS.queryLimit} values a page; got limit ${limit}.`);
  const where = request.where ?? [];
  if (where.length > 1) throw new KvsError(400, 'QUERY_WHERE_INVALID', 'KVS queries contain at most one "where" clause.');
  const clause = where[0];
  if (clause && clause.property !== 'key') throw new KvsError(400, 'QUERY_WHERE_FIELD_INVALID', `KVS queries filter on 'key' only, not '${clause.property}'.`);
  if (clause && clause.condition !== 'BEGINS_WITH') throw new KvsError(400, 'INVALID_FILTER_CONDITION', `KVS queries support BEGINS_WITH only, not ${clause.condition}.`);
  const prefix = clause?.values[0] ?? '';
  if (clause && (clause.values.length !== 1 || (typeof prefix !== 'string' && typeof prefix !== 'number'))) {
    throw new KvsError(400, 'INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one string value.');
  }
  const after = request.after === undefined ? undefined : decodeCursor(request.after);
  const { entries, more } = store.query(typeof prefix === 'number' ? String(prefix) : (prefix as string), after, limit, now);
  const last = entries.at(-1);
  return { status: 200, body: { data: entries.map(entryBody), ...(more && last ? { cursor: encodeCursor(last.key) } : {}) } };
}

function entityQuery(store: KvsStore, request: z.infer<typeof EntityQuerySchema>, now: number): KvsReply {
  const limit = request.limit ?? KVS_LIMITS.defaultQueryLimit;
  if (limit < 1 || limit > KVS_LIMITS.queryLimit) throw new KvsError(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${KVS_LIMITS.queryLimit}; got ${limit}.`);
  const declaration = store.entities.declaration(request.entityName);
  const after = request.cursor === undefined ? undefined : decodeIndexCursor(request.cursor, request.entityName, request.indexName);
  const { entries, next } = store.entities.query(
    {
      entityName: request.entityName,
      indexName: request.indexName,
      partition: request.partition,
      range: request.range ? parseRange(request.range) : undefined,
      filter: request.filters ? parseFilter(request.filters, declaration) : undefined,
      sort: request.sort ?? 'ASC',
      after,
      limit,
    },
    now,
  );
  return { status: 200, body: { data: entries.map(entryBody), ...(next ? { cursor: encodeIndexCursor(request.entityName, request.indexName, next) } : {}) } };
}

type TransactionRequest = z.infer<typeof TransactionSchema>;

/**
 * All operations or none. Every write is validated first (400), then every condition is evaluated against the
 * current values (409 CONDITIONAL_CHECK_FAILED naming the first that failed), then the writes apply in one SQLite
 * transaction. A condition on a key that does not exist sees no attributes; a `check` also fails on a missing key.
 */
function transaction(store: KvsStore, request: TransactionRequest, payloadBytes: number, now: number): KvsReply {
  const sets = request.set ?? [];
  const deletes = request.delete ?? [];
  const checks = request.check ?? [];
  const count = sets.length + deletes.length + checks.length;
  if (count === 0) throw new KvsError(400, 'BAD_REQUEST', 'A transaction needs at least one operation.');
  if (count > KVS_LIMITS.transactionOperations) {
    throw new KvsError(400, 'TOO_MANY_OPERATIONS', `A transaction has at most ${KVS_LIMITS.transactionOperations} operations; got ${count}.`);
  }
  if (payloadBytes > KVS_LIMITS.transactionPayloadBytes) throw new KvsError(400, 'MAX_SIZE', `A transaction is at most 4 MB; this one is ${payloadBytes} bytes.`);
  const targets = [...sets, ...deletes, ...checks].map((op) => (op.entityName === undefined ? `key '${op.key}'` : `key '${op.key}' of entity '${op.entityName}'`));
  const repeated = targets.find((target, i) => targets.indexOf(target) !== i);
  if (repeated !== undefined) throw new KvsError(400, 'DUPLICATE_KEY', `Each key can be used once in a transaction; ${repeated} appears more than once.`);

  const conditional: { operation: 'set' | 'delete' | 'check'; key: string; entityName: string; filter: Filter }[] = [];
  const conditionOf = (operation: 'set' | 'delete' | 'check', op: { key: string; entityName?: string | undefined; conditions?: z.infer<typeof RawFilterSchema> | undefined }): void => {
    if (op.entityName === undefined) {
      if (op.conditions !== undefined) throw new KvsError(400, 'BAD_REQUEST', `Conditions apply to custom entities only; the ${operation} of key '${op.key}' names no entityName.`);
      checkKey(op.key, 'kvs');
      return;
    }
    const declaration = store.entities.declaration(op.entityName);
    checkKey(op.key, 'entity');
    if (op.conditions !== undefined) conditional.push({ operation, key: op.key, entityName: op.entityName, filter: parseFilter(op.conditions, declaration) });
  };
  for (const op of sets) {
    conditionOf('set', op);
    if (op.entityName !== undefined) validateEntityValue(store.entities.declaration(op.entityName), op.value);
    serialiseValue(op.key, op.value);
  }
  for (const op of deletes) conditionOf('delete', op);
  for (const op of checks) conditionOf('check', op);

  store.transaction(() => {
    for (const { operation, key, entityName, filter } of conditional) {
      const exists = store.entities.get(entityName, key, now) !== undefined;
      if ((operation === 'check' && !exists) || !store.entities.meets(entityName, key, filter, now)) {
        throw new KvsError(
          409,
          'CONDITIONAL_CHECK_FAILED',
          `The transaction was not applied: the conditions of its ${operation} of key '${key}' of entity '${entityName}' do not hold${exists ? '' : ' (the key does not exist)'}.`,
          { operation, key, entityName },
        );
      }
    }
    for (const op of sets) {
      if (op.entityName === undefined) store.set('app', op.key, op.value, writeOptions(op.options), now);
      else store.entities.set(op.entityName, op.key, op.value, writeOptions(op.options), now);
    }
    for (const op of deletes) {
      if (op.entityName === undefined) store.delete('app', op.key, now);
      else store.entities.delete(op.entityName, op.key, now);
    }
  });
  return { status: 204 };
}

function batchSet(store: KvsStore, items: z.infer<typeof BatchSetSchema>, now: number): KvsReply {
  const outcomes = items.map((item) =>
    attempt(item, () =>
      item.entityName === undefined ? store.set('app', item.key, item.value, writeOptions(item.options), now) : store.entities.set(item.entityName, item.key, item.value, writeOptions(item.options), now),
    ),
  );
  return { status: 200, body: batchBody(outcomes) };
}

function batchGet(store: KvsStore, items: z.infer<typeof BatchKeysSchema>, now: number): KvsReply {
  const found: Record<string, unknown>[] = [];
  const outcomes = items.map((item) =>
    attempt(item, () => {
      const entry = item.entityName === undefined ? store.get('app', item.key, now) : store.entities.get(item.entityName, item.key, now);
      if (!entry) throw new KvsError(404, 'KEY_NOT_FOUND', `Key '${item.key}' does not exist.`);
      found.push({ ...entryBody(entry), ...(item.entityName === undefined ? {} : { entityName: item.entityName }) });
    }),
  );
  return { status: 200, body: { successfulKeys: found, failedKeys: batchBody(outcomes).failedKeys } };
}

function batchDelete(store: KvsStore, items: z.infer<typeof BatchKeysSchema>, now: number): KvsReply {
  const outcomes = items.map((item) => attempt(item, () => (item.entityName === undefined ? store.delete('app', item.key, now) : store.entities.delete(item.entityName, item.key, now))));
  return { status: 200, body: batchBody(outcomes) };
}

type Outcome = { key: string; entityName?: string | undefined; error?: KvsError };

function attempt(item: { key: string; entityName?: string | undefined }, fn: () => unknown): Outcome {
  const target = { key: item.key, ...(item.entityName === undefined ? {} : { entityName: item.entityName }) };
  try {
    fn();
    return target;
  } catch (error) {
    if (error instanceof KvsError) return { ...target, error };
    throw error;
  }
}

function batchBody(outcomes: Outcome[]): { successfulKeys: { key: string }[]; failedKeys: { key: string; error: { code: string; message: string } }[] } {
  return {
    successfulKeys: outcomes.filter((o) => !o.error).map(({ key, entityName }) => ({ key, ...(entityName === undefined ? {} : { entityName }) })),
    failedKeys: outcomes.flatMap(({ key, entityName, error }) => (error ? [{ key, ...(entityName === undefined ? {} : { entityName }), error: { code: error.code, message: error.message } }] : [])),
  };
}

function writeOptions(options: z.infer<typeof SetOptionsSchema>): WriteOptions {
  return { keyPolicy: options?.keyPolicy, ttl: options?.ttl };
}

function entryBody(entry: StoredEntry): Record<string, unknown> {
  return { key: entry.key, value: entry.value, createdAt: entry.createdAt, updatedAt: entry.updatedAt, ...(entry.expireTime ? { expireTime: entry.expireTime } : {}) };
}

function keyNotFound(key: string): KvsReply {
  return { status: 404, body: { code: 'KEY_NOT_FOUND', message: `Key '${key}' does not exist.` } };
}

function encodeCursor(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (encodeCursor(text) !== cursor) throw new KvsError(400, 'INVALID_CURSOR', `Cursor '${cursor.slice(0, 40)}' was not issued by this KVS.`);
  return text;
}

function encodeIndexCursor(entityName: string, indexName: string, position: IndexPosition): string {
  return encodeCursor(JSON.stringify({ e: entityName, i: indexName, r: position.rank, n: position.num, s: position.str, k: position.key }));
}

function decodeIndexCursor(cursor: string, entityName: string, indexName: string): IndexPosition {
  const invalid = new KvsError(400, 'INVALID_CURSOR', `Cursor '${cursor.slice(0, 40)}' was not issued by a query of index '${indexName}' of entity '${entityName}'.`);
  let parsed: z.infer<typeof EntityCursorSchema>;
  try {
    parsed = EntityCursorSchema.parse(JSON.parse(decodeCursor(cursor)));
  } catch {
    throw invalid;
  }
  if (parsed.e !== entityName || parsed.i !== indexName) throw invalid;
  return { rank: parsed.r, num: parsed.n, str: parsed.s, key: parsed.k };
}
