import { z } from 'zod';
import type { StatusCategoryKey } from './demo';
import type { SiteStore } from './store';

export interface StatusRef {
  id: string;
  name: string;
  category: StatusCategoryKey;
}
export interface ValidatorConfig {
  moduleKey: string;
  configuration: string;
}
export interface TransitionDef {
  id: string;
  name: string;
  /** null: a global transition, available from every status. */
  from: StatusRef | null;
  to: StatusRef;
  validators: ValidatorConfig[];
}

export interface Workflow {
  listTransitions(projectKey: string): TransitionDef[];
  /** Replaces the transition's validators (in order); throws when the transition does not exist or a validator is malformed. */
  setValidators(transitionId: string, validators: ValidatorConfig[]): void;
}

const ValidatorConfigSchema = z.strictObject({ moduleKey: z.string().min(1).max(255), configuration: z.string().max(32_768) });

/**
 * The workflow editor's view of the site (the host's Workflow page): transitions with their validators.
 *
 * @example
 * workflowOf(store).listTransitions('SKU')[1] // { id: '21', name: 'Promote to Prod', from: {...}, to: {...}, validators: [...] }
 */
export function workflowOf(store: SiteStore): Workflow {
  const statusRef = (id: number): StatusRef => {
    const status = store.status(id);
    return { id: String(status.id), name: status.name, category: status.category };
  };
  return {
    listTransitions(projectKey) {
      const project = store.project(projectKey);
      if (!project) throw new Error(`No project could be found with key '${projectKey}'.`);
      return store.transitionsOf(project.id).map((transition) => ({
        id: String(transition.id),
        name: transition.name,
        from: transition.from_status_id === null ? null : statusRef(transition.from_status_id),
        to: statusRef(transition.to_status_id),
        validators: store.validatorsOf(transition.id).map((validator) => ({ moduleKey: validator.module_key, configuration: validator.configuration })),
      }));
    },
    setValidators(transitionId, validators) {
      const parsed = z.array(ValidatorConfigSchema).max(20).parse(validators);
      if (!/^\d+$/.test(transitionId) || !store.transition(Number(transitionId))) throw new Error(`No transition with id '${transitionId}'.`);
      store.setValidators(Number(transitionId), parsed);
    },
  };
}
