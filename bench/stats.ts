// Wall-time sampling and the order statistics the table prints.
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Every duration, in the order measured. */
  readonly durations: readonly number[];
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

/**
 * The q-quantile (0..1) by nearest rank of a non-empty list.
 * @example quantile([5, 1, 3], 0.5) // 3
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * The median of a non-empty list (mean of the middle two for an even count).
 * @example median([4, 1, 3, 2]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Milliseconds `work` takes, by the monotonic clock. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Runs `work(i)` `times` times one after the other (each may prepare untimed with `prepare(i)` first) and summarises
 * the wall times.
 * @example await sample(30, () => client.call(...))
 */
export async function sample(times: number, work: (i: number) => Promise<unknown>, prepare?: (i: number) => Promise<unknown>): Promise<Timing> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    if (prepare) await prepare(i);
    durations.push(await timed(() => work(i)));
  }
  return summarise(durations);
}

function summarise(durations: readonly number[]): Timing {
  return { durations, samples: durations.length, medianMs: median(durations), p95Ms: quantile(durations, 0.95) };
}

/**
 * One timing over the durations of several.
 * @example pooled([await sample(10, work), await sample(10, work)]).samples // 20
 */
export function pooled(timings: readonly Timing[]): Timing {
  return summarise(timings.flatMap((timing) => timing.durations));
}
