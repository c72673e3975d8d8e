import { kvs } from '@forge/kvs';
import type { ProgressStore } from '../ports';
import { kvsCall } from './kvs-calls';

/**
 * Where a scheduled run stopped (the hourly refresh's cursor and swept versions, the reminders' cursor): one KVS key per
 * run kind, read at the start of a run and written when it stops or finishes; `parse` reads what is stored, falling
 * back to a fresh start.
 */
export class KvsProgressStore<T> implements ProgressStore<T> {
  constructor(
    private readonly key: string,
    private readonly parse: (value: unknown) => T,
    private readonly what: string,
  ) {}

  async read(): Promise<T> {
    return this.parse(await kvsCall(() => kvs.get<unknown>(this.key), `read where ${this.what} stopped`));
  }

  async write(progress: T): Promise<void> {
    await kvsCall(() => kvs.set(this.key, progress), `record where ${this.what} stopped`);
  }
}
