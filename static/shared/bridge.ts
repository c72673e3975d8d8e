import { invoke, requestJira, view } from '@forge/bridge';
import type { FullContext } from '@forge/bridge';
import type { ErrorCode, ResolverResult } from '../../src/contract';

export type Failure = Extract<ResolverResult<unknown>, { ok: false }>['error'];

const ERROR_CODES: readonly ErrorCode[] = ['invalid-input', 'forbidden', 'not-found', 'conflict', 'too-large', 'unavailable', 'not-configured', 'internal'];

function isResolverResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const { error } = value;
  return typeof error === 'object' && error !== null && 'code' in error && ERROR_CODES.includes(error.code as ErrorCode) && 'message' in error && typeof error.message === 'string';
}

/**
 * Calls a resolver and always answers a ResolverResult: a network failure or an answer of the wrong shape
 * becomes `unavailable` / `internal`, so screens only ever handle one kind of failure.
 */
export async function call<T>(functionKey: string, payload: Record<string, unknown> = {}): Promise<ResolverResult<T>> {
  try {
    const answer: unknown = await invoke(functionKey, payload);
    if (isResolverResult(answer)) return answer as ResolverResult<T>;
    return { ok: false, error: { code: 'internal', message: `The app answered ${functionKey} with something unexpected. Try again; if it keeps happening, tell your Jira admin.` } };
  } catch (error) {
    const reason = error instanceof Error ? error.message.trim() : String(error);
    return { ok: false, error: { code: 'unavailable', message: `Could not reach the app (${reason || 'no answer'}). Check your connection and try again.` } };
  }
}

/** The Forge context of this resource (issue, project, validator configuration...). */
export function getContext(): Promise<FullContext> {
  return view.getContext();
}

/** A GET to Jira's REST API as the current user; answers the parsed JSON or throws with the status. */
export async function getJira(path: string): Promise<unknown> {
  const response = await requestJira(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Jira answered ${response.status} to ${path.split('?')[0] ?? path}`);
  return response.json();
}
