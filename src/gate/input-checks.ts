import type { FieldError, GateConfig } from './config';
import { LIMITS } from './config';

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

/**
 * Checks numbers a user wants to record against the configuration (v1 or v2), before anything is written.
 *
 * @example
 * checkNumbers(config, { capacity: 0, speed: 3 })
 * // [{ path: 'values.capacity', message: 'must be at least 1' }, { path: 'values.speed', message: 'no number has the key "speed"' }]
 */
export function checkNumbers(config: { readonly numbers: readonly (NumberRule & { readonly key: string })[] }, values: Readonly<Record<string, number>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const spec = config.numbers.find((n) => n.key === key);
    const message = spec === undefined ? `no number has the key "${key}"` : numberProblem(spec, value);
    if (message !== undefined) errors.push({ path: `values.${key}`, message });
  }
  return errors;
}

/**
 * Checks questionnaire answers against the configuration, before anything is written.
 *
 * @example
 * checkAnswers(config, { 'in-use': 'metric x', typo: 'y' }) // [{ path: 'answers.typo', message: 'no question has the key "typo"' }]
 */
export function checkAnswers(config: GateConfig, answers: Readonly<Record<string, string>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, text] of Object.entries(answers)) {
    if (!config.questions.some((q) => q.key === key)) errors.push({ path: `answers.${key}`, message: `no question has the key "${key}"` });
    else if (text.length > LIMITS.answerLength) errors.push({ path: `answers.${key}`, message: `is at most ${LIMITS.answerLength} characters` });
  }
  return errors;
}
