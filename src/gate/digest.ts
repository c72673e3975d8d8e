// node:crypto's hash is a pure computation (no I/O, no clock): the one node module src/gate may use (eslint.config.mjs).
import { createHash } from 'node:crypto';
import type { GateRecord } from './records';

/** Digests of records: canonical JSON, then SHA-256. */

function serialize(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item: unknown) => serialize(item) ?? 'null').join(',')}]`;
      const members: string[] = [];
      for (const key of Object.keys(value).sort()) {
        const member = serialize((value as Record<string, unknown>)[key]);
        if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      // undefined, functions and symbols have no JSON form: dropped from objects, null in arrays (as JSON.stringify does).
      return undefined;
  }
}

/**
 * JSON with object keys sorted (by UTF-16 code unit), no whitespace and undefined members dropped,
 * so equal values always give the same text and the same digest.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, undefined], c: undefined }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value);
  if (text === undefined) throw new TypeError(`canonicalJson: a value of type ${typeof value} has no JSON form`);
  return text;
}

/**
 * SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits (a lone surrogate is encoded as U+FFFD).
 *
 * @example
 * sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The digest the app keeps in KVS for a record it wrote; the gate trusts a property only when its digest matches.
 *
 * @example
 * digestStore.put(issue.id, teamProperty('cee'), digestOf(decision));
 */
export function digestOf(record: GateRecord): string {
  return sha256Hex(canonicalJson(record));
}
