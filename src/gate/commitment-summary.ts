import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

/**
 * The parts of a stored summary (untrusted, as any property) that say how usage stands against the agreed numbers;
 * a summary written before issue 18 has none and reads as nothing measured.
 *
 * @example
 * CommitmentSummarySchema.parse({ numbers: { capacity: 100 }, usage: { capacity: 120 }, breached: ['capacity'] })
 */
export const CommitmentSummarySchema = lazySchema(() => z.object({
  numbers: z.catch(z.record(z.string(), z.number()), {}),
  usage: z.catch(z.record(z.string(), z.number()), {}),
  breached: z.catch(z.array(z.string()), []),
}));
export type CommitmentSummary = z.infer<typeof CommitmentSummarySchema>;
