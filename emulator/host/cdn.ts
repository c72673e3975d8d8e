import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import type { ForgeRuntime } from '../runtime/forge-runtime';
import { projectRoot } from '../runtime/project-root';
import { ServerTiming } from '../runtime/server-timing';
import { loadAssets } from './assets';
import { placementOf } from './custom-ui';
import type { SiteOrigins } from './origins';
import { contentTypeOf, readInside, sendBytes } from './static-files';

/**
 * The Content-Security-Policy Forge serves a Custom UI resource with, built by @forge/csp (the package Forge uses) as in
 * production: the page's own inline-script hashes and the manifest's `permissions.content` and `permissions.external`,
 * with the page's origin standing in for the Atlassian site hosting the app (its `frame-ancestors`, `connect-src`...).
 */
function resourceCsp(runtime: ForgeRuntime, body: Buffer, pageOrigin: string): string {
  const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(body, runtime.manifest.permissions);
  return new CSPInjectionService().getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: pageOrigin }).join('; ');
}

/**
 * The Custom UI CDN: the app's resources (static/<resource>/build), the host's bridge and the design tokens, served on
 * an origin of another site than the pages' (SiteOrigins), as Forge serves them from its CDN. It knows no user: a
 * frame's HTML is the same for everyone, and what is the user's (the context, the resolver calls) reaches the frame
 * from the page by postMessage.
 *
 * @example const cdn = createCustomUiCdn(runtime, origins); createServer((req, res) => void cdn.handle(req, res));
 */
export function createCustomUiCdn(runtime: ForgeRuntime, origins: SiteOrigins): { handle(req: IncomingMessage, res: ServerResponse): Promise<void> } {
  const assets = loadAssets(projectRoot()).frame;
  // Parsing a 150 KB script as HTML (what getCspDetails does with a body) cost the site 3-6 ms of CPU per file and
  // request (17 ms the first time), several per frame on the way to the panel's first verdict: the policy of a
  // resource's other files (no inline scripts to hash) is built once per page origin.
  const assetCsps = new Map<string, string>();
  const assetCsp = (pageOrigin: string): string => {
    const known = assetCsps.get(pageOrigin);
    if (known !== undefined) return known;
    const csp = resourceCsp(runtime, Buffer.alloc(0), pageOrigin);
    assetCsps.set(pageOrigin, csp);
    return csp;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cdn.invalid');
    if (req.method !== 'GET') return sendBytes(res, 405, 'text/plain; charset=utf-8', 'The Custom UI CDN serves files: GET only', { allow: 'GET' });
    const asset = assets.get(url.pathname);
    if (asset) return sendBytes(res, 200, asset.type, asset.body);
    if (!url.pathname.startsWith('/__resources/')) return sendBytes(res, 404, 'text/plain; charset=utf-8', `The Custom UI CDN has no ${url.pathname}`);
    return serveResource(res, url, origins.pageOriginFor(req.headers.host));
  }

  /**
   * `GET /__resources/<resourceKey>/<file>`: a file of the resource's build. Its index.html gets, first in <head>, the
   * host's bridge script and the origin of the page it talks to (a JSON data block), so `__bridge` exists before the
   * app loads.
   */
  async function serveResource(res: ServerResponse, url: URL, pageOrigin: string): Promise<void> {
    const timing = new ServerTiming();
    const match = /^\/__resources\/([^/]+)\/(.*)$/.exec(url.pathname);
    const resourceKey = decodeURIComponent(match?.[1] ?? '');
    const directory = runtime.manifest.resources.get(resourceKey);
    if (!match || !directory) return sendBytes(res, 404, 'text/plain; charset=utf-8', `No resource '${resourceKey}' in manifest.yml`);
    const relative = decodeURIComponent(match[2] || 'index.html');
    const file = await readInside(join(runtime.root, directory), relative);
    if (!file) return sendBytes(res, 404, 'text/plain; charset=utf-8', `No file '${relative}' in ${directory}: run npm run build`);
    if (relative !== 'index.html') {
      return sendBytes(res, 200, contentTypeOf(relative), file, { 'content-security-policy': assetCsp(pageOrigin), 'server-timing': timing.header() });
    }
    const placement = placementOf(url);
    if (typeof placement === 'string') return sendBytes(res, 400, 'text/plain; charset=utf-8', `Cannot show ${resourceKey}: ${placement}`);
    const page = Buffer.from(injectBridge(file.toString('utf8'), pageOrigin));
    const csp = await timing.time('csp', () => Promise.resolve(resourceCsp(runtime, page, pageOrigin)));
    return sendBytes(res, 200, 'text/html; charset=utf-8', page, { 'content-security-policy': csp, 'server-timing': timing.header() });
  }

  return { handle };
}

function injectBridge(page: string, pageOrigin: string): string {
  // A JSON data block is not executed, so the CSP's script-src 'self' holds; '<' is escaped so it cannot close the tag.
  const data = JSON.stringify({ hostOrigin: pageOrigin }).replace(/</g, '\\u003c');
  const head = `<link rel="stylesheet" href="/__host/tokens.css"><script type="application/json" id="forge-host">${data}</script><script src="/__host/bridge.js"></script>`;
  const at = /<head(\s[^>]*)?>/i.exec(page);
  return at ? page.slice(0, at.index + at[0].length) + head + page.slice(at.index + at[0].length) : head + page;
}
