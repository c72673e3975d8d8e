import type { AnswerQuestionsPayload, GateView } from '../contract';
import { checkAnswers } from '../gate/input-checks';
import { answersRecord } from '../gate/record-builders';
import { ANSWERS_PROPERTY } from '../gate/records';
import { refusalToRecordV2 } from '../gate/v2/permissions';
import { gateFactsOf } from './gate-facts';
import { ForbiddenError, ValidationError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import { loadIssueContext, requireConfigured } from './issue-context';
import { refuseWherePassed } from './passed-stages';
import type { VerifiedIssue } from './verified-issue';
import { writeRecord } from './write-record';

/**
 * `answerQuestions`: saves questionnaire answers, merged into the answers the app wrote last (so concurrent answers to
 * different questions are both kept); an empty answer removes it. Text is stored verbatim.
 *
 * @example
 * const view = await answerQuestions(ports, { accountId: 'acc-pm' }, 'KEP-1', { answers: { 'rollback-tested': 'Yes, in staging' } });
 */
export async function answerQuestions(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: AnswerQuestionsPayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, groups, stored } = context;
  const { config } = stored;
  const errors = checkAnswers(config, payload.answers);
  if (errors.length > 0) throw new ValidationError('Some answers are not valid; nothing was saved.', errors);

  const now = ports.clock.now();
  const keys = Object.keys(payload.answers);
  // The base is what the app wrote (KVS), never the property: text someone put there is not laundered into a record.
  const draft = (verified: VerifiedIssue) => {
    // Whoever acts for a team on this ticket may record, also through the groups a ticket field names (approvers from a
    // field), which only the ticket's facts tell (found by the reference model).
    const refusal = refusalToRecordV2({ facts: gateFactsOf(stored.configV2, verified), accountId: caller.accountId, groups }, 'answer the questionnaire');
    if (refusal !== undefined) throw new ForbiddenError(`${refusal}.`);
    refuseWherePassed(stored.configV2, verified, keys.map((key) => ({ kind: 'item', key })));
    const { records } = verified;
    const record = answersRecord({ issueId: issue.id, by: caller.accountId, at: now.toISOString() }, records.written.answers?.answers, payload.answers);
    return { record, entry: { action: 'answer-questions', detail: `Answered ${keys.length} question${keys.length === 1 ? '' : 's'}: ${keys.join(', ')}` } };
  };
  return writeRecord(ports, caller, context, ANSWERS_PROPERTY, draft, now);
}
