import type { NumberSpec } from './config';

/**
 * The rules and words for the numbers recorded on a ticket (capacity, velocity...), without zod: the backend checks a
 * recorded value with them, the panel checks what is typed and describes the limits with the same words.
 */

/**
 * A value with its unit, as a phrase.
 *
 * @example
 * withUnit(500, 'customers') // '500 customers'
 */
export function withUnit(value: number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** The rules a value must meet: a number spec, or a v2 number item. */
export interface NumberRule {
  readonly integer?: boolean | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/**
 * What is wrong with a value for a number, as the end of a sentence, or undefined when it is valid.
 *
 * @example
 * numberProblem({ key: 'capacity', integer: true, min: 1, ... }, 2.5) // 'must be a whole number'
 * numberProblem({ key: 'capacity', integer: true, min: 1, ... }, 0) // 'must be at least 1'
 */
export function numberProblem(spec: NumberRule, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a number';
  if (spec.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
  if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
  return undefined;
}

export type TypedNumber = { readonly ok: true; readonly value: number | undefined } | { readonly ok: false; readonly message: string };

const sentence = (problem: string): string => problem.charAt(0).toUpperCase() + problem.slice(1);

/**
 * Reads what someone typed for a number: empty means "not recorded"; a value the gate would refuse gets the gate's words.
 *
 * @example
 * readTypedNumber(capacity, '-5') // { ok: false, message: 'Must be at least 0' } (capacity: min 0, in req/s)
 * readTypedNumber(capacity, ' 250 ') // { ok: true, value: 250 }
 */
export function readTypedNumber(spec: NumberSpec, typed: string): TypedNumber {
  const text = typed.trim();
  if (text === '') return { ok: true, value: undefined };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: `Enter ${spec.label} as a number${spec.unit === '' ? '' : ` in ${spec.unit}`}` };
  const problem = numberProblem(spec, value);
  return problem === undefined ? { ok: true, value } : { ok: false, message: sentence(problem) };
}

/**
 * The limits of a number in words, shown before anyone types.
 *
 * @example
 * describeLimits(capacity) // 'Whole number from 0 to 100000 req/s' (capacity: whole, 0 to 100000, in req/s)
 */
export function describeLimits(spec: NumberSpec): string {
  const kind = spec.integer ? 'Whole number' : 'Number';
  if (spec.min !== undefined && spec.max !== undefined) return `${kind} from ${spec.min} to ${withUnit(spec.max, spec.unit)}`;
  if (spec.min !== undefined) return `${kind}, at least ${withUnit(spec.min, spec.unit)}`;
  if (spec.max !== undefined) return `${kind}, at most ${withUnit(spec.max, spec.unit)}`;
  return spec.unit === '' ? kind : `${kind} in ${spec.unit}`;
}
