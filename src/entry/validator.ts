import type { ValidatorResult } from '../app/validate-transition';
import { checkTransition } from '../app/validate-transition';
import { INVOCATION_BUDGET_MS, withDeadline } from '../forge/timeout';
import { appPorts } from './composition-root';

/**
 * The workflow validator (manifest function `validator`): Jira calls it with `{issue, configuration, transition}`
 * and keeps the issue where it is unless `result` is true. Everything it asks Jira and KVS fits in its 8 s budget, so
 * even when they hang the user gets its "try again" message rather than Forge's timeout.
 *
 * @example
 * await validateTransition({ issue: { key: 'SKU-1' }, configuration: '{"stage":"go-live"}' }) // { result: false, errorMessage: '...' }
 */
export async function validateTransition(event: unknown): Promise<ValidatorResult> {
  return withDeadline(INVOCATION_BUDGET_MS.validator, () => checkTransition(appPorts(), event));
}
