import { UnavailableError } from '../errors';

/**
 * The answer of a contract function whose use case lands with the next step of the gate model v2 integration
 * (issue 13): the contract is committed first so the panel and settings UI can build on it; until then the call is
 * refused with a clear error instead of pretending to work.
 *
 * @example
 * exportEvidence: () => awaitingModelV2('Exporting evidence')
 */
export function awaitingModelV2(what: string): Promise<never> {
  return Promise.reject(new UnavailableError(`${what} is not available yet: it arrives with gate model v2 (issue 13)`));
}
