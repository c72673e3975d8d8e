import Resolver from '@forge/resolver';
import { z } from 'zod';
import type { RESOLVER_FUNCTIONS } from '../contract';
import { loadStageChoices } from '../app/validator-config';
import { ValidationError } from '../ports';
import { validatorConfigPorts } from './ports';
import { answer, EmptyPayloadSchema } from './resolver-result';

type ValidatorConfigFunction = (typeof RESOLVER_FUNCTIONS.validatorConfig)[number];

/**
 * What Forge gives a workflow validator's configuration screen: `validatorConfig`, `entryPoint`, `isNewEditor`,
 * `workflowId`, and `scopedProjectId` only for a team-managed workflow in the new editor; no project otherwise.
 */
const WorkflowContextSchema = z.object({
  accountId: z.string().min(1),
  extension: z.object({ scopedProjectId: z.union([z.string().min(1), z.number()]).optional() }).optional(),
});

const resolver = new Resolver();
const define = (name: ValidatorConfigFunction, handler: Parameters<Resolver['define']>[1]): void => {
  resolver.define(name, handler);
};

define('getStageChoices', ({ payload, context }) =>
  answer(EmptyPayloadSchema, payload, () => {
    const parsed = WorkflowContextSchema.safeParse(context);
    if (!parsed.success) throw new ValidationError('Go-Live Gate was called without a signed-in user; reload the page.');
    const scoped = parsed.data.extension?.scopedProjectId;
    return loadStageChoices(validatorConfigPorts(), { scopedProjectId: scoped === undefined ? undefined : String(scoped) });
  }),
);

/** The validator configuration screen's resolver (manifest function `validator-ui-resolver`; Forge allows function keys of at most 23 characters). */
export const validatorConfigResolver = resolver.getDefinitions();
