/**
 * Reminders and escalation per stage (issue 16), zod-free so the settings page can show the defaults. The schema is
 * StageRemindersSchema in config.ts; a stage saved without `reminders` uses DEFAULT_STAGE_REMINDERS.
 */
export interface StageReminders {
  /** Hours a team may keep a ticket waiting before its groups are reminded; 0 turns reminders off. */
  readonly remindAfterHours: number;
  /** After the first reminder, at most one more every this many days while the team still keeps the ticket waiting. */
  readonly repeatEveryDays: number;
  /** Hours of waiting after which the stage's escalation groups are told; 0 (or no group) turns escalation off. */
  readonly escalateAfterHours: number;
  readonly escalationGroups: readonly string[];
  /** Tell the ticket's reporter when a team declines at this stage and when the stage becomes ready. */
  readonly tellReporter: boolean;
}

/** Two days before a reminder, then one every three days; escalation after five days once a group is named. */
export const DEFAULT_STAGE_REMINDERS: StageReminders = {
  remindAfterHours: 48,
  repeatEveryDays: 3,
  escalateAfterHours: 120,
  escalationGroups: [],
  tellReporter: true,
};

/**
 * Every reminder of a stage off: no reminder, no escalation, no news to the reporter. The local demo's stages start so
 * (`npm start` sends nothing unless SITE_DEMO_REMINDERS=on); a configuration without `reminders` keeps the defaults.
 */
export const REMINDERS_OFF: StageReminders = {
  remindAfterHours: 0,
  repeatEveryDays: DEFAULT_STAGE_REMINDERS.repeatEveryDays,
  escalateAfterHours: 0,
  escalationGroups: [],
  tellReporter: false,
};

/**
 * The reminder settings in force for a stage: its own, or the defaults.
 *
 * @example
 * remindersOf({ key: 'go-live' }).remindAfterHours // 48
 */
export function remindersOf(stage: { readonly reminders?: StageReminders | undefined }): StageReminders {
  return stage.reminders ?? DEFAULT_STAGE_REMINDERS;
}

/**
 * Whether a stage tells anyone anything: a reminder, an escalation (which needs a group) or the reporter's news.
 *
 * @example
 * remindsAnyone({ reminders: { ...DEFAULT_STAGE_REMINDERS, remindAfterHours: 0, tellReporter: false } }) // false
 */
export function remindsAnyone(stage: { readonly reminders?: StageReminders | undefined }): boolean {
  const settings = remindersOf(stage);
  return settings.remindAfterHours > 0 || (settings.escalateAfterHours > 0 && settings.escalationGroups.length > 0) || settings.tellReporter;
}
