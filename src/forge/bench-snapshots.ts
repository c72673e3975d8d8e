import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod/mini';
import { ConflictError } from '../errors';
import type { BenchSnapshot } from '../gate/review-bench-trend';
import type { BenchSnapshots } from '../ports';
import { allPages, kvsCall } from './kvs-calls';
import { lazySchema } from '../gate/lazy-schema';

/** The custom entity of manifest.yml (`app.storage.entities`) that keeps who could approve, per project and day. */
export const BENCH_SNAPSHOT_ENTITY = 'bench-snapshot';
const BY_PROJECT = 'by-project';

const SnapshotSchema = lazySchema(() => z.object({ projectId: z.string(), day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), teams: z.record(z.string(), z.array(z.string())) }));

const PAGE_SIZE = 100;
/** A period is at most 366 days (and a few before it): 4 pages. */
const MAX_PAGES = 5;

/** Daily bench snapshots in a Forge KVS custom entity, `<projectId>:<day>`, indexed by project and day. */
export class KvsBenchSnapshots implements BenchSnapshots {
  async list(projectId: string, fromDay: string, toDay: string): Promise<BenchSnapshot[]> {
    const results = await allPages((cursor) =>
      kvsCall(() => {
        const query = kvs.entity<BenchSnapshot>(BENCH_SNAPSHOT_ENTITY).query().index(BY_PROJECT, { partition: [projectId] }).where(WhereConditions.between(fromDay, toDay)).limit(PAGE_SIZE);
        return (cursor === undefined ? query : query.cursor(cursor)).getMany();
      }, 'read the bench snapshots'),
      MAX_PAGES,
    );
    return results.flatMap(({ value }) => {
      const parsed = SnapshotSchema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async record(snapshot: BenchSnapshot): Promise<void> {
    const absent = new Filter<BenchSnapshot>().and('day', FilterConditions.notExists());
    try {
      await kvsCall(
        () => kvs.transact().set(`${snapshot.projectId}:${snapshot.day}`, snapshot, { entityName: BENCH_SNAPSHOT_ENTITY, conditions: absent }).execute(),
        'keep the day’s bench snapshot',
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
