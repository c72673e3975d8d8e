import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlatformSite } from './support';
import { startPlatformSite } from './support';

interface Echo {
  request: { method: string; headers: Record<string, string[]>; body: string; path: string; userPath: string; queryParameters: Record<string, string[]> };
  outcome?: { url?: string; status?: number; body?: string; error?: { name: string; message: string } };
}

/** A stand-in for gitlab.example.com on loopback (the app's declared egress is routed to it). */
let gitlab: ReturnType<typeof createServer>;
let gitlabOrigin: string;
let site: PlatformSite;
let hookUrl: string;

beforeAll(async () => {
  gitlab = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ served: 'gitlab stand-in', path: req.url }));
  });
  await new Promise<void>((resolve) => gitlab.listen(0, '127.0.0.1', resolve));
  gitlabOrigin = `http://127.0.0.1:${(gitlab.address() as AddressInfo).port}`;
  site = await startPlatformSite({ env: { SITE_EGRESS_ROUTES: JSON.stringify({ 'https://gitlab.example.com': gitlabOrigin }) } });
  // What the app's webTrigger.getUrl answers, asked through the platform GraphQL as @forge/api asks it.
  const created = await site.asApp('POST', '/__forge/graphql', {
    query: 'mutation forge_app_createWebTriggerUrl($input: WebTriggerUrlInput!, $forceCreate: Boolean) { createWebTriggerUrl(input: $input, forceCreate: $forceCreate) { url } }',
    variables: { input: { triggerKey: 'echo-hook' }, forceCreate: false },
  });
  hookUrl = (created.body as { data: { createWebTriggerUrl: { url: string } } }).data.createWebTriggerUrl.url;
});
afterAll(async () => {
  await site.stop();
  await new Promise((resolve) => gitlab.close(resolve));
});

const callHook = async (url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; echo: Echo | undefined; text: string }> => {
  const response = await fetch(url, init);
  const text = await response.text();
  let echo: Echo | undefined;
  try {
    echo = JSON.parse(text) as Echo;
  } catch {
    echo = undefined;
  }
  return { status: response.status, headers: response.headers, echo, text };
};

describe('web triggers', () => {
  it('serves a URL on the site that hands the request to the module’s function in Forge’s shape and answers its response', async () => {
    expect(hookUrl).toMatch(new RegExp(`^${site.url}/x1/[A-Za-z0-9_-]+$`));
    const { status, headers, echo } = await callHook(`${hookUrl}/extra/path?apples=red&apples=green&grapes=green`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Gitlab-Token': 'secret-1' },
      body: 'hello',
    });
    expect(status).toBe(201);
    expect(headers.get('x-echo')).toBe('yes');
    expect(echo?.request).toMatchObject({
      method: 'POST',
      body: 'hello',
      path: `${new URL(hookUrl).pathname}/extra/path`,
      userPath: '/extra/path',
      queryParameters: { apples: ['red', 'green'], grapes: ['green'] },
    });
    expect(echo?.request.headers['X-Gitlab-Token'] ?? echo?.request.headers['x-gitlab-token']).toEqual(['secret-1']);
  });

  it('gives the same URL each time unless a new one is forced, from inside the app too', async () => {
    const { echo } = await callHook(hookUrl, { method: 'POST', body: JSON.stringify({ getUrl: 'echo-hook' }) });
    expect(echo?.outcome?.url).toBe(hookUrl);
    const forced = await site.asApp('POST', '/__forge/graphql', { query: 'mutation { createWebTriggerUrl }', variables: { input: { triggerKey: 'echo-hook' }, forceCreate: true } });
    const other = (forced.body as { data: { createWebTriggerUrl: { url: string } } }).data.createWebTriggerUrl.url;
    expect(other).not.toBe(hookUrl);
    expect((await callHook(other, { method: 'GET' })).status).toBe(201);
  });

  it('answers 404 for a URL that does not exist or was deleted, and 500 when the function answers no web trigger response', async () => {
    expect((await callHook(`${site.url}/x1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    const made = await site.asApp('POST', '/__forge/graphql', { query: 'mutation { createWebTriggerUrl }', variables: { input: { triggerKey: 'echo-hook' }, forceCreate: true } });
    const doomed = (made.body as { data: { createWebTriggerUrl: { url: string } } }).data.createWebTriggerUrl.url;
    const id = /\/x1\/([^/]+)/.exec(doomed)?.[1];
    const deleted = await site.asApp('POST', '/__forge/graphql', { query: 'mutation forge_app_deleteWebTriggerUrl($id: ID!) { deleteWebTriggerUrl(id: $id) { success } }', variables: { id } });
    expect(deleted.body).toMatchObject({ data: { deleteWebTriggerUrl: { success: true } } });
    expect((await callHook(doomed)).status).toBe(404);

    const brokenMade = await site.asApp('POST', '/__forge/graphql', { query: 'mutation { createWebTriggerUrl }', variables: { input: { triggerKey: 'broken-hook' } } });
    const broken = (brokenMade.body as { data: { createWebTriggerUrl: { url: string } } }).data.createWebTriggerUrl.url;
    const answer = await callHook(broken, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(500);
    expect(answer.text).toMatch(/no valid response/);
  });

  it('refuses URLs for modules that are no web triggers, and the platform GraphQL to anyone but the app', async () => {
    const refused = await site.asApp('POST', '/__forge/graphql', { query: 'mutation { createWebTriggerUrl }', variables: { input: { triggerKey: 'hourly-tick' } } });
    expect(refused.body).toMatchObject({ data: null, errors: [{ message: expect.stringContaining('hourly-tick') as string }] });
    const outsider = await fetch(`${site.url}/__forge/graphql`, { method: 'POST', headers: { authorization: site.basic('admin@example.com') }, body: '{"query":"{}"}' });
    expect(outsider.status).toBe(401);
  });
});

describe('the app’s declared egress', () => {
  it('lets the app fetch a declared host (served here by its local stand-in)', async () => {
    const { echo } = await callHook(hookUrl, { method: 'POST', body: JSON.stringify({ fetch: 'https://gitlab.example.com/api/v4/projects/1' }) });
    expect(echo?.outcome?.status).toBe(200);
    expect(JSON.parse(echo?.outcome?.body ?? '{}')).toEqual({ served: 'gitlab stand-in', path: '/api/v4/projects/1' });
  });

  it('fails a fetch to an undeclared host as Forge does, naming the URL', async () => {
    for (const url of ['https://evil.example/steal', 'http://gitlab.example.com/api', `${gitlabOrigin}/direct`, 'https://github.example/api']) {
      const { echo } = await callHook(hookUrl, { method: 'POST', body: JSON.stringify({ fetch: url }) });
      expect({ url, error: echo?.outcome?.error }).toEqual({
        url,
        error: { name: 'REQUEST_EGRESS_ALLOWLIST_ERR', message: expect.stringContaining(`URL not included in the external fetch backend permissions: ${url}`) as string },
      });
    }
  });
});
