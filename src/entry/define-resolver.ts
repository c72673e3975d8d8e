import Resolver from '@forge/resolver';
import type { z } from 'zod/mini';
import type { AnswerOf, FunctionKey, InputOf, ResolverFunction, ResolverModule } from '../contract';
import { CONTRACT } from '../contract';
import { answer } from './resolver-result';

/** One module's use cases: for each function of the contract, what runs once its payload has parsed. */
export type Handlers<M extends ResolverModule, I> = {
  readonly [F in FunctionKey<M>]: (input: InputOf<M, F>, invocation: I) => Promise<AnswerOf<M, F>>;
};

/** What Forge calls with every invocation of a module's resolver (the manifest names it). */
export type ResolverDefinitions = ReturnType<Resolver['getDefinitions']>;

/**
 * A module's resolver, defined from the contract: every function of `CONTRACT[module]` parses its payload with the
 * contract's schema, reads the invocation (who calls, on which issue or project) from the Forge context, runs its
 * handler and answers a ResolverResult. A handler missing from `handlers`, or one the contract does not have, does
 * not compile.
 *
 * @example
 * export const panelResolver = defineResolver('panel', issueInvocation, { getGate: (_input, { caller, issueKey }) => loadGate(ports, caller, issueKey), ... });
 */
export function defineResolver<M extends ResolverModule, I>(module: M, readInvocation: (context: unknown) => I, handlers: Handlers<M, I>): ResolverDefinitions {
  const resolver = new Resolver();
  const functions: Readonly<Record<string, ResolverFunction<z.ZodMiniType, unknown>>> = CONTRACT[module];
  const run = handlers as unknown as Readonly<Record<string, (input: unknown, invocation: I) => Promise<unknown>>>;
  for (const [name, { payload: schema }] of Object.entries(functions)) {
    const handler = run[name];
    if (handler === undefined) throw new Error(`The ${module} resolver has no handler for ${name}`);
    resolver.define(name, ({ payload, context }) => answer(schema, payload, (input) => handler(input, readInvocation(context))));
  }
  return resolver.getDefinitions();
}
