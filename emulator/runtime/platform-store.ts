import type { Database } from '../db';

/** The Forge platform's own state in the site's SQLite: the clock offset, scheduled trigger runs, web trigger URLs. */

export interface ScheduleRow {
  readonly module_key: string;
  readonly interval: string;
  readonly next_run_ms: number;
  readonly last_run_ms: number | null;
  readonly last_outcome: string | null;
  readonly last_error: string | null;
}

export interface WebTriggerUrlRow {
  readonly id: string;
  readonly module_key: string;
  readonly created_ms: number;
}

/**
 * Data access for the runtime's tables; each write is one statement or one transaction.
 * @example new PlatformStore(db).clockOffset() // 0 on a fresh database
 */
export class PlatformStore {
  constructor(private readonly db: Database) {}

  runtimeValue(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM runtime_state WHERE key = ?').pluck().get(key) as string | undefined;
  }

  setRuntimeValue(key: string, value: string): void {
    this.db.prepare('INSERT INTO runtime_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  clockOffset(): number {
    return (this.db.prepare('SELECT offset_ms FROM site_clock WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  setClockOffset(offsetMs: number): void {
    this.db.prepare('INSERT INTO site_clock (id, offset_ms) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms').run(offsetMs);
  }

  schedules(): ScheduleRow[] {
    return this.db.prepare('SELECT * FROM scheduled_trigger_runs ORDER BY module_key').all() as ScheduleRow[];
  }

  /** Keeps the schedule of the triggers still in the manifest with the same interval; (re)starts the others at `firstRunMs`. */
  reconcileSchedules(triggers: readonly { moduleKey: string; interval: string }[], firstRunMs: number): void {
    this.db.transaction(() => {
      const known = new Map(this.schedules().map((row) => [row.module_key, row]));
      const keys = new Set(triggers.map((trigger) => trigger.moduleKey));
      for (const row of known.values()) if (!keys.has(row.module_key)) this.db.prepare('DELETE FROM scheduled_trigger_runs WHERE module_key = ?').run(row.module_key);
      for (const trigger of triggers) {
        if (known.get(trigger.moduleKey)?.interval === trigger.interval) continue;
        this.db
          .prepare(
            `INSERT INTO scheduled_trigger_runs (module_key, interval, next_run_ms) VALUES (?, ?, ?)
             ON CONFLICT (module_key) DO UPDATE SET interval = excluded.interval, next_run_ms = excluded.next_run_ms`,
          )
          .run(trigger.moduleKey, trigger.interval, firstRunMs);
      }
    })();
  }

  /** Records a run; `nextRunMs` moves the schedule on (a run on demand leaves it where it was). */
  recordRun(moduleKey: string, ranAtMs: number, outcome: 'succeeded' | 'failed', error: string | null, nextRunMs?: number): void {
    this.db
      .prepare('UPDATE scheduled_trigger_runs SET last_run_ms = ?, last_outcome = ?, last_error = ?, next_run_ms = COALESCE(?, next_run_ms) WHERE module_key = ?')
      .run(ranAtMs, outcome, error, nextRunMs ?? null, moduleKey);
  }

  activeWebTriggerUrl(moduleKey: string): WebTriggerUrlRow | undefined {
    return this.db.prepare('SELECT id, module_key, created_ms FROM webtrigger_urls WHERE module_key = ? AND deleted_ms IS NULL ORDER BY created_ms DESC, id LIMIT 1').get(moduleKey) as
      | WebTriggerUrlRow
      | undefined;
  }

  activeWebTriggerUrls(): WebTriggerUrlRow[] {
    return this.db.prepare('SELECT id, module_key, created_ms FROM webtrigger_urls WHERE deleted_ms IS NULL ORDER BY module_key, created_ms').all() as WebTriggerUrlRow[];
  }

  webTriggerUrl(id: string): WebTriggerUrlRow | undefined {
    return this.db.prepare('SELECT id, module_key, created_ms FROM webtrigger_urls WHERE id = ? AND deleted_ms IS NULL').get(id) as WebTriggerUrlRow | undefined;
  }

  insertWebTriggerUrl(id: string, moduleKey: string, createdMs: number): void {
    this.db.prepare('INSERT INTO webtrigger_urls (id, module_key, created_ms) VALUES (?, ?, ?)').run(id, moduleKey, createdMs);
  }

  /** A dashboard gadget's saved configuration (what its edit view submitted), or undefined before the first save. */
  gadgetConfiguration(gadgetId: string): Record<string, unknown> | undefined {
    const text = this.db.prepare('SELECT configuration FROM dashboard_gadgets WHERE gadget_id = ?').pluck().get(gadgetId) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  }

  saveGadgetConfiguration(gadgetId: string, moduleKey: string, configuration: Record<string, unknown>, nowMs: number): void {
    this.db
      .prepare(
        `INSERT INTO dashboard_gadgets (gadget_id, module_key, configuration, updated_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (gadget_id) DO UPDATE SET configuration = excluded.configuration, updated_ms = excluded.updated_ms`,
      )
      .run(gadgetId, moduleKey, JSON.stringify(configuration), nowMs);
  }

  deleteWebTriggerUrl(id: string, deletedMs: number): boolean {
    return this.db.prepare('UPDATE webtrigger_urls SET deleted_ms = ? WHERE id = ? AND deleted_ms IS NULL').run(deletedMs, id).changes === 1;
  }
}
