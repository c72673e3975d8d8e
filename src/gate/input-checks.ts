import type { FieldError, GateConfig } from './config';
import { LIMITS } from './config';
import type { NumberRule } from './number-rules';
import { numberProblem } from './number-rules';

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

/**
 * Checks the bases given with numbers: each is the basis of a number the configuration has.
 *
 * @example
 * checkBases(config, { speed: { notes: 'x' } }) // [{ path: 'basis.speed', message: 'no number has the key "speed"' }]
 */
export function checkBases(config: { readonly numbers: readonly { readonly key: string }[] }, bases: Readonly<Record<string, unknown>>): FieldError[] {
  return Object.keys(bases).flatMap((key) => (config.numbers.some((n) => n.key === key) ? [] : [{ path: `basis.${key}`, message: `no number has the key "${key}"` }]));
}
