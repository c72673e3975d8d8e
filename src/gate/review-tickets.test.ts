import { config, h, parsed, summaryOf, ticket } from '../../test/support/review-history';
import type { TeamEntry } from '../../test/support/review-history';
import { parseTickets } from './review-tickets';

describe('parseTickets', () => {
  it('skips and counts a hand-edited summary without failing the others', () => {
    expect(parsed.skipped).toEqual(['SKU-4']);
    expect(parsed.tickets.map((t) => t.key)).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-5', 'SKU-6']);
  });

  it.each([
    ['a missing summary', undefined],
    ['a summary of another schema version', { ...(summaryOf({}) as object), schemaVersion: 2 }],
    ['a decision time that is not a time', summaryOf({ a: { state: 'approved', at: 'yesterday', by: 'u1' } })],
    ['an unknown team state', summaryOf({ a: { state: 'maybe' } as unknown as TeamEntry })],
  ])('skips %s', (_what, summary) => {
    expect(parseTickets(config, [ticket('SKU-9', h(0), summary)]).skipped).toEqual(['SKU-9']);
  });

  it('enters the next stage when the last required team of the previous one approved', () => {
    const one = parsed.tickets[0];
    expect(one?.enteredAt).toEqual({ s1: new Date(h(0)), s2: new Date(h(20)) });
    expect(one?.passedAt).toEqual({ s1: new Date(h(20)), s2: new Date(h(30)) });
  });

  it('passes an overridden stage at the time of the override', () => {
    expect(parsed.tickets[4]?.passedAt.s2).toEqual(new Date(h(60)));
  });

  it('passes an overridden stage no later than the summary was written when the override record is missing', () => {
    const [forced] = parseTickets(config, [ticket('SKU-8', h(0), summaryOf({ a: { state: 'approved', at: h(1), by: 'u1' }, b: { state: 'approved', at: h(2), by: 'u2' } }, ['s2']))]).tickets;
    expect(forced?.passedAt).toEqual({ s1: new Date(h(2)), s2: new Date(h(99)) });
  });

  it('does not pass a stage whose required teams approved while something else still blocks it', () => {
    const summary = summaryOf({ a: { state: 'approved', at: h(1), by: 'u1' }, b: { state: 'approved', at: h(2), by: 'u2' } }) as { stages: Record<string, object> };
    summary.stages['s1'] = { ...summary.stages['s1'], allowed: false };
    const [blocked] = parseTickets(config, [ticket('SKU-9', h(0), summary)]).tickets;
    expect(blocked?.passedAt).toEqual({});
    expect(blocked?.enteredAt).toEqual({ s1: new Date(h(0)) });
  });
});
