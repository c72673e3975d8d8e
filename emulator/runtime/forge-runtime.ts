import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { SiteClock } from '../clock';
import type { Database } from '../db';
import type { FaultPlan } from '../faults';
import type { Metrics } from '../metrics';
import { BODY_LIMITS, JiraError, readText } from '../site/http';
import type { ProductEvent, ValidatorCall, ValidatorOutcome } from './app-runner';
import { AppRunner, NotFoundError } from './app-runner';
import type { ExtensionTarget } from './extension-context';
import { extensionContext } from './extension-context';
import { installForgeGlobals } from './forge-globals';
import { handleKvsRequest } from './kvs-api';
import { loadEntityDeclarations } from './kvs-entity-schema';
import { KvsStore } from './kvs-store';
import { localKvs } from './kvs-transport';
import type { AppManifest } from './manifest';
import { loadManifest } from './manifest';
import { PlatformStore } from './platform-store';
import { projectRoot } from './project-root';
import { Scheduler } from './scheduler';
import { ServerTiming } from './server-timing';
import type { SiteClient } from './site-client';
import { SiteRequestError, siteClient } from './site-client';
import { WebTriggers } from './webtriggers';

/** The cloud id of the one local site. */
export const LOCAL_CLOUD_ID = 'local-site';

export interface ForgeRuntimeOptions {
  readonly db: Database;
  readonly metrics: Metrics;
  readonly faults: FaultPlan;
  readonly appSecret: string;
  /** The site's loopback base URL; read per request because it is known only once the server listens. */
  readonly siteUrl: () => string;
  readonly root?: string | undefined;
  /** The manifest to run (default `<root>/manifest.yml`), e.g. a test's copy that declares more custom entities. */
  readonly manifestFile?: string | undefined;
  /** The directory of the app's built handlers, relative to the root: dist/app by default, dist/forge for the deploy bundle. */
  readonly appBundle?: string | undefined;
  /** Where a declared egress origin is really served here (tests play GitLab on loopback): origin → origin. */
  readonly egressRoutes?: Readonly<Record<string, string>> | undefined;
}

export const InvokeRequestSchema = z.strictObject({
  moduleKey: z.string().min(1),
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
  context: z.union([z.strictObject({ issueKey: z.string().min(1) }), z.strictObject({ projectKey: z.string().min(1) }), z.strictObject({ gadgetId: z.string().min(1).max(255) })], {
    error: 'context must be {"issueKey": "..."}, {"projectKey": "..."} or {"gadgetId": "..."}',
  }),
});
export type InvokeRequest = z.infer<typeof InvokeRequestSchema>;

/** A failed invocation with the HTTP status `/forge/invoke` answers. */
export class InvokeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The local Forge runtime: KVS in the site's SQLite, the Forge globals the real @forge packages read,
 * and the app's handlers from dist/app run per manifest.yml.
 * @example const runtime = new ForgeRuntime({ db, metrics, faults, appSecret, siteUrl: () => url }); await runtime.invoke('acc-pm', request);
 */
export class ForgeRuntime {
  readonly manifest: AppManifest;
  readonly root: string;
  readonly site: SiteClient;
  /** The site clock (real time plus the offset tests moved it by), kept in SQLite. */
  readonly clock: SiteClock;
  readonly platform: PlatformStore;
  readonly webTriggers: WebTriggers;
  readonly scheduler: Scheduler;
  private readonly kvs: KvsStore;
  private readonly runner: AppRunner;

  constructor(private readonly options: ForgeRuntimeOptions) {
    this.root = options.root ?? projectRoot();
    const manifestFile = options.manifestFile ?? join(this.root, 'manifest.yml');
    this.manifest = loadManifest(manifestFile);
    this.kvs = new KvsStore(options.db, loadEntityDeclarations(manifestFile));
    this.platform = new PlatformStore(options.db);
    this.clock = new SiteClock(this.platform.clockOffset());
    this.site = siteClient(options.siteUrl, options.appSecret);
    installForgeGlobals({
      siteUrl: options.siteUrl,
      appSecret: options.appSecret,
      kvs: localKvs(this.kvs, options.metrics, options.faults),
      appId: this.manifest.appId,
      egress: { declared: this.manifest.egress, routes: options.egressRoutes, root: this.root },
    });
    this.runner = new AppRunner(this.manifest, this.root, options.metrics, LOCAL_CLOUD_ID, join(this.root, options.appBundle ?? join('dist', 'app')));
    this.webTriggers = new WebTriggers(this.manifest, this.platform, this.runner, options.siteUrl, () => this.clock.now());
    this.scheduler = new Scheduler(this.manifest, this.platform, this.runner, this.clock);
  }

  /** The site's base URL (the Atlassian site the app is installed on, for the Custom UI CSP). */
  siteUrl(): string {
    return this.options.siteUrl();
  }

  /** Runs a workflow validator (what the site calls for each validator on a transition). */
  runValidator(call: ValidatorCall): Promise<ValidatorOutcome> {
    return this.runner.runValidator(call);
  }

