import fc from 'fast-check';
import { answerQuestions } from '../app/answer-questions';
import { decide } from '../app/decide';
import { demoWorld, ISSUE_KEY } from '../app/in-memory-ports';
import type { MemoryWorld } from '../app/in-memory-ports';
import { override } from '../app/override';
import { recordNumbers } from '../app/record-numbers';
import { AnswerQuestionsPayloadSchema, DecidePayloadSchema, OverridePayloadSchema, RecordNumbersPayloadSchema } from '../contract';
import { answer } from './resolver-result';

const state = (world: MemoryWorld): string => JSON.stringify({ properties: world.issues.issues.get('10001')!.properties, digests: [...world.records.stored] });
const text = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('<img src=x onerror=alert(1)>', '__proto__', 'constructor', '', ' ', 'x'.repeat(5000)));
const teamKey = fc.oneof(fc.constantFrom('cee', 'sre-p', 'mt-sre', 'nobody', '__proto__'), fc.string({ maxLength: 45 }));
const anything = fc.anything({ maxDepth: 2 });

/** Each panel write with its real payload schema, on in-memory ports, as one caller. */
const resolvers = {
  decide: (world: MemoryWorld, caller: string, payload: unknown) =>
    answer(DecidePayloadSchema, payload, (p) => decide(world.portsFor(caller), { accountId: caller }, ISSUE_KEY, p)),
  recordNumbers: (world: MemoryWorld, caller: string, payload: unknown) =>
    answer(RecordNumbersPayloadSchema, payload, (p) => recordNumbers(world.portsFor(caller), { accountId: caller }, ISSUE_KEY, p)),
  answerQuestions: (world: MemoryWorld, caller: string, payload: unknown) =>
    answer(AnswerQuestionsPayloadSchema, payload, (p) => answerQuestions(world.portsFor(caller), { accountId: caller }, ISSUE_KEY, p)),
  override: (world: MemoryWorld, caller: string, payload: unknown) =>
    answer(OverridePayloadSchema, payload, (p) => override(world.portsFor(caller), { accountId: caller }, ISSUE_KEY, p)),
};

const payloads = {
  decide: fc.oneof(anything, fc.record({ team: teamKey, decision: fc.oneof(fc.constantFrom('approve', 'decline', 'revoke'), text), comment: fc.option(text, { nil: undefined }) })),
  recordNumbers: fc.oneof(anything, fc.record({ values: fc.dictionary(fc.oneof(fc.constantFrom('capacity', 'velocity'), fc.string({ maxLength: 45 })), fc.oneof(fc.double(), fc.integer(), text)) })),
  answerQuestions: fc.oneof(anything, fc.record({ answers: fc.dictionary(fc.string({ maxLength: 45 }), fc.oneof(text, fc.integer())) })),
  override: fc.oneof(anything, fc.record({ stage: fc.oneof(fc.constantFrom('go-live', 'promote-to-prod', 'ga'), text), justification: text })),
};

describe('panel writes under generated bad input', () => {
  it.each(Object.keys(resolvers) as (keyof typeof resolvers)[])('%s answers every payload with a result or a clear error, and stores nothing when it refuses', async (name) => {
    const callers = fc.constantFrom('acc-cee', 'acc-pm', 'acc-admin', 'acc-stranger');
    await fc.assert(
      fc.asyncProperty(payloads[name], callers, async (payload, caller) => {
        const world = demoWorld();
        const before = state(world);
        const result = await resolvers[name](world, caller, payload);
        if (!result.ok) {
          expect(result.error.code).not.toBe('internal');
          expect(result.error.message.length).toBeGreaterThan(0);
          expect(state(world)).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
