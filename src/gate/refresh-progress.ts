import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

/**
 * Where the scheduled refresh stands between runs (Forge KVS, written only by the app). A run that nears Forge's time
 * limit leaves a cursor and the next run carries on from it; `swept` names, per project, the configuration version whose
 * tickets were all recomputed once (a new version, or summaries written before `nextChange` existed, need one sweep).
 */
export const RefreshProgressSchema = lazySchema(() => z.object({
  cursor: z.optional(z.object({
      projectId: z.string().check(z.minLength(1)),
      /** `sweep`: every gated ticket of the project; `due`: those whose summary says their verdict has changed by now. */
      phase: z.enum(['sweep', 'due']),
      /** The last ticket done, in key order; the search carries on after it. */
      afterKey: z.optional(z.string().check(z.minLength(1))),
    })),
  swept: z._default(z.record(z.string(), z.number().check(z.int(), z.gte(0))), {}),
}));
export type RefreshProgress = z.infer<typeof RefreshProgressSchema>;

/**
 * What a stored progress value says, or a fresh start when it cannot be read (the refresh then recomputes more, never less).
 *
 * @example
 * readRefreshProgress(undefined) // { swept: {} }
 */
export function readRefreshProgress(value: unknown): RefreshProgress {
  const parsed = RefreshProgressSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { swept: {} };
}
