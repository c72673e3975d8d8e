import { z } from 'zod';

/** The validator's saved configuration: `{"stage":"<stageKey>"}`. */
const ValidatorConfigSchema = z.object({ stage: z.string().min(1) });

/**
 * Reads the saved configuration; anything unreadable counts as "no stage chosen yet".
 * @example stageFromConfig('{"stage":"go-live"}') // "go-live"
 */
export function stageFromConfig(saved: unknown): string | undefined {
  if (typeof saved !== 'string' || saved === '') return undefined;
  try {
    const parsed = ValidatorConfigSchema.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data.stage : undefined;
  } catch {
    return undefined;
  }
}

/** Stage keys of the seed templates, suggested when the project's own stages cannot be read. */
export const TEMPLATE_STAGES: readonly { readonly key: string; readonly name: string }[] = [
  { key: 'promote-to-prod', name: 'Promote to prod (Managed add-on)' },
  { key: 'go-live', name: 'Go live (Managed add-on)' },
  { key: 'alpha', name: 'Alpha (Kubernetes PRR)' },
  { key: 'beta', name: 'Beta (Kubernetes PRR)' },
  { key: 'ga', name: 'GA (Kubernetes PRR)' },
];

export const STAGE_KEY_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
