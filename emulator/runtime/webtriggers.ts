import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readText } from '../site/http';
import type { AppRunner } from './app-runner';
import type { AppManifest } from './manifest';
import type { PlatformStore } from './platform-store';

/** Web trigger URLs look like Forge's v1 URLs: `<site>/x1/<id>`, with optional extra path segments after the id. */
const URL_PATH = /^\/x1\/([A-Za-z0-9_-]{16,64})(\/.*)?$/;

const GraphqlSchema = z.object({ query: z.string(), variables: z.record(z.string(), z.unknown()).optional() });

/** What a web trigger function must answer (Forge's dynamic response); anything else answers 500. */
const WebTriggerResponseSchema = z.object({
  statusCode: z.number().int().min(100).max(599),
  statusText: z.string().optional(),
  headers: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
  body: z.string().optional(),
});

/**
 * The platform side of `webtrigger` modules: the URLs `webTrigger.getUrl/queryUrls/deleteUrl` of @forge/api ask for
 * (through the platform GraphQL at `/__forge/graphql`), kept in SQLite so they stay stable across restarts as Forge's
 * do, and the HTTP requests to them, handed to the module's function in Forge's request shape.
 *
 * @example
 * const url = await webTrigger.getUrl('gitlab-webhook'); // in the app: http://127.0.0.1:8080/x1/Zm9v...
 * await fetch(url, { method: 'POST', body }); // runs the module's function with { method, headers, body, path, queryParameters }
 */
export class WebTriggers {
  constructor(
    private readonly manifest: AppManifest,
    private readonly store: PlatformStore,
    private readonly runner: AppRunner,
    private readonly siteUrl: () => string,
    private readonly now: () => number,
  ) {}

  /** True for the paths web trigger URLs have (the caller then lets `serve` answer). */
  static owns(path: string): boolean {
    return path.startsWith('/x1/');
  }

  getUrl(moduleKey: string, forceCreate: boolean): string {
    if (this.manifest.modules.get(moduleKey)?.type !== 'webtrigger') throw new Error(`No webtrigger module '${moduleKey}' in manifest.yml`);
    const existing = forceCreate ? undefined : this.store.activeWebTriggerUrl(moduleKey);
    if (existing) return this.urlOf(existing.id);
    const id = randomBytes(24).toString('base64url');
    this.store.insertWebTriggerUrl(id, moduleKey, this.now());
    return this.urlOf(id);
  }

  /** Deletes a URL by its id (what @forge/api's `deleteUrl` sends); false when there is no such live URL. */
  deleteUrl(id: string): boolean {
    return this.store.deleteWebTriggerUrl(id, this.now());
  }

  queryUrls(): { triggerKey: string; url: string }[] {
    return this.store.activeWebTriggerUrls().map((row) => ({ triggerKey: row.module_key, url: this.urlOf(row.id) }));
  }

  /** `POST /__forge/graphql` (app secret checked by the caller): the three web trigger operations of @forge/api. */
  async handleGraphql(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    let parsed: z.infer<typeof GraphqlSchema>;
    try {
      parsed = GraphqlSchema.parse(JSON.parse(await readText(req)));
    } catch {
      return { status: 400, body: { errors: [{ message: 'The request body must be a GraphQL request: {"query": "...", "variables": {...}}' }] } };
    }
    const variables = parsed.variables ?? {};
    try {
      if (parsed.query.includes('createWebTriggerUrl')) {
        const input = z.object({ triggerKey: z.string().min(1) }).parse(variables['input']);
        return { status: 200, body: { data: { createWebTriggerUrl: { url: this.getUrl(input.triggerKey, variables['forceCreate'] === true) } } } };
      }
      if (parsed.query.includes('deleteWebTriggerUrl')) {
        const deleted = this.deleteUrl(z.string().parse(variables['id']));
        return { status: 200, body: { data: { deleteWebTriggerUrl: { success: deleted, message: deleted ? null : 'No such web trigger URL' } } } };
      }
      if (parsed.query.includes('webTriggerUrlsByAppContext')) return { status: 200, body: { data: { webTriggerUrlsByAppContext: this.queryUrls() } } };
      return { status: 200, body: { errors: [{ message: 'The local site serves only the web trigger operations of the platform GraphQL API' }] } };
    } catch (error) {
      return { status: 200, body: { data: null, errors: [{ message: error instanceof Error ? error.message : String(error) }] } };
    }
  }

  /** An HTTP request to a web trigger URL: 404 for an unknown or deleted URL, else the function's response. */
  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = URL_PATH.exec(url.pathname);
    const row = match?.[1] === undefined ? undefined : this.store.webTriggerUrl(match[1]);
    const module = row === undefined ? undefined : this.manifest.modules.get(row.module_key);
    if (!match || !module) return sendText(res, 404, 'No web trigger exists at this URL.');
    let body: string;
    try {
      body = await readText(req);
    } catch {
      return sendText(res, 413, 'The request is larger than a web trigger accepts.');
    }
    const payload = {
      method: req.method ?? 'GET',
      headers: headersOf(req),
      body,
      path: url.pathname,
      userPath: match[2] ?? '',
      queryParameters: queryOf(url),
      context: { cloudId: this.runner.siteCloudId, moduleKey: module.key },
    };
    let answer: unknown;
    try {
      answer = await this.runner.invokeFunction(module, 'webtrigger', payload);
    } catch (error) {
      console.error(`Web trigger ${module.key} failed:`, error instanceof Error ? error.message : error);
      return sendText(res, 500, 'The web trigger function failed.');
    }
    const response = WebTriggerResponseSchema.safeParse(answer);
    if (!response.success) return sendText(res, 500, `The web trigger function answered no valid response (${z.prettifyError(response.error)}).`);
    const headers = Object.entries(response.data.headers ?? {}).map(([name, value]): [string, string[]] => [name, Array.isArray(value) ? value : [value]]);
    res.writeHead(response.data.statusCode, response.data.statusText ?? '', Object.fromEntries(headers));
    res.end(response.data.body ?? '');
  }

  private urlOf(id: string): string {
    return `${this.siteUrl()}/x1/${id}`;
  }
}

/** The request headers as Forge passes them: original spelling, each with the list of its values. */
function headersOf(req: IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index] ?? '';
    (headers[name] ??= []).push(req.rawHeaders[index + 1] ?? '');
  }
  return headers;
}

function queryOf(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  return query;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
