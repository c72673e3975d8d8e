import { useCallback, useState } from 'react';
import type { BenchDepth } from '../../../src/contract';
import { resolverOf } from '../../shared/bridge';

export type BenchState = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly teams: readonly BenchDepth[] };

const call = resolverOf('settings');

/** How many people can approve for each team (getBenchDepth), loaded on demand: undefined until the first load. */
export function useBenchDepth(): readonly [BenchState | undefined, () => Promise<void>] {
  const [bench, setBench] = useState<BenchState | undefined>();
  const load = useCallback(async (): Promise<void> => {
    setBench({ status: 'loading' });
    const result = await call('getBenchDepth');
    setBench(result.ok ? { status: 'ready', teams: result.data } : { status: 'failed', message: result.error.message });
  }, []);
  return [bench, load];
}
