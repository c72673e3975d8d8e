import { z } from 'zod';

/**
 * The parts of a stored summary (untrusted, as any property) that say how usage stands against the agreed numbers;
 * a summary written before issue 18 has none and reads as nothing measured.
 *
 * @example
 * CommitmentSummarySchema.parse({ numbers: { capacity: 100 }, usage: { capacity: 120 }, breached: ['capacity'] })
 */
export const CommitmentSummarySchema = z.object({
  numbers: z.record(z.string(), z.number()).catch({}),
  usage: z.record(z.string(), z.number()).catch({}),
  breached: z.array(z.string()).catch([]),
});
export type CommitmentSummary = z.infer<typeof CommitmentSummarySchema>;
