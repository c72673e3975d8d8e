import fc from 'fast-check';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';
import type { MemoryWorld } from '../../test/support/in-memory-ports';
import { resolverInvoker } from '../../test/support/resolver-invocation';
import { panelResolverOver } from './panel-resolver';

const state = (world: MemoryWorld): string => JSON.stringify({ properties: world.issues.issues.get('10001')!.properties, digests: [...world.records.stored] });
const text = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('<img src=x onerror=alert(1)>', '__proto__', 'constructor', '', ' ', 'x'.repeat(5000)));
const teamKey = fc.oneof(fc.constantFrom('cee', 'sre-p', 'mt-sre', 'nobody', '__proto__'), fc.string({ maxLength: 45 }));
const anything = fc.anything({ maxDepth: 2 });

const payloads = {
  decide: fc.oneof(anything, fc.record({ team: teamKey, decision: fc.oneof(fc.constantFrom('approve', 'decline', 'revoke'), text), comment: fc.option(text, { nil: undefined }) })),
  recordNumbers: fc.oneof(anything, fc.record({ values: fc.dictionary(fc.oneof(fc.constantFrom('capacity', 'velocity'), fc.string({ maxLength: 45 })), fc.oneof(fc.double(), fc.integer(), text)) })),
  answerQuestions: fc.oneof(anything, fc.record({ answers: fc.dictionary(fc.string({ maxLength: 45 }), fc.oneof(text, fc.integer())) })),
  override: fc.oneof(anything, fc.record({ stage: fc.oneof(fc.constantFrom('go-live', 'promote-to-prod', 'ga'), text), justification: text })),
};

describe('panel writes under generated bad input', () => {
  it.each(Object.keys(payloads) as (keyof typeof payloads)[])('%s answers every payload with a result or a clear error, and stores nothing when it refuses', async (name) => {
    const callers = fc.constantFrom('acc-cee', 'acc-pm', 'acc-admin', 'acc-stranger');
    await fc.assert(
      fc.asyncProperty(payloads[name], callers, async (payload, caller) => {
        const world = demoWorld();
        // The panel's real resolver definitions, over the world's ports as each caller sees them.
        const panel = resolverInvoker('panel', panelResolverOver(({ accountId }) => world.portsFor(accountId)), { issue: { id: '10001', key: ISSUE_KEY } });
        const before = state(world);
        const result = await panel(caller, name, payload);
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
