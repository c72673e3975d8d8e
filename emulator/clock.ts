/**
 * The site clock: real time plus an offset that only grows (tests move time forward; it never goes back, as a
 * real site's does not). Persisted by the caller, so a restart keeps the time the site had reached.
 *
 * @example
 * const clock = new SiteClock(store.clockOffset());
 * clock.advanceBy(26 * 3_600_000); // a day and two hours later
 */
export class SiteClock {
  /** Date.now as it was before installClock replaced it: real time. */
  private static readonly realNow = Date.now.bind(Date);

  constructor(private offsetMs = 0) {
    if (!Number.isSafeInteger(offsetMs) || offsetMs < 0) throw new Error(`A clock offset is a non-negative number of milliseconds, got ${offsetMs}`);
  }

  now(): number {
    return SiteClock.realNow() + this.offsetMs;
  }

  offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward to `targetMs` (site time); a time in the past changes nothing. */
  advanceTo(targetMs: number): void {
    this.offsetMs = Math.max(this.offsetMs, Math.ceil(targetMs - SiteClock.realNow()));
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.now() + ms);
  }
}

/**
 * Makes `Date.now()`, `new Date()` and `Date()` read `clock` in this whole process: the site's timestamps, the KVS
 * TTLs and the app's own code (date-fns, `new Date()`) then all see the same time. Dates built from a value, parsing,
 * and `instanceof Date` behave as before. While the offset is 0 nothing changes.
 *
 * @example installClock(clock); clock.advanceBy(86_400_000); new Date() // a day from now
 */
export function installClock(clock: SiteClock): void {
  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget: (...a: unknown[]) => unknown) {
      return Reflect.construct(target, args.length === 0 ? [clock.now()] : args, newTarget) as object;
    },
    apply() {
      return new RealDate(clock.now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return () => clock.now();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
