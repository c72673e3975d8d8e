import type { FieldError } from '../config';
import { numberProblem } from '../number-rules';
import type { GateConfigV2, Item } from './config';
import { V2_LIMITS } from './config';
import type { AnswerValue } from './records';
import { visibleText } from './visible-text';

/** Whether an item's answer meets it: given (ticked, chosen), missing, or given but not valid for the item's kind. */
export type AnswerCheck = { readonly state: 'answered' } | { readonly state: 'unanswered' } | { readonly state: 'invalid'; readonly problem: string };

function isHttpLink(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Judges one answer against its item: text must have visible words, a checkbox must be ticked, a choice must be one
 * of the options, a number must meet the item's rules, a link must be an http(s) URL.
 *
 * @example
 * checkAnswer({ kind: 'checkbox', ... }, false) // { state: 'unanswered' }
 * checkAnswer({ kind: 'link', ... }, 'see wiki') // { state: 'invalid', problem: 'is not an http(s) link' }
 */
export function checkAnswer(item: Item, value: AnswerValue | undefined): AnswerCheck {
  if (value === undefined) return { state: 'unanswered' };
  switch (item.kind) {
    case 'checkbox':
      return typeof value === 'boolean' ? { state: value ? 'answered' : 'unanswered' } : { state: 'invalid', problem: 'must be ticked or not' };
    case 'number': {
      if (typeof value !== 'number') return { state: 'invalid', problem: 'must be a number' };
      const problem = numberProblem(item, value);
      return problem === undefined ? { state: 'answered' } : { state: 'invalid', problem };
    }
    default: {
      if (typeof value !== 'string') return { state: 'invalid', problem: 'must be text' };
      if (visibleText(value).trim() === '') return { state: 'unanswered' };
      if (item.kind === 'choice' && !(item.options ?? []).includes(value)) return { state: 'invalid', problem: 'is not one of the options' };
      if (item.kind === 'link' && !isHttpLink(value)) return { state: 'invalid', problem: 'is not an http(s) link' };
      return { state: 'answered' };
    }
  }
}

/**
 * Checks answers a user wants to record against the configuration, before anything is written. An empty answer
 * (or an unticked box) is allowed: it clears the item.
 *
 * @example
 * checkAnswersV2(config, { 'go-live-signal': 'Free for everyone', typo: 'y' })
 * // [{ path: 'answers.go-live-signal', message: 'is not one of the options' }, { path: 'answers.typo', message: 'no item has the key "typo"' }]
 */
export function checkAnswersV2(config: GateConfigV2, answers: Readonly<Record<string, AnswerValue>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const item = config.items.find((i) => i.key === key);
    const path = `answers.${key}`;
    if (item === undefined) {
      errors.push({ path, message: `no item has the key "${key}"` });
      continue;
    }
    if (typeof value === 'string' && value.length > V2_LIMITS.answerLength) {
      errors.push({ path, message: `is at most ${V2_LIMITS.answerLength} characters` });
      continue;
    }
    const check = checkAnswer(item, value);
    if (check.state === 'invalid') errors.push({ path, message: check.problem });
  }
  return errors;
}
