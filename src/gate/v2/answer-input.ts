import { z } from 'zod/mini';
import type { FieldError } from '../config';
import { checkAnswer } from './answers';
import type { GateConfigV2, Item } from './config';
import { V2_LIMITS } from './config';
import type { AnswerValue } from './records';

/** What an answer may be sent as, by the item's kind; `null` clears it. */
const KIND_TYPES: Readonly<Record<Item['kind'], string>> = {
  text: 'is a text item: answer it in words (ticks and numbers are for checkbox and number items)',
  link: 'is a link item: give an http(s) link',
  choice: 'is a choice: pick one of its options',
  checkbox: 'is a checkbox: tick it or not',
  number: 'is a number item: give a number',
};

/** The answer of one item, typed by its kind and judged by the rule the evaluation applies (`checkAnswer`). */
function answerSchema(item: Item): z.ZodMiniType<AnswerValue | null> {
  const type = { error: KIND_TYPES[item.kind] };
  const base =
    item.kind === 'checkbox' ? z.boolean(type) : item.kind === 'number' ? z.number(type) : z.string(type).check(z.maxLength(V2_LIMITS.answerLength, `is at most ${V2_LIMITS.answerLength} characters`));
  const meets = base.check(
    z.refine((value: AnswerValue) => checkAnswer(item, value).state !== 'invalid', {
      error: (issue) => {
        const check = checkAnswer(item, issue.input as AnswerValue);
        return check.state === 'invalid' ? check.problem : 'is not valid';
      },
    }),
  );
  return z.union([z.null(), meets]);
}

/**
 * The schema of answers to the configuration's items: each key an item, each value of the item's kind (text, a link,
 * a choice as a string; a checkbox as a boolean; a number) that meets its rules, or `null` to clear it; any other key
 * is refused.
 *
 * @example
 * answersInputSchema(config).safeParse({ 'go-live-signal': 'Free overall', 'criteria-slis': true }).success // true
 */
export function answersInputSchema(config: GateConfigV2) {
  return z.strictObject(Object.fromEntries(config.items.map((item) => [item.key, z.optional(answerSchema(item))])));
}

/**
 * Answers to the configuration's items checked against it, or every problem with its path (`answers.<key>`), each
 * in words.
 *
 * @example
 * parseAnswersInput(config, { 'go-live-signal': 'Free for everyone' })
 * // { ok: false, errors: [{ path: 'answers.go-live-signal', message: 'is not one of the options' }] }
 */
export function parseAnswersInput(config: GateConfigV2, answers: Readonly<Record<string, unknown>>): { readonly ok: true; readonly answers: Readonly<Record<string, AnswerValue | null>> } | { readonly ok: false; readonly errors: FieldError[] } {
  const parsed = answersInputSchema(config).safeParse(answers);
  if (parsed.success) {
    const given = Object.entries(parsed.data).flatMap(([key, value]) => (value === undefined ? [] : [[key, value] as const]));
    return { ok: true, answers: Object.fromEntries(given) };
  }
  const errors = parsed.error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: `answers.${key}`, message: `no item has the key "${key}"` }));
    const [key] = issue.path;
    // A union reports the member that came closest: its message is the item's own.
    const message = issue.code === 'invalid_union' ? (issue.errors.flat().find((e) => e.code !== 'invalid_type' || e.expected !== 'null')?.message ?? issue.message) : issue.message;
    return [{ path: `answers.${String(key)}`, message }];
  });
  return { ok: false, errors };
}
