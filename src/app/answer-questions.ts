import type { AnswerQuestionsPayload, GateView } from '../contract';
import { checkAnswers } from '../gate/input-checks';
import { readRecords } from '../gate/integrity';
import { answersRecord } from '../gate/record-builders';
import { mayRecord } from '../gate/permissions';
import { ForbiddenError, ValidationError } from '../errors';
import { loadIssueContext, requireConfigured, snapshotOf } from './issue-context';
import type { Caller, PanelPorts } from '../ports';
import { writeRecord } from './write-record';

/**
 * `answerQuestions`: saves questionnaire answers, keeping the trusted answers not named in the payload; an empty
 * answer removes it. Text is stored verbatim.
 *
 * @example
 * const view = await answerQuestions(ports, { accountId: 'acc-pm' }, 'KEP-1', { answers: { 'rollback-tested': 'Yes, in staging' } });
 */
export async function answerQuestions(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: AnswerQuestionsPayload): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, digests, groups, stored } = context;
  const { config } = stored;
  const errors = checkAnswers(config, payload.answers);
  if (errors.length > 0) throw new ValidationError('Some answers are not valid; nothing was saved.', errors);
  if (!mayRecord(config, { accountId: caller.accountId, groups, reporterAccountId: issue.reporterAccountId })) {
    throw new ForbiddenError('Only the reporter and the members of a gating team may answer the questionnaire on this ticket.');
  }

  // Untrusted answers are never carried over: they would be laundered into a record the app vouches for.
  const trusted = readRecords(config, snapshotOf(issue, digests)).answers?.answers;
  const now = ports.clock.now();
  const record = answersRecord({ issueId: issue.id, by: caller.accountId, at: now.toISOString() }, trusted, payload.answers);
  const keys = Object.keys(payload.answers);
  return writeRecord(ports, caller, context, record, { action: 'answer-questions', detail: `Answered ${keys.length} question${keys.length === 1 ? '' : 's'}: ${keys.join(', ')}` }, now);
}
