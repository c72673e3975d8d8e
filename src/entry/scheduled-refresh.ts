import { runScheduledRefresh } from '../app/scheduled-refresh';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { refreshPorts } from './composition-root';

/**
 * The hourly `scheduledTrigger` (manifest function `scheduled-refresh`): recomputes the tickets whose verdict changed
 * with time alone and rewrites their summaries (see runScheduledRefresh). It never throws: a failure is logged and the
 * next hour's run carries on from the cursor it left.
 *
 * @example
 * await scheduledRefresh({ context: { cloudId: '…', moduleKey: 'go-live-gate-hourly-refresh' } });
 */
export async function scheduledRefresh(): Promise<void> {
  try {
    const outcome = await withDeadline(INVOCATION_BUDGET_MS.scheduled, () => runScheduledRefresh(refreshPorts()));
    const stopped = outcome.finished ? '' : '; stopped for time, the next run carries on';
    console.log(`Go-Live Gate refresh: ${outcome.checked} tickets checked, ${outcome.rewritten} summaries rewritten in ${outcome.searches} searches${stopped}`);
    for (const failure of outcome.failed) console.warn(`Go-Live Gate could not refresh ${failure.key} (retried next run): ${failure.error}`);
  } catch (error) {
    console.error('Go-Live Gate refresh failed (the next run carries on):', error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
