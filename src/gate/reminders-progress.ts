import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

/**
 * Where the hourly reminders stand between runs (Forge KVS, written only by the app): a run that nears Forge's time
 * limit sends what it planned and leaves a cursor (the project, the last ticket planned in key order); the next run
 * carries on after it, like the scheduled refresh (refresh-progress.ts).
 */
export const RemindersProgressSchema = lazySchema(() => z.object({
  cursor: z.optional(z.object({ projectId: z.string().check(z.minLength(1)), afterKey: z.optional(z.string().check(z.minLength(1))) })),
}));
export type RemindersProgress = z.infer<typeof RemindersProgressSchema>;

/**
 * What a stored progress value says, or a fresh start when it cannot be read (the reminders then plan more, never less:
 * what was told is claimed in KVS, so nothing is told twice).
 *
 * @example
 * readRemindersProgress({ cursor: { projectId: '10000', afterKey: 'SKU-120' } }).cursor?.afterKey // 'SKU-120'
 */
export function readRemindersProgress(value: unknown): RemindersProgress {
  const parsed = RemindersProgressSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}
