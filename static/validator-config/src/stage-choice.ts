import { z } from 'zod';
import type { StageChoices } from '../../../src/contract';

/** The validator's saved configuration: `{"stage": "<stageKey>"}`, or `{}` for each project's strictest stage. */
const ValidatorConfigSchema = z.object({ stage: z.string().min(1).optional() });

/** What the saved configuration says: a stage key, the strictest stage of each project, or nothing saved yet. */
export type SavedChoice = { readonly kind: 'stage'; readonly stage: string } | { readonly kind: 'strictest' } | { readonly kind: 'none' };

/**
 * Reads the saved configuration, which Jira hands back as the JSON object onConfigure's string held (or, on older
 * editors, as that string). Anything unreadable counts as nothing saved yet.
 * @example savedChoice({ stage: 'go-live' }) // { kind: 'stage', stage: 'go-live' }
 */
export function savedChoice(saved: unknown): SavedChoice {
  let value = saved;
  if (typeof saved === 'string') {
    try {
      value = JSON.parse(saved) as unknown;
    } catch {
      return { kind: 'none' };
    }
  }
  if (value === undefined || value === null) return { kind: 'none' };
  const parsed = ValidatorConfigSchema.safeParse(value);
  if (!parsed.success) return { kind: 'none' };
  return parsed.data.stage === undefined ? { kind: 'strictest' } : { kind: 'stage', stage: parsed.data.stage };
}

/** The configuration Jira saves with the workflow for a choice. */
export const configurationOf = (choice: Exclude<SavedChoice, { kind: 'none' }>): string => JSON.stringify(choice.kind === 'stage' ? { stage: choice.stage } : {});

/** Stage keys of the seed templates, suggested when no project the admin can see has the gate configured yet. */
export const TEMPLATE_STAGES: readonly { readonly key: string; readonly name: string }[] = [
  { key: 'promote-to-prod', name: 'Promote to prod (Managed add-on)' },
  { key: 'go-live', name: 'Go live (Managed add-on)' },
  { key: 'alpha', name: 'Alpha (Kubernetes PRR)' },
  { key: 'beta', name: 'Beta (Kubernetes PRR)' },
  { key: 'ga', name: 'GA (Kubernetes PRR)' },
];

export const STAGE_KEY_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** One stage key offered for a shared workflow: its names across projects, and the projects that have it and lack it. */
export interface StageOption {
  readonly key: string;
  readonly name: string;
  readonly in: readonly string[];
  readonly missingIn: readonly string[];
}

/**
 * Every stage key of the listed projects, those all of them have first; each says which projects lack it.
 * @example stageOptions(choices)[0] // { key: 'promote-to-prod', name: 'Promote to prod', in: ['SKU'], missingIn: [] }
 */
export function stageOptions(choices: StageChoices): StageOption[] {
  const byKey = new Map<string, { name: string; in: string[] }>();
  for (const project of choices.projects) {
    for (const stage of project.stages) {
      const known = byKey.get(stage.key);
      if (known) known.in.push(project.key);
      else byKey.set(stage.key, { name: stage.name, in: [project.key] });
    }
  }
  const options = [...byKey].map(([key, { name, in: having }]) => ({
    key,
    name,
    in: having,
    missingIn: choices.projects.filter((project) => !having.includes(project.key)).map((project) => project.key),
  }));
  return [...options.filter((o) => o.missingIn.length === 0), ...options.filter((o) => o.missingIn.length > 0)];
}

/**
 * What a choice does, in words, for the projects listed: the sentence the screen shows, so an admin knows what an
 * unset or partly shared stage means before saving.
 * @example describeChoice(choices, { kind: 'strictest' }) // 'Enforces each project’s strictest stage: SKU: Go live.'
 */
export function describeChoice(choices: StageChoices | undefined, choice: SavedChoice): string {
  if (choice.kind === 'none') {
    const strictest = choices?.projects.map((p) => `${p.key}: ${p.strictestStage.name}`).join(', ');
    return `No stage chosen yet: until one is, this validator enforces each project’s strictest stage${strictest ? ` (${strictest})` : ''}.`;
  }
  if (choice.kind === 'strictest') {
    const strictest = choices?.projects.map((p) => `${p.key}: ${p.strictestStage.name}`).join(', ');
    return `Enforces each project’s strictest stage${strictest ? `: ${strictest}` : ''}.`;
  }
  const option = choices === undefined ? undefined : stageOptions(choices).find((o) => o.key === choice.stage);
  const name = option?.name ?? choice.stage;
  if (choices === undefined || choices.projects.length === 0) return `Blocks the transition until the gate’s ${name} stage is ready.`;
  const mappedIn = choices.projects.flatMap((p) => {
    const alias = p.stageAliases?.find((a) => a.from === choice.stage);
    return alias === undefined || !(option?.missingIn ?? [p.key]).includes(p.key) ? [] : [{ project: p.key, to: alias.to.name }];
  });
  const missing = (option?.missingIn ?? choices.projects.map((p) => p.key)).filter((key) => !mappedIn.some((m) => m.project === key));
  const having = option?.in ?? [];
  const enforced = having.length > 0 ? `Blocks the transition until the ${name} stage is ready in ${having.join(', ')}.` : '';
  const mapped = mappedIn.map((m) => ` In ${m.project}, where the stages changed, it enforces ${m.to} instead.`).join('');
  const refused = missing.length > 0 ? ` ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no stage "${choice.stage}": the transition is refused there until a Jira admin fixes the validator or the project adds the stage.` : '';
  return `${enforced}${mapped}${refused}`.trim();
}
