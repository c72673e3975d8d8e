import Resolver from '@forge/resolver';
import { answerQuestions } from '../app/answer-questions';
import { decide } from '../app/decide';
import { getAudit } from '../app/get-audit';
import { loadGate } from '../app/load-gate';
import { override } from '../app/override';
import { recordNumbers } from '../app/record-numbers';
import type { RESOLVER_FUNCTIONS } from '../contract';
import { AnswerQuestionsPayloadSchema, DecidePayloadSchema, GetAuditPayloadSchema, OverridePayloadSchema, RecordNumbersPayloadSchema } from '../contract';
import { issueInvocation } from './invocation';
import { answer, EmptyPayloadSchema } from './resolver-result';
import { userPorts } from './composition-root';

type PanelFunction = (typeof RESOLVER_FUNCTIONS.panel)[number];

const resolver = new Resolver();
const define = (name: PanelFunction, handler: Parameters<Resolver['define']>[1]): void => {
  resolver.define(name, handler);
};

define('getGate', ({ payload, context }) =>
  answer(EmptyPayloadSchema, payload, () => {
    const { caller, issueKey } = issueInvocation(context);
    return loadGate(userPorts(), caller, issueKey);
  }),
);
define('decide', ({ payload, context }) =>
  answer(DecidePayloadSchema, payload, (input) => {
    const { caller, issueKey } = issueInvocation(context);
    return decide(userPorts(), caller, issueKey, input);
  }),
);
define('recordNumbers', ({ payload, context }) =>
  answer(RecordNumbersPayloadSchema, payload, (input) => {
    const { caller, issueKey } = issueInvocation(context);
    return recordNumbers(userPorts(), caller, issueKey, input);
  }),
);
define('answerQuestions', ({ payload, context }) =>
  answer(AnswerQuestionsPayloadSchema, payload, (input) => {
    const { caller, issueKey } = issueInvocation(context);
    return answerQuestions(userPorts(), caller, issueKey, input);
  }),
);
define('override', ({ payload, context }) =>
  answer(OverridePayloadSchema, payload, (input) => {
    const { caller, issueKey } = issueInvocation(context);
    return override(userPorts(), caller, issueKey, input);
  }),
);
define('getAudit', ({ payload, context }) =>
  answer(GetAuditPayloadSchema, payload, (input) => {
    const { issueKey } = issueInvocation(context);
    return getAudit(userPorts(), issueKey, input);
  }),
);

/** The issue panel's resolver (manifest function `panel-resolver`). */
export const panelResolver = resolver.getDefinitions();
