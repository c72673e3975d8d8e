// Invokes a resolver's definitions in process, as Forge does: the function key and payload, the Forge context of an
// issue panel or a project page, and the signed-in user as the runtime's principal.
import type { AnswerOf, FunctionKey, ResolverModule, ResolverResult } from '../../src/contract';
import type { ResolverDefinitions } from '../../src/entry/define-resolver';

/** Where the call comes from: the issue of a panel, or the project of a settings or reviews page. */
export type InvocationPlace = { readonly issue: { readonly id: string; readonly key: string } } | { readonly project: { readonly id: string; readonly key: string } };

/**
 * A caller of one module's resolver definitions, typed by the contract. Payloads are `unknown`: tests send bad ones too.
 *
 * @example
 * const panel = resolverInvoker('panel', panelResolverOver((caller) => world.portsFor(caller.accountId)), { issue: { id: '10001', key: 'SKU-1' } });
 * await panel('acc-cee', 'decide', { team: 'cee', decision: 'approve' }); // { ok: true, data: GateView }
 */
export function resolverInvoker<M extends ResolverModule>(_module: M, definitions: ResolverDefinitions, place: InvocationPlace) {
  return async <F extends FunctionKey<M>>(accountId: string, functionKey: F, payload: unknown): Promise<ResolverResult<AnswerOf<M, F>>> =>
    (await definitions({ call: { functionKey, payload }, context: { extension: place } }, { principal: { accountId } })) as ResolverResult<AnswerOf<M, F>>;
}
