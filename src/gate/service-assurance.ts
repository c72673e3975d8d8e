import type { GateConfig, Stage, StageAssurance } from './config';

/** The assurance of a ticket that has passed no stage with an assurance (or whose project configures none). */
export const NO_ASSURANCE = 'none';

/**
 * The defaults of the shipped templates, by template and stage key. Seed 000: an add-on promoted to prod but not gone
 * live "gets a potentially lower service assurance", so promote to prod gives "reduced" and go live "full". The
 * Kubernetes PRR: an alpha feature is off by default and may change or go away ("experimental"), a beta one is on by
 * default but not yet stable ("reduced"), a GA one is supported ("full"). The statuses are the demo workflows' own.
 */
export const TEMPLATE_ASSURANCE: Readonly<Record<string, Readonly<Record<string, StageAssurance>>>> = {
  'managed-addon': {
    'promote-to-prod': { level: 'reduced', statuses: ['In Production'] },
    'go-live': { level: 'full', statuses: ['Live'] },
  },
  'kubernetes-prr': {
    alpha: { level: 'experimental', statuses: ['Alpha'] },
    beta: { level: 'reduced', statuses: ['Beta'] },
    ga: { level: 'full', statuses: ['GA'] },
  },
};

/** What the ticket's service assurance is, and which passed stage gave it. */
export interface ServiceAssurance {
  /** The level of the last passed stage that has one, else NO_ASSURANCE. */
  readonly level: string;
  /** The key and name of that stage; absent with NO_ASSURANCE. */
  readonly stage?: string;
  readonly stageName?: string;
  /** The Jira status the ticket is in, which the assurance follows. */
  readonly status: string;
}

/**
 * A stage's assurance: as configured, else its template's default for a stage of that key, else none.
 *
 * @example
 * stageAssurance({ template: 'managed-addon', ... }, { key: 'go-live', ... }) // { level: 'full', statuses: ['Live'] }
 */
export function stageAssurance(config: Pick<GateConfig, 'template'>, stage: Pick<Stage, 'key' | 'assurance'>): StageAssurance | undefined {
  if (stage.assurance !== undefined) return stage.assurance;
  const defaults = config.template !== undefined && Object.hasOwn(TEMPLATE_ASSURANCE, config.template) ? TEMPLATE_ASSURANCE[config.template] : undefined;
  return defaults !== undefined && Object.hasOwn(defaults, stage.key) ? defaults[stage.key] : undefined;
}

/**
 * The ticket's service assurance from the stages it has passed. A ticket has passed a stage when its Jira status is one
 * of that stage's statuses or of a later stage's (a live ticket has passed promote to prod too); the assurance is the
 * level of the last passed stage that has one. Status names compare without regard to case, as JQL does.
 *
 * @example
 * serviceAssurance(managedAddon, 'In Production') // { level: 'reduced', stage: 'promote-to-prod', stageName: 'Promote to prod', status: 'In Production' }
 * serviceAssurance(managedAddon, 'In Review') // { level: 'none', status: 'In Review' }
 */
export function serviceAssurance(config: Pick<GateConfig, 'template'> & { readonly stages: readonly Pick<Stage, 'key' | 'name' | 'assurance'>[] }, status: string): ServiceAssurance {
  const normalized = status.trim().toLowerCase();
  const assurances = config.stages.map((stage) => ({ stage, assurance: stageAssurance(config, stage) }));
  const reached = assurances.findLastIndex(({ assurance }) => assurance?.statuses.some((s) => s.trim().toLowerCase() === normalized) === true);
  const given = assurances.slice(0, reached + 1).findLast(({ assurance }) => assurance !== undefined);
  if (given?.assurance === undefined) return { level: NO_ASSURANCE, status };
  return { level: given.assurance.level, stage: given.stage.key, stageName: given.stage.name, status };
}
