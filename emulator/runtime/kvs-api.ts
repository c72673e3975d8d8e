import { z } from 'zod';
import type { KvsSpace, KvsStore, StoredEntry, WriteOptions } from './kvs-store';
import { KVS_LIMITS, KvsError } from './kvs-store';

/** What the KVS HTTP API answers: a status and, unless empty, a JSON body. */
export interface KvsReply {
  readonly status: number;
  readonly body?: unknown;
}

const KeySchema = z.string();
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

const GetSchema = z.object({ key: KeySchema, options: z.object({ metadataFields: MetadataFieldsSchema }).optional() });
const SetSchema = z.object({ key: KeySchema, value: z.unknown(), options: SetOptionsSchema });
const DeleteSchema = z.object({ key: KeySchema });
const QuerySchema = z.object({
  limit: z.number().int().min(1).max(KVS_LIMITS.queryLimit).optional(),
  after: z.string().optional(),
  where: z.array(z.object({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.tuple([z.union([z.string(), z.number()])]) })).max(1).optional(),
  options: z.object({ metadataFields: MetadataFieldsSchema }).optional(),
});
const NoEntitySchema = z.undefined({ error: 'custom entities are not supported by the local site' }).optional();
const TransactionSchema = z.object({
  set: z.array(z.object({ key: KeySchema, value: z.unknown(), entityName: NoEntitySchema, conditions: NoEntitySchema, options: SetOptionsSchema })).optional(),
  delete: z.array(z.object({ key: KeySchema, entityName: NoEntitySchema, conditions: NoEntitySchema })).optional(),
  check: z.array(z.unknown()).max(0, 'checks need custom entities, which the local site does not support').optional(),
});
const BatchSetSchema = z.array(z.object({ key: KeySchema, value: z.unknown(), entityName: NoEntitySchema, options: SetOptionsSchema })).max(KVS_LIMITS.batchItems);
const BatchKeysSchema = z.array(z.object({ key: KeySchema, entityName: NoEntitySchema })).max(KVS_LIMITS.batchItems);

/**
 * Serves the Forge KVS REST API that @forge/kvs calls (`POST /api/v1/<operation>`), from a KvsStore.
 * Answers exactly what the client parses: a missing key is 404 `{code: 'KEY_NOT_FOUND'}`, an empty set answer is 204.
 * @example handleKvsRequest(store, '/api/v1/get', { key: 'config:10000' }, Date.now()) // { status: 200, body: { key, value } }
 */
export function handleKvsRequest(store: KvsStore, path: string, body: unknown, now: number): KvsReply {
  try {
    return route(store, path, body, now);
  } catch (error) {
    if (error instanceof KvsError) return { status: error.status, body: { code: error.code, message: error.message } };
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
    case 'transaction':
      return transaction(store, TransactionSchema.parse(body), now);
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
  const { previous, latest } = store.set(space, request.key, request.value, writeOptions(request.options), now);
  const returnValue = request.options?.returnValue;
  if (returnValue === undefined) return { status: 204 };
  const returned = returnValue === 'PREVIOUS' ? previous : latest;
  return returned ? { status: 200, body: entryBody(returned) } : { status: 204 };
}

function remove(store: KvsStore, space: KvsSpace, key: string, now: number): KvsReply {
  return store.delete(space, key, now) ? { status: 204 } : keyNotFound(key);
}

function query(store: KvsStore, request: z.infer<typeof QuerySchema>, now: number): KvsReply {
  const prefix = String(request.where?.[0]?.values[0] ?? '');
  const after = request.after === undefined ? undefined : decodeCursor(request.after);
  const { entries, more } = store.query(prefix, after, request.limit ?? KVS_LIMITS.defaultQueryLimit, now);
  const last = entries.at(-1);
  return { status: 200, body: { data: entries.map(entryBody), ...(more && last ? { cursor: encodeCursor(last.key) } : {}) } };
}

function transaction(store: KvsStore, request: z.infer<typeof TransactionSchema>, now: number): KvsReply {
  const sets = request.set ?? [];
  const deletes = request.delete ?? [];
  const count = sets.length + deletes.length;
  if (count === 0) throw new KvsError(400, 'BAD_REQUEST', 'A transaction needs at least one operation.');
  if (count > KVS_LIMITS.transactionOperations) {
    throw new KvsError(400, 'TOO_MANY_OPERATIONS', `A transaction has at most ${KVS_LIMITS.transactionOperations} operations; got ${count}.`);
  }
  const keys = [...sets, ...deletes].map((op) => op.key);
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
  if (repeated !== undefined) throw new KvsError(400, 'DUPLICATE_KEY', `Key '${repeated}' appears more than once in the transaction.`);
  store.transaction(() => {
    for (const op of sets) store.set('app', op.key, op.value, writeOptions(op.options), now);
    for (const op of deletes) store.delete('app', op.key, now);
  });
  return { status: 204 };
}

function batchSet(store: KvsStore, items: z.infer<typeof BatchSetSchema>, now: number): KvsReply {
  const outcomes = items.map((item) => attempt(item.key, () => store.set('app', item.key, item.value, writeOptions(item.options), now)));
  return { status: 200, body: batchBody(outcomes) };
}

function batchGet(store: KvsStore, items: z.infer<typeof BatchKeysSchema>, now: number): KvsReply {
  const found: StoredEntry[] = [];
  const outcomes = items.map((item) =>
    attempt(item.key, () => {
      const entry = store.get('app', item.key, now);
      if (!entry) throw new KvsError(404, 'KEY_NOT_FOUND', `Key '${item.key}' does not exist.`);
      found.push(entry);
    }),
  );
  return { status: 200, body: { successfulKeys: found.map(entryBody), failedKeys: batchBody(outcomes).failedKeys } };
}

function batchDelete(store: KvsStore, items: z.infer<typeof BatchKeysSchema>, now: number): KvsReply {
  const outcomes = items.map((item) => attempt(item.key, () => store.delete('app', item.key, now)));
  return { status: 200, body: batchBody(outcomes) };
}

type Outcome = { key: string; error?: KvsError };

function attempt(key: string, fn: () => unknown): Outcome {
  try {
    fn();
    return { key };
  } catch (error) {
    if (error instanceof KvsError) return { key, error };
    throw error;
  }
}

function batchBody(outcomes: Outcome[]): { successfulKeys: { key: string }[]; failedKeys: { key: string; error: { code: string; message: string } }[] } {
  return {
    successfulKeys: outcomes.filter((o) => !o.error).map((o) => ({ key: o.key })),
    failedKeys: outcomes.flatMap((o) => (o.error ? [{ key: o.key, error: { code: o.error.code, message: o.error.message } }] : [])),
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

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (encodeCursor(key) !== cursor) throw new KvsError(400, 'INVALID_CURSOR', `Cursor '${cursor.slice(0, 40)}' was not issued by this KVS.`);
  return key;
}
