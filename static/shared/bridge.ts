import { events, invoke, requestJira, view } from '@forge/bridge';
import type { FullContext } from '@forge/bridge';
import type { AnswerOf, ErrorCode, FunctionKey, PayloadOf, ResolverModule, ResolverResult } from '../../src/contract';
import { ERROR_CODES } from '../../src/error-codes';

export type Failure = Extract<ResolverResult<unknown>, { ok: false }>['error'];

function isResolverResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' && error !== null && 'code' in error && (ERROR_CODES as readonly unknown[]).includes(error.code) && 'message' in error && typeof error.message === 'string'
  );
}

/** A payload that may be left out when every field of it is optional (getGate, getAudit, getReviews...). */
type PayloadArguments<M extends ResolverModule, F extends FunctionKey<M>> = Record<string, never> extends PayloadOf<M, F> ? [payload?: PayloadOf<M, F>] : [payload: PayloadOf<M, F>];

/**
 * The `call` of a module's resolver (the manifest gives each resource one), typed by the contract: a function the
 * module does not have, or a payload of the wrong shape, does not compile, and the answer has the function's type.
 * It always answers a ResolverResult: a network failure or an answer of the wrong shape becomes `unavailable` /
 * `internal`, so screens only ever handle one kind of failure.
 *
 * @example
 * const call = resolverOf('panel');
 * const result = await call('decide', { team: 'cee', decision: 'approve' }); // ResolverResult<GateView>
 */
export function resolverOf<M extends ResolverModule>(_module: M) {
  return async <F extends FunctionKey<M>>(functionKey: F, ...[payload]: PayloadArguments<M, F>): Promise<ResolverResult<AnswerOf<M, F>>> => {
    try {
      const answer: unknown = await invoke(functionKey, payload ?? {});
      if (isResolverResult(answer)) return answer as ResolverResult<AnswerOf<M, F>>;
      return { ok: false, error: { code: 'internal', message: `The app answered ${functionKey} with something unexpected. Try again; if it keeps happening, tell your Jira admin.` } };
    } catch (error) {
      const reason = error instanceof Error ? error.message.trim() : String(error);
      return { ok: false, error: { code: 'unavailable' satisfies ErrorCode, message: `Could not reach the app (${reason || 'no answer'}). Check your connection and try again.` } };
    }
  };
}

/**
 * Tells Jira the app changed the issue, so its issue view refreshes what it shows (a transition refused before the
 * change, for one). A host that cannot refresh changes nothing the app shows.
 */
export function refreshIssueView(): void {
  view.refresh().catch(() => undefined);
  events.emit(GATE_CHANGED).catch(() => undefined);
}

/** The Forge event the panel emits after it changed the gate, for the app's other frames on the page (the glance). */
const GATE_CHANGED = 'golive-gate.changed';

/** Runs `onChange` whenever another frame of the app changed the gate; answers how to stop listening. */
export function onGateChanged(onChange: () => void): () => void {
  const subscription = events.on(GATE_CHANGED, onChange);
  return () => {
    void subscription.then((s) => s.unsubscribe()).catch(() => undefined);
  };
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