  /** Delivers a product event (what the site calls after e.g. creating an issue) to the manifest's triggers. */
  runTriggers(event: ProductEvent): Promise<void> {
    return this.runner.runTriggers(event);
  }

  /** The context Forge gives `module` shown on `target` to `accountId`; `extra` adds extension fields. */
  async contextFor(moduleKey: string, target: ExtensionTarget, accountId: string, extra?: Record<string, unknown>): Promise<ReturnType<typeof extensionContext>> {
    const module = this.runner.module(moduleKey);
    // A gadget's saved configuration comes with every context of it, as Jira gives it (resolvers included).
    const gadget = 'gadgetId' in target ? { gadgetConfiguration: this.platform.gadgetConfiguration(target.gadgetId) ?? {} } : {};
    return extensionContext(this.site, module, target, accountId, { cloudId: LOCAL_CLOUD_ID, siteUrl: this.options.siteUrl(), extra: { ...gadget, ...extra } });
  }

  /** Calls a resolver exactly as the bridge's invoke does for that module and user; `timing` gets the context's and the app's times. */
  async invoke(accountId: string, request: InvokeRequest, timing: ServerTiming = new ServerTiming()): Promise<unknown> {
    try {
      const context = await timing.time('context', () => this.contextFor(request.moduleKey, request.context, accountId));
      return await timing.time('app', () => this.runner.invokeResolver({ moduleKey: request.moduleKey, functionKey: request.functionKey, payload: request.payload ?? {}, context, accountId }));
    } catch (error) {
      if (error instanceof NotFoundError) throw new InvokeError(404, error.message);
      if (error instanceof SiteRequestError) throw new InvokeError(error.status === 404 ? 404 : 502, error.message);
      throw new InvokeError(500, `${request.moduleKey} ${request.functionKey} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `/__forge/kvs/api/v1/...`: the KVS API over HTTP for processes outside the site (adapter tests), app secret only. */
  async handleKvsHttp(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'KVS operations are POST' });
    if (!this.isAppSecret(req.headers.authorization)) return sendJson(res, 401, { code: 'UNAUTHORIZED', message: 'KVS needs Authorization: Forge <app secret>' });
    let body: unknown;
    try {
      body = JSON.parse(await readText(req, BODY_LIMITS.kvs)) as unknown;
    } catch (error) {
      if (error instanceof JiraError) return sendJson(res, error.status, { code: 'MAX_SIZE', message: error.message });
      return sendJson(res, 400, { code: 'BAD_REQUEST', message: 'The KVS request body is not JSON' });
    }
    const reply = await localKvs(this.kvs, this.options.metrics, this.options.faults)(path, body);
    return sendJson(res, reply.status, reply.body);
  }

  /** `POST /__forge/graphql`: the platform GraphQL @forge/api calls for web trigger URLs, app secret only. */
  async handleGraphqlHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { errors: [{ message: 'GraphQL requests are POST' }] });
    if (!this.isAppSecret(req.headers.authorization)) return sendJson(res, 401, { errors: [{ message: 'The platform GraphQL API needs Authorization: Forge <app secret>' }] });
    const reply = await this.webTriggers.handleGraphql(req);
    return sendJson(res, reply.status, reply.body);
  }

  /** Direct access for tests of the store semantics without HTTP. */
  kvsRequest(path: string, body: unknown): ReturnType<typeof handleKvsRequest> {
    return handleKvsRequest(this.kvs, path, body, Date.now());
  }

  private isAppSecret(header: string | undefined): boolean {
    const expected = Buffer.from(`Forge ${this.options.appSecret}`);
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/**
 * `POST /forge/invoke` (and the Custom UI host's `/__bridge/invoke`): parses the body, runs the resolver
 * as `accountId`, answers `{"result": ...}` or `{"error": "..."}` with 400/404/500.
 */
export async function handleInvokeHttp(runtime: ForgeRuntime, req: IncomingMessage, res: ServerResponse, accountId: string): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST with {"moduleKey", "functionKey", "payload", "context"}' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(req)) as unknown;
  } catch (error) {
    if (error instanceof JiraError) return sendJson(res, error.status, { error: error.message });
    return sendJson(res, 400, { error: 'The request body is not JSON' });
  }
  const request = InvokeRequestSchema.safeParse(parsed);
  if (!request.success) return sendJson(res, 400, { error: `Invalid invoke request: ${z.prettifyError(request.error)}` });
  const timing = new ServerTiming();
  try {
    const result = await runtime.invoke(accountId, request.data, timing);
    return sendJson(res, 200, { result }, { 'server-timing': timing.header() });
  } catch (error) {
    if (error instanceof InvokeError) return sendJson(res, error.status, { error: error.message }, { 'server-timing': timing.header() });
    throw error;
  }
}

/** Answers JSON (or nothing when `body` is undefined), never cached; `headers` adds to the response's. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, { 'cache-control': 'no-store', ...headers });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}
