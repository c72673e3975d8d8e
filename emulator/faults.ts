import { z } from 'zod';

/**
 * One injected failure. `match` is a substring of `'METHOD /path'` (Jira) or of the KVS operation (`get`, `set`,
 * `query`, `transaction` ...); without it every request of the target matches. `times` uses (default 1).
 * `skip` lets that many matching requests through untouched first (to hit, say, the second write of an operation).
 * `lateMs` (KVS only) is a write that lands late: the caller gets `status` (default 503) at once, as if the request
 * had timed out, and the request is applied `lateMs` later all the same, after whatever the caller did next.
 */
export const FaultRuleSchema = z
  .strictObject({
    target: z.enum(['jira', 'kvs']),
    match: z.string().min(1).max(500).optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
    hang: z.boolean().optional(),
    lateMs: z.number().int().min(1).max(60_000).optional(),
    skip: z.number().int().min(0).max(1000).optional(),
    times: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((rule) => rule.lateMs === undefined || rule.target === 'kvs', { message: 'lateMs applies to KVS requests only', path: ['lateMs'] });
export type FaultRule = z.infer<typeof FaultRuleSchema>;

/** Faults waiting to be applied, consulted before each Jira REST or KVS request is served. */
export class FaultPlan {
  private rules: { rule: FaultRule; left: number; skip: number }[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1, skip: rule.skip ?? 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Counts a late write in flight until `landed` settles, so `settled()` can wait for it. */
  track(landed: Promise<unknown>): void {
    const entry = landed.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(entry);
    void entry.then(() => this.inFlight.delete(entry));
  }

  /** Resolves once every late write planned so far has landed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** The first rule matching the request, with one of its uses (or skips) consumed; undefined when none applies. */
  take(target: 'jira' | 'kvs', what: string): FaultRule | undefined {
    const entry = this.rules.find(({ rule }) => rule.target === target && (rule.match === undefined || what.includes(rule.match)));
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.left -= 1;
    if (entry.left <= 0) this.rules = this.rules.filter((other) => other !== entry);
    return entry.rule;
  }
}
