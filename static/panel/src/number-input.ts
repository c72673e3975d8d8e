import type { NumberSpec } from '../../../src/gate/config';

export type NumberCheck = { readonly ok: true; readonly value: number | undefined } | { readonly ok: false; readonly message: string };

const withUnit = (value: number, unit: string): string => (unit === '' ? String(value) : `${value} ${unit}`);

/**
 * Checks what the user typed for one number against its spec; empty means "not recorded".
 * @example checkNumber({ ...capacity, min: 0, max: 100000 }, '-5') // { ok: false, message: 'Must be at least 0 req/s' }
 */
export function checkNumber(spec: NumberSpec, typed: string): NumberCheck {
  const text = typed.trim();
  if (text === '') return { ok: true, value: undefined };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `Enter ${spec.label} as a number${spec.unit === '' ? '' : ` in ${spec.unit}`}` };
  if (spec.integer && !Number.isInteger(value)) return { ok: false, message: 'Must be a whole number' };
  if (spec.min !== undefined && value < spec.min) return { ok: false, message: `Must be at least ${withUnit(spec.min, spec.unit)}` };
  if (spec.max !== undefined && value > spec.max) return { ok: false, message: `Must be at most ${withUnit(spec.max, spec.unit)}` };
  return { ok: true, value };
}

/** "Whole number from 0 to 100000 req/s". */
export function describeLimits(spec: NumberSpec): string {
  const kind = spec.integer ? 'Whole number' : 'Number';
  if (spec.min !== undefined && spec.max !== undefined) return `${kind} from ${spec.min} to ${withUnit(spec.max, spec.unit)}`;
  if (spec.min !== undefined) return `${kind}, at least ${withUnit(spec.min, spec.unit)}`;
  if (spec.max !== undefined) return `${kind}, at most ${withUnit(spec.max, spec.unit)}`;
  return spec.unit === '' ? kind : `${kind} in ${spec.unit}`;
}
