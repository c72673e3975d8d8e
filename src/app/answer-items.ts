import type { AnswerItemsPayload, GateView } from '../contract';
import { ForbiddenError, ValidationError } from '../errors';
import { ANSWERS_PROPERTY } from '../gate/records';
import { parseAnswersInput } from '../gate/v2/answer-input';
import type { GateConfigV2 } from '../gate/v2/config';
import { refusalToRecordV2 } from '../gate/v2/permissions';
import type { AnswerValue, AnswersRecordV2 } from '../gate/v2/records';
import { parseAnswers } from '../gate/v2/records';
import { visibleText } from '../gate/v2/visible-text';
import type { Caller, PanelPorts } from '../ports';
import { answerQuestions } from './answer-questions';
import { gateFactsOf } from './gate-facts';
import { loadIssueContext, requireConfigured } from './issue-context';
import { refuseWherePassed } from './passed-stages';
import type { VerifiedIssue } from './verified-issue';
import type { Draft } from './write-record';
import { writeRecord } from './write-record';

/** An answer that clears its item: none, or text without visible characters. */
const clears = (value: AnswerValue | null): value is null | string => value === null || (typeof value === 'string' && visibleText(value).trim() === '');

/**
 * Whether model v1's answers record can hold these answers: every item is text (what every configuration that can be
 * saved today holds, src/gate/v2/v1-rules.ts), so the record stays one that v1's readers (the summary) read too.
 */
const textOnly = (config: GateConfigV2): boolean => config.items.every((item) => item.kind === 'text');

/**
 * The answers after these: the answers the app wrote last (KVS) not named are kept with who gave them; a named item is
 * answered by the caller, or cleared.
 */
function mergedAnswers(verified: VerifiedIssue, answers: Readonly<Record<string, AnswerValue | null>>, by: string, at: string): AnswersRecordV2 {
  const written = parseAnswers(verified.snapshot.written?.[ANSWERS_PROPERTY]);
  const next: Record<string, AnswerValue> = { ...written?.answers };
  const answeredBy: Record<string, string> = { ...written?.answeredBy };
  for (const [key, value] of Object.entries(answers)) {
    if (clears(value)) {
      delete next[key];
      delete answeredBy[key];
    } else {
      next[key] = value;
      answeredBy[key] = by;
    }
  }
  return { kind: 'answers', schemaVersion: 2, issueId: verified.issue.id, answers: next, answeredBy, by, at };
}

/**
 * `answerItems`: answers to items of a kind (text, a checkbox tick, a choice among the options, a number, an http(s)
 * link), each checked against its item by a schema built from the configuration (`answersInputSchema`); `null` clears
 * one. Nothing is saved when any answer is refused, each refusal naming its item. Answers are merged into the ones the
 * app wrote last and note who gave each (`answeredBy`, for separation of duties). While every item is text, the answers
 * are stored as the questionnaire stores them (`answerQuestions`), the record v1's readers read too.
 *
 * @example
 * await answerItems(ports, { accountId: 'acc-pm' }, 'SKU-1', { answers: { 'go-live-signal': 'Free overall', 'platform-not-compromised': true } });
 */
export async function answerItems(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: AnswerItemsPayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const config = context.stored.configV2;
  const parsed = parseAnswersInput(config, payload.answers);
  if (!parsed.ok) throw new ValidationError('Some answers are not valid; nothing was saved.', parsed.errors);
  if (textOnly(config)) {
    const texts = Object.fromEntries(Object.entries(parsed.answers).map(([key, value]) => [key, typeof value === 'string' ? value : '']));
    return answerQuestions(ports, caller, issueIdOrKey, { answers: texts });
  }

  const now = ports.clock.now();
  const keys = Object.keys(parsed.answers);
  const draft = (verified: VerifiedIssue): Draft => {
    const refusal = refusalToRecordV2({ facts: gateFactsOf(config, verified), accountId: caller.accountId, groups: context.groups }, 'answer its items');
    if (refusal !== undefined) throw new ForbiddenError(`${refusal}.`);
    refuseWherePassed(config, verified, keys.map((key) => ({ kind: 'item', key })));
    const record = mergedAnswers(verified, parsed.answers, caller.accountId, now.toISOString());
    return { record, entry: { action: 'answer-items', detail: `Answered ${keys.length} item${keys.length === 1 ? '' : 's'}: ${keys.join(', ')}` } };
  };
  return writeRecord(ports, caller, context, ANSWERS_PROPERTY, draft, now);
}
