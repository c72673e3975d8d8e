import { z } from 'zod/mini';
import { ValidationError } from '../errors';
import type { Caller, ProjectRef } from '../ports';
import { lazySchema } from '../gate/lazy-schema';

/** The parts of the Forge invocation context the resolvers trust: who calls, and on which issue or project. */
const ContextSchema = lazySchema(() => z.object({
  accountId: z.string().check(z.minLength(1)),
  extension: z.optional(z.object({
      issue: z.optional(z.object({ id: z.optional(z.union([z.string(), z.number()])), key: z.string().check(z.minLength(1)) })),
      project: z.optional(z.object({ id: z.union([z.string(), z.number()]), key: z.string().check(z.minLength(1)) })),
    })),
}));

function parseContext(context: unknown): z.infer<typeof ContextSchema> {
  const parsed = ContextSchema.safeParse(context);
  if (!parsed.success) throw new ValidationError('Go-Live Gate was called without a signed-in user; reload the page.');
  return parsed.data;
}

/**
 * The caller and issue of a panel call, from the invocation context (never from the payload).
 *
 * @example
 * const { caller, issueKey } = issueInvocation(request.context); // { caller: { accountId: 'acc-cee' }, issueKey: 'SKU-1' }
 */
export function issueInvocation(context: unknown): { readonly caller: Caller; readonly issueKey: string } {
  const { accountId, extension } = parseContext(context);
  const issue = extension?.issue;
  if (issue === undefined) throw new ValidationError('This works only in the Go-Live Gate panel of an issue.');
  return { caller: { accountId }, issueKey: issue.key };
}

/**
 * The caller of a call that needs no issue or project (the dashboard gadget), from the invocation context.
 *
 * @example
 * callerInvocation(request.context) // { caller: { accountId: 'acc-pm' } }
 */
export function callerInvocation(context: unknown): { readonly caller: Caller } {
  return { caller: { accountId: parseContext(context).accountId } };
}

/**
 * The caller and project of a settings call, from the invocation context (never from the payload).
 *
 * @example
 * const { caller, project } = projectInvocation(request.context); // project: { id: '10000', key: 'SKU' }
 */
export function projectInvocation(context: unknown): { readonly caller: Caller; readonly project: ProjectRef } {
  const { accountId, extension } = parseContext(context);
  const project = extension?.project;
  if (project === undefined) throw new ValidationError('This works only in the Go-Live Gate settings of a project.');
  return { caller: { accountId }, project: { id: String(project.id), key: project.key } };
}

/**
 * What Forge gives a workflow validator's configuration screen: `validatorConfig`, `entryPoint`, `isNewEditor`,
 * `workflowId`, and `scopedProjectId` only for a team-managed workflow in the new editor; no project otherwise.
 */
const WorkflowContextSchema = lazySchema(() => z.object({
  accountId: z.string().check(z.minLength(1)),
  extension: z.optional(z.object({ scopedProjectId: z.optional(z.union([z.string().check(z.minLength(1)), z.number()])) })),
}));

/**
 * The caller of a validator configuration call and, for a team-managed workflow, its project.
 *
 * @example
 * workflowInvocation(request.context) // { caller: { accountId: 'acc-admin' }, scope: {} } for a company-managed workflow
 */
export function workflowInvocation(context: unknown): { readonly caller: Caller; readonly scope: { readonly scopedProjectId?: string | undefined } } {
  const parsed = WorkflowContextSchema.safeParse(context);
  if (!parsed.success) throw new ValidationError('Go-Live Gate was called without a signed-in user; reload the page.');
  const scoped = parsed.data.extension?.scopedProjectId;
  return { caller: { accountId: parsed.data.accountId }, scope: scoped === undefined ? {} : { scopedProjectId: String(scoped) } };
}
