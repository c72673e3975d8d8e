import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseValidatorConfiguration } from './extension-context';
import { runInvocation } from './invocation-context';
import type { AppManifest, ManifestModule } from './manifest';

/** Forge stops a resolver, a workflow validator or a product trigger after 25 s. */
export const INVOCATION_TIMEOUT_MS = 25_000;

/** What invoked a function: Forge's time limit depends on it. */
export type InvocationKind = 'resolver' | 'validator' | 'product-trigger' | 'webtrigger' | 'scheduled-trigger' | 'consumer';

/**
 * Forge's documented runtime limit of one invocation: 25 s for resolvers, validators and product triggers; 55 s for a
 * web trigger; for a scheduled trigger or an async-event consumer the function's `timeoutSeconds` (default 55, at most 900).
 * @example invocationTimeoutMs('scheduled-trigger', 300) // 300_000
 */
export function invocationTimeoutMs(kind: InvocationKind, timeoutSeconds?: number): number {
  switch (kind) {
    case 'webtrigger':
      return 55_000;
    case 'scheduled-trigger':
    case 'consumer':
      return Math.min(timeoutSeconds ?? 55, 900) * 1000;
    default:
      return INVOCATION_TIMEOUT_MS;
  }
}

type Handler = (event: unknown, context: unknown) => unknown;

/** A request the runtime cannot route: unknown module, function or resolver definition (HTTP 404). */
export class NotFoundError extends Error {}

/** What Forge passes a Custom UI resolver as `context` (before @forge/resolver adds accountId). */
export interface ExtensionContext {
  readonly cloudId: string;
  readonly localId: string;
  readonly moduleKey: string;
  readonly siteUrl: string;
  readonly environmentType: string;
  readonly extension: Readonly<Record<string, unknown>>;
}

export interface ResolverCall {
  readonly moduleKey: string;
  readonly functionKey: string;
  readonly payload: unknown;
  readonly context: ExtensionContext;
  /** The invoking user; asUser() requests act as them. */
  readonly accountId: string;
}

export interface ValidatorCall {
  readonly moduleKey: string;
  readonly configuration: string;
  readonly issue: { readonly key: string };
  readonly transition: { readonly id: string; readonly name: string; readonly from: { readonly id: string }; readonly to: { readonly id: string } };
}

export interface ValidatorOutcome {
  readonly result: boolean;
  readonly errorMessage?: string;
}

/** A product event as Forge hands it to a trigger, e.g. `{ eventType: 'avi:jira:created:issue', issue, atlassianId }`. */
export interface ProductEvent {
  readonly eventType: string;
}

export interface InvocationCounter {
  count(kind: string): void;
}

/**
 * Runs the app's handlers (built into dist/app/<file>.cjs) the way Forge does, each as one invocation.
 * The bundle is required on first use, so the Forge globals must be installed before.
 * @example await runner.invokeResolver({ moduleKey: 'go-live-gate-panel', functionKey: 'getGate', payload: {}, context, accountId: 'acc-pm' })
 */
