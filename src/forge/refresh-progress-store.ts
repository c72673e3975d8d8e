import { kvs } from '@forge/kvs';
import type { RefreshProgress } from '../gate/refresh-progress';
import { readRefreshProgress } from '../gate/refresh-progress';
import type { RefreshProgressStore } from '../ports';
import { kvsCall } from './kvs-calls';

const PROGRESS_KEY = 'scheduled-refresh:progress';

/** The scheduled refresh's cursor and swept versions: one KVS key, written once per search page and at the end of a run. */
export class KvsRefreshProgressStore implements RefreshProgressStore {
  async read(): Promise<RefreshProgress> {
    return readRefreshProgress(await kvsCall(() => kvs.get<unknown>(PROGRESS_KEY), 'read where the scheduled refresh stopped'));
  }

  async write(progress: RefreshProgress): Promise<void> {
    await kvsCall(() => kvs.set(PROGRESS_KEY, progress), 'record where the scheduled refresh stopped');
  }
}
