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
  /**
   * Adds a transition without validators to the project's workflow (`from` omitted: a global one, available from every
   * status), or answers the project's transition of that name; throws for an unknown project or status.
   */
  addTransition(projectKey: string, transition: { readonly name: string; readonly to: string; readonly from?: string | undefined }): TransitionDef;
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
  const projectOf = (projectKey: string) => {
    const project = store.project(projectKey);
    if (!project) throw new Error(`No project could be found with key '${projectKey}'.`);
    return project;
  };
  const statusNamed = (text: string) => {
    const status = store.statusesMatching(text)[0];
    if (!status) throw new Error(`No status '${text}'.`);
    return status;
  };
  const workflow: Workflow = {
    listTransitions(projectKey) {
      const project = projectOf(projectKey);
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
    addTransition(projectKey, transition) {
      const project = projectOf(projectKey);
      const name = z.string().trim().min(1).max(255).parse(transition.name);
      const to = statusNamed(transition.to);
      const from = transition.from === undefined ? undefined : statusNamed(transition.from);
      const existing = store.transitionsOf(project.id);
      if (!existing.some((t) => t.name === name)) {
        store.insertTransition({ id: Math.max(0, ...store.allTransitionIds()) + 1, projectId: project.id, name, fromStatusId: from?.id ?? null, toStatusId: to.id, position: existing.length });
      }
      const added = workflow.listTransitions(projectKey).find((t) => t.name === name);
      if (!added) throw new Error(`The transition '${name}' was not added.`);
      return added;
    },
  };
  return workflow;
}
