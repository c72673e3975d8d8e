import { randomUUID } from 'node:crypto';
import type { SiteClock } from '../clock';
import type { AppRunner } from './app-runner';
import type { AppManifest, ManifestModule } from './manifest';
import type { PlatformStore } from './platform-store';

const INTERVAL_MS = { fiveMinute: 300_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
/** Forge starts a scheduled trigger "about 5 minutes after app deployment". */
const FIRST_RUN_DELAY_MS = 5 * 60_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2_147_483_647;

export interface ScheduledRun {
  readonly moduleKey: string;
  readonly ranAt: string;
  readonly outcome: 'succeeded' | 'failed';
  readonly error?: string | undefined;
}

export interface ScheduledTriggerState {
  readonly moduleKey: string;
  readonly interval: string;
  readonly nextRunAt: string;
  readonly lastRunAt: string | null;
  readonly lastOutcome: string | null;
  readonly lastError: string | null;
}

export interface ClockState {
  readonly now: string;
  readonly offsetMs: number;
  readonly scheduledTriggers: readonly ScheduledTriggerState[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Runs the manifest's `scheduledTrigger` modules on the site clock, one invocation each, as the app (counted as
 * `scheduled:<function>`). In real time each runs when its time comes (the first about 5 minutes after the site first
 * sees it, then every interval; runs missed while the site was stopped are skipped, as Forge skips them). When a test
 * moves the clock forward, every run that falls in between happens in order, each with the clock at its own time.
 * Schedules live in SQLite, so a restart keeps them. Runs never overlap: clock moves, timer runs and runs on demand
 * queue behind each other.
 *
 * @example
 * const scheduler = new Scheduler(manifest, store, runner, clock); scheduler.start();
 * await scheduler.advanceTo(clock.now() + 26 * 3_600_000, drainEvents); // the hourly trigger runs 26 times
 */
export class Scheduler {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly manifest: AppManifest,
    private readonly store: PlatformStore,
    private readonly runner: AppRunner,
    private readonly clock: SiteClock,
  ) {}

  private triggers(): ManifestModule[] {
    return [...this.manifest.modules.values()].filter((module) => module.type === 'scheduledTrigger' && module.interval !== undefined);
  }

  /** Brings the stored schedules in line with the manifest and arms the real-time timer. */
  start(): void {
    this.store.reconcileSchedules(
      this.triggers().map((module) => ({ moduleKey: module.key, interval: module.interval ?? 'hour' })),
      this.clock.now() + FIRST_RUN_DELAY_MS,
    );
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  state(): ClockState {
    return {
      now: iso(this.clock.now()),
      offsetMs: this.clock.offset(),
      scheduledTriggers: this.store.schedules().map((row) => ({
        moduleKey: row.module_key,
        interval: row.interval,
        nextRunAt: iso(row.next_run_ms),
        lastRunAt: row.last_run_ms === null ? null : iso(row.last_run_ms),
        lastOutcome: row.last_outcome,
        lastError: row.last_error,
      })),
    };
  }

  /**
   * Moves the site clock forward to `targetMs`, running every scheduled trigger due on the way at its own time;
   * `settle` runs after each (the site delivers the issue events a run caused before time moves on).
   */
  advanceTo(targetMs: number, settle: () => Promise<void>): Promise<ScheduledRun[]> {
    return this.serially(async () => {
      const runs: ScheduledRun[] = [];
      for (let due = this.nextDue(); due !== undefined && due.next_run_ms <= targetMs; due = this.nextDue()) {
        this.moveClock(due.next_run_ms);
        runs.push(await this.run(due.module_key, due.next_run_ms + this.intervalMs(due.interval)));
        await settle();
      }
      this.moveClock(targetMs);
      this.arm();
      return runs;
    });
  }

  /** Runs one scheduled trigger now, leaving its schedule as it was; throws for a key that is no scheduled trigger. */
  runNow(moduleKey: string, settle: () => Promise<void>): Promise<ScheduledRun> {
    if (!this.triggers().some((module) => module.key === moduleKey)) throw new Error(`No scheduledTrigger module '${moduleKey}' in manifest.yml`);
    return this.serially(async () => {
      const run = await this.run(moduleKey, undefined);
      await settle();
      return run;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private nextDue() {
    return this.store.schedules().sort((a, b) => a.next_run_ms - b.next_run_ms || a.module_key.localeCompare(b.module_key))[0];
  }

  private intervalMs(interval: string): number {
    return INTERVAL_MS[interval as keyof typeof INTERVAL_MS] ?? INTERVAL_MS.hour;
  }

  private moveClock(targetMs: number): void {
    this.clock.advanceTo(targetMs);
    this.store.setClockOffset(this.clock.offset());
  }

  private async run(moduleKey: string, nextRunMs: number | undefined): Promise<ScheduledRun> {
    const module = this.manifest.modules.get(moduleKey);
    const ranAtMs = this.clock.now();
    let error: string | undefined;
    try {
      if (!module) throw new Error(`No module '${moduleKey}' in manifest.yml`);
      await this.runner.invokeFunction(module, 'scheduled-trigger', { context: { cloudId: this.runner.siteCloudId, moduleKey }, contextToken: randomUUID() });
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      console.error(`Scheduled trigger ${moduleKey} failed:`, error);
    }
    this.store.recordRun(moduleKey, ranAtMs, error === undefined ? 'succeeded' : 'failed', error ?? null, nextRunMs);
    return { moduleKey, ranAt: iso(ranAtMs), outcome: error === undefined ? 'succeeded' : 'failed', ...(error === undefined ? {} : { error }) };
  }

  /** Real time: wakes at the next due run, runs what is due once and skips to the next future slot. */
  private arm(): void {
    clearTimeout(this.timer);
    const due = this.nextDue();
    if (this.stopped || due === undefined) return;
    this.timer = setTimeout(() => void this.runDueNow(), Math.min(Math.max(due.next_run_ms - this.clock.now(), 0), MAX_TIMER_MS));
    this.timer.unref();
  }

  private runDueNow(): Promise<unknown> {
    return this.serially(async () => {
      const now = this.clock.now();
      for (const row of this.store.schedules().filter((candidate) => candidate.next_run_ms <= now)) {
        const interval = this.intervalMs(row.interval);
        await this.run(row.module_key, row.next_run_ms + Math.ceil((now - row.next_run_ms + 1) / interval) * interval);
      }
      this.arm();
    });
  }
}
