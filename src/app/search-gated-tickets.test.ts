import { ValidationError } from '../errors';
import { gatedTicketsJql } from './search-gated-tickets';

describe('gatedTicketsJql', () => {
  it('refuses what is not a project key, so nothing can be injected into the JQL', () => {
    expect(() => gatedTicketsJql('SKU" OR project = "X')).toThrow(ValidationError);
  });
});
