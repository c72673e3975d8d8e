import type { ValidatorResult } from '../app/validate-transition';
import { checkTransition } from '../app/validate-transition';
import { appPorts } from './composition-root';

/**
 * The workflow validator (manifest function `validator`): Jira calls it with `{issue, configuration, transition}`
 * and keeps the issue where it is unless `result` is true.
 *
 * @example
 * await validateTransition({ issue: { key: 'SKU-1' }, configuration: '{"stage":"go-live"}' }) // { result: false, errorMessage: '...' }
 */
export async function validateTransition(event: unknown): Promise<ValidatorResult> {
  return checkTransition(appPorts(), event);
}
