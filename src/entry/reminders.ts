import { runReminders } from '../app/send-reminders';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { reminderPorts } from './composition-root';

/**
 * The hourly `scheduledTrigger` (manifest function `reminders`): reminds teams that keep tickets waiting, escalates long
 * waits and tells reporters about declines and ready stages (see runReminders). It never throws: failures are logged,
 * and what could not be sent is tried again next hour.
 *
 * @example
 * await sendReminders();
 */
export async function sendReminders(): Promise<void> {
  try {
    const outcome = await withDeadline(INVOCATION_BUDGET_MS.scheduled, () => runReminders(reminderPorts()));
    const stopped = outcome.finished ? '' : '; stopped for time';
    console.log(`Go-Live Gate reminders: ${outcome.checked} tickets checked, ${outcome.reminders} reminders, ${outcome.escalations} escalations, ${outcome.reporterNotes} notes to reporters${stopped}`);
    for (const failure of outcome.failed) console.warn(`Go-Live Gate could not send ${failure.what} (tried again next run): ${failure.error}`);
  } catch (error) {
    console.error('Go-Live Gate reminders failed (tried again next run):', error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
