import type { z } from 'zod/mini';
import { ConflictError, ForbiddenError, NotConfiguredError, NotFoundError, PropertyTooLargeError, UnavailableError, ValidationError } from '../errors';
import type { ErrorCode, ResolverResult } from '../contract';
import { isConsentRequired } from '../forge/jira-client';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { toFieldErrors } from '../gate/config';

const failure = (code: ErrorCode, message: string, fieldErrors?: ValidationError['fieldErrors']): ResolverResult<never> => ({
  ok: false,
  error: { code, message, ...(fieldErrors !== undefined && fieldErrors.length > 0 && { fieldErrors }) },
});

/**
 * Maps what a use case threw to the answer the UI reads. Known errors keep their message (written for users);
 * anything else gets a safe message and goes to the log.
 *
 * @example
 * toFailure(new ForbiddenError('You are not in golive-cee')) // { ok: false, error: { code: 'forbidden', message: 'You are not in golive-cee' } }
 */
export function toFailure(error: unknown): ResolverResult<never> {
  if (error instanceof ValidationError) return failure('invalid-input', error.message, error.fieldErrors);
  if (error instanceof ForbiddenError) return failure('forbidden', error.message);
  if (error instanceof NotFoundError) return failure('not-found', error.message);
  if (error instanceof ConflictError) return failure('conflict', error.message);
  if (error instanceof PropertyTooLargeError) return failure('too-large', error.message);
  if (error instanceof UnavailableError) return failure('unavailable', error.message);
  if (error instanceof NotConfiguredError) return failure('not-configured', error.message);
  console.error('Go-Live Gate resolver failed:', error);
  return failure('internal', 'Something went wrong in Go-Live Gate. Reload the page and try again; if it keeps happening, tell your Jira admin.');
}

/**
 * Parses the payload with its schema, runs the use case within the resolver's time budget and wraps the answer.
 * Nothing is thrown but Forge's consent request, which the platform turns into the consent screen.
 *
 * @example
 * await answer(DecidePayloadSchema, { team: 'cee', decision: 'approve' }, (input) => decide(ports, caller, 'SKU-1', input)) // { ok: true, data: view }
 */
export async function answer<S extends z.ZodMiniType, T>(schema: S, payload: unknown, run: (input: z.output<S>) => Promise<T>): Promise<ResolverResult<T>> {
  try {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return failure('invalid-input', 'The request is not valid.', toFieldErrors(parsed.error));
    return { ok: true, data: await withDeadline(INVOCATION_BUDGET_MS.resolver, () => run(parsed.data)) };
  } catch (error) {
    if (isConsentRequired(error)) throw error;
    return toFailure(error);
  }
}
