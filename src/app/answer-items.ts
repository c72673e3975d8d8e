import type { AnswerItemsPayload, GateView } from '../contract';
import type { FieldError } from '../gate/config';
import { ValidationError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import { answerQuestions } from './answer-questions';

/**
 * `answerItems`: answers to items of a kind. While the configurations that can be saved hold text items only (src/gate/
 * v2/v1-rules.ts), an answer is text, stored in the answers record as `answerQuestions` stores it; `null` clears it.
 * A tick, a number or an unknown item is refused, naming the item, and nothing is saved.
 *
 * @example
 * await answerItems(ports, { accountId: 'acc-pm' }, 'KEP-1', { answers: { 'rollback-tested': 'Yes, in staging', 'old-note': null } });
 */
export async function answerItems(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: AnswerItemsPayload): Promise<GateView> {
  const answers: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(payload.answers)) {
    if (value === null) answers[key] = '';
    else if (typeof value === 'string') answers[key] = value;
    else errors.push({ path: `answers.${key}`, message: `is a text item: answer it in words (ticks and numbers are for checkbox and number items)` });
  }
  if (errors.length > 0) throw new ValidationError('Some answers are not valid; nothing was saved.', errors);
  return answerQuestions(ports, caller, issueIdOrKey, { answers });
}
