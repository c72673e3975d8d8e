import { resolverOf } from '../../shared/bridge';

/** The panel's resolver, typed by the contract: every part of the panel calls through this one. */
export const call = resolverOf('panel');
