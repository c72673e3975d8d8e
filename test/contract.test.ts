// The resolver contract as the platform wires it: manifest.yml gives each contract module a resolver handler, and that
// handler (exported by src/index.ts) defines every function of the module. The UI's typed `call` is checked by tsc.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { ConfigView, GateView, ResolverResult } from '../src/contract';
import { CONTRACT, RESOLVER_MODULE_KEYS } from '../src/contract';
import type { ResolverModule } from '../src/contract';
import * as entryPoints from '../src/index';
import type { resolverOf } from '../static/shared/bridge';

interface ManifestModule {
  readonly key: string;
  readonly resolver?: { readonly function: string };
}
const manifest = parse(readFileSync(resolve(__dirname, '..', 'manifest.yml'), 'utf8')) as {
  modules: Record<string, ManifestModule[]> & { function: { key: string; handler: string }[] };
};

/** The resolver handler manifest.yml names for a module key. */
function handlerOf(moduleKey: string): (payload: unknown, runtime: unknown) => Promise<unknown> {
  const module = Object.entries(manifest.modules)
    .filter(([type]) => type !== 'function')
    .flatMap(([, modules]) => modules)
    .find((m) => m.key === moduleKey);
  const fn = manifest.modules.function.find((f) => f.key === module?.resolver?.function);
  const exported = (entryPoints as Record<string, unknown>)[fn?.handler.replace(/^index\./, '') ?? ''];
  if (typeof exported !== 'function') throw new Error(`manifest.yml names no resolver handler for ${moduleKey}`);
  return exported as (payload: unknown, runtime: unknown) => Promise<unknown>;
}

const functions = (Object.keys(CONTRACT) as ResolverModule[]).flatMap((module) => Object.keys(CONTRACT[module]).map((name) => [module, name] as const));

describe('the resolver contract', () => {
  it.each(functions)("%s.%s is defined by the resolver manifest.yml names for the module, which parses its payload", async (module, functionKey) => {
    const handler = handlerOf(RESOLVER_MODULE_KEYS[module]);
    const answer = await handler({ call: { functionKey, payload: { unexpected: '<script>' } }, context: { extension: {} } }, { principal: { accountId: 'acc-cee' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((answer as { error: { fieldErrors: unknown[] } }).error.fieldErrors).toContainEqual(expect.objectContaining({ path: '(root)' }));
  });

  it("types the UI's call from the contract: a wrong name or payload does not compile", () => {
    // Never run: tsc (npm run typecheck, and ts-jest) fails if a line marked @ts-expect-error compiles.
    const typeChecks = (panel: ReturnType<typeof resolverOf<'panel'>>, settings: ReturnType<typeof resolverOf<'settings'>>): unknown[] => {
      const gate: Promise<ResolverResult<GateView>> = panel('decide', { team: 'cee', decision: 'approve' });
      const config: Promise<ResolverResult<ConfigView>> = settings('getConfig');
      return [
        gate,
        config,
        panel('getGate'),
        panel('getAudit', { limit: 20 }),
        // @ts-expect-error the panel's resolver has no getConfig
        panel('getConfig'),
        // @ts-expect-error decision is approve, decline or revoke
        panel('decide', { team: 'cee', decision: 'maybe' }),
        // @ts-expect-error decide needs a payload
        panel('decide'),
        // @ts-expect-error no field `issueKey`: the issue comes from the Forge context
        panel('getGate', { issueKey: 'SKU-1' }),
        // @ts-expect-error applyTemplate answers a ConfigView, not a GateView
        ((): Promise<ResolverResult<GateView>> => settings('applyTemplate', { template: 'managed-addon' }))(),
      ];
    };
    expect(typeChecks).toBeInstanceOf(Function);
  });
});