export class AppRunner {
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly manifest: AppManifest,
    root: string,
    private readonly counter: InvocationCounter,
    private readonly cloudId: string,
    /** Where the built handlers are: dist/app (esbuild, the default) or dist/forge (@forge/bundler, what a deploy ships). */
    private readonly bundleDir: string = join(root, 'dist', 'app'),
  ) {}

  module(moduleKey: string): ManifestModule {
    const module = this.manifest.modules.get(moduleKey);
    if (!module) throw new NotFoundError(`No module '${moduleKey}' in manifest.yml`);
    return module;
  }

  /** Calls the module's resolver function like the bridge's invoke; answers what the resolver returned. */
  async invokeResolver(call: ResolverCall): Promise<unknown> {
    const module = this.module(call.moduleKey);
    if (!module.resolverFunction) throw new NotFoundError(`Module '${call.moduleKey}' has no resolver`);
    const handler = this.handler(module.resolverFunction);
    this.counter.count(`invoke:${call.functionKey}`);
    const event = { call: { functionKey: call.functionKey, payload: call.payload }, context: call.context };
    const runtimePayload = { principal: { accountId: call.accountId }, installContext: this.installContext() };
    try {
      return await runInvocation({ accountId: call.accountId, moduleKey: call.moduleKey }, () => withTimeout(() => handler(event, runtimePayload), invocationTimeoutMs('resolver')));
    } catch (error) {
      // @forge/resolver's own message for a functionKey it does not define.
      if (error instanceof Error && error.message.startsWith('Resolver has no definition for')) throw new NotFoundError(error.message);
      throw error;
    }
  }

  /**
   * Runs a workflow validator as the app. An exception, a timeout or an answer without a boolean `result`
   * refuses the transition (fails closed), with a message that says why.
   */
  async runValidator(call: ValidatorCall): Promise<ValidatorOutcome> {
    const module = this.module(call.moduleKey);
    try {
      if (!module.function) throw new NotFoundError(`Module '${call.moduleKey}' has no function`);
      const handler = this.handler(module.function);
      this.counter.count(`invoke:${module.function}`);
      const event = {
        issue: { key: call.issue.key },
        // Jira stores the string onConfigure answered and hands the validator the JSON object it holds.
        configuration: parseValidatorConfiguration(call.configuration),
        transition: { id: call.transition.id, name: call.transition.name, from: call.transition.from, to: call.transition.to, modifiedFields: {} },
      };
      const answer = await runInvocation({ moduleKey: call.moduleKey }, () => withTimeout(() => handler(event, { installContext: this.installContext() }), invocationTimeoutMs('validator')));
      return validatorOutcome(module.title, answer);
    } catch (error) {
      return { result: false, errorMessage: `${module.title} could not check this transition: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /**
   * Runs every `trigger` module subscribed to the event's type, as the app (no user principal), one invocation each,
   * counted as `trigger:<function>`. A trigger that throws or times out is logged: like Jira, the change that caused
   * the event stands.
   */
  async runTriggers(event: ProductEvent): Promise<void> {
    const triggers = [...this.manifest.modules.values()].filter((m) => m.type === 'trigger' && m.events?.includes(event.eventType) === true);
    await Promise.all(
      triggers.map(async (module) => {
        try {
          if (!module.function) throw new NotFoundError(`Module '${module.key}' has no function`);
          const handler = this.handler(module.function);
          this.counter.count(`trigger:${module.function}`);
          const context = { installContext: this.installContext(), moduleKey: module.key };
          await runInvocation({ moduleKey: module.key }, () => withTimeout(() => handler(event, context), invocationTimeoutMs('product-trigger')));
        } catch (error) {
          console.error(`Trigger ${module.key} failed on ${event.eventType}:`, error instanceof Error ? error.message : error);
        }
      }),
    );
  }

  private installContext(): string {
    return `ari:cloud:jira::site/${this.cloudId}`;
  }

  private handler(functionKey: string): Handler {
    const known = this.handlers.get(functionKey);
    if (known) return known;
    const target = this.manifest.functions.get(functionKey);
    if (!target) throw new NotFoundError(`No function '${functionKey}' in manifest.yml`);
    const file = join(this.bundleDir, `${target.file}.cjs`);
    const exported = (createRequire(file)(file) as Record<string, unknown>)[target.exportName];
    if (typeof exported !== 'function') {
      throw new NotFoundError(`${file} exports no function '${target.exportName}' (handler of '${functionKey}'); run npm run build`);
    }
    const handler = exported as Handler;
    this.handlers.set(functionKey, handler);
    return handler;
  }
}

function validatorOutcome(title: string, answer: unknown): ValidatorOutcome {
  if (typeof answer === 'object' && answer !== null && typeof (answer as { result?: unknown }).result === 'boolean') {
    const { result, errorMessage } = answer as { result: boolean; errorMessage?: unknown };
    if (result) return { result };
    return { result, errorMessage: typeof errorMessage === 'string' && errorMessage ? errorMessage : `${title} refused the transition.` };
  }
  return { result: false, errorMessage: `${title} gave no verdict (expected {result: boolean}), so the transition is refused.` };
}

async function withTimeout<T>(fn: () => T, timeoutMs: number): Promise<Awaited<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the invocation did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
