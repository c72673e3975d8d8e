import { config, h, parsed, summaryOf, ticket } from '../../test/support/review-history';
import { reviewOverrides } from './review-overrides';
import { parseTickets } from './review-tickets';

describe('reviewOverrides', () => {
  it('lists who forced which stage, when and why', () => {
    expect(reviewOverrides(parsed.tickets)).toEqual([
      { key: 'SKU-6', title: 'Ticket SKU-6', stage: 's2', stageName: 'Stage two', by: 'acc-admin', at: h(60), justification: 'Customer launch date agreed with CEE' },
    ]);
  });

  it('still names the stage when the override record is missing or not an override', () => {
    const forged = parseTickets(config, [ticket('SKU-7', h(0), summaryOf({}, ['s1']), { overrides: { s1: { kind: 'override', stage: 's1' } } })]);
    expect(reviewOverrides(forged.tickets)).toEqual([{ key: 'SKU-7', title: 'Ticket SKU-7', stage: 's1', stageName: 'Stage one' }]);
  });
});
