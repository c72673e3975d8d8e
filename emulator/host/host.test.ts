import type { RunningSite } from '../../test/support/site';
import { startSite } from '../../test/support/site';

// The Jira-like pages and the Custom UI host of a running site.
let site: RunningSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${site.url}${path}`, { headers, redirect: 'manual' });
const asCookie = (accountId: string) => ({ cookie: `site-user=${accountId}` });
const postJson = (path: string, accountId: string, body: unknown) =>
  fetch(`${site.url}${path}`, { method: 'POST', headers: { ...asCookie(accountId), 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('pages', () => {
  it('challenges a browser for HTTP Basic credentials when there are none, with the user chooser as the page', async () => {
    const page = await get('/browse/SKU-1');
    expect(page.status).toBe(401);
    expect(page.headers.get('www-authenticate')).toBe('Basic realm="Local Jira", charset="UTF-8"');
    const text = await page.text();
    expect(text).toContain('Sign in to the local Jira site');
    expect(text).toContain('pm@example.com');
    expect(text).toContain('value="/browse/SKU-1"');
  });

  it('shows the chooser at /login without a challenge, and signs in with Basic at /login/basic', async () => {
    const login = await get('/login?next=%2Fbrowse%2FSKU-2');
    expect(login.status).toBe(200);
    expect(login.headers.get('www-authenticate')).toBeNull();
    expect((await get('/login/basic?next=%2Fbrowse%2FSKU-2')).headers.get('www-authenticate')).toContain('Basic');
    expect((await get('/login/basic?next=%2Fbrowse%2FSKU-2', { authorization: site.basic('nobody@example.com') })).status).toBe(401);
    const signedIn = await get('/login/basic?next=%2Fbrowse%2FSKU-2', { authorization: site.basic('cee@example.com') });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/browse/SKU-2');
    expect(signedIn.headers.get('set-cookie')).toContain('site-user=acc-cee');
    const evil = await get('/login/basic?next=%2F%2Fevil.example', { authorization: site.basic('cee@example.com') });
    expect(evil.headers.get('location')).toBe('/');
  });

  it('signs out by dropping the session cookie', async () => {
    const out = await fetch(`${site.url}/__host/logout`, { method: 'POST', redirect: 'manual', headers: asCookie('acc-pm') });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('serves pages to Basic credentials and to the user cookie, with a strict CSP', async () => {
    const basic = await get('/', { authorization: site.basic('pm@example.com') });
    expect(basic.status).toBe(200);
    expect(basic.headers.get('set-cookie')).toContain('site-user=acc-pm');
    expect(basic.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await basic.text()).toContain('href="/browse/SKU-1"');
    expect((await get('/browse/SKU-1', asCookie('acc-pm'))).status).toBe(200);
  });

  it('switches the user with a cookie and redirects only within the site', async () => {
    const form = (next: string) =>
      fetch(`${site.url}/__host/session`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ accountId: 'acc-cee', next }).toString() });
    const local = await form('/browse/SKU-2');
    expect(local.status).toBe(303);
    expect(local.headers.get('location')).toBe('/browse/SKU-2');
    expect(local.headers.get('set-cookie')).toContain('site-user=acc-cee');
    expect((await form('//evil.example/')).headers.get('location')).toBe('/');
  });

  it('shows the issue with its transitions and the app panel, escaping its text', async () => {
    const created = await fetch(`${site.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { authorization: site.basic('pm@example.com'), 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'SKU' }, summary: '<script>alert(1)</script>', issuetype: { name: 'Task' } } }),
    });
    const { key } = (await created.json()) as { key: string };
    const page = await (await get(`/browse/${key}`, asCookie('acc-pm'))).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('data-transition-name="Start Review"');
    expect(page).toContain(`/__resources/panel/index.html?module=go-live-gate-panel&amp;issueKey=${key}`);
    // The issue context is collapsed, as in Jira: page.js creates its frame when the user opens it.
    expect(page).toMatch(new RegExp(`data-frame-src="http://localhost:\\d+/__resources/glance/index.html\\?module=go-live-gate-glance&amp;issueKey=${key}"`));
    expect(page).not.toContain('iframe class="forge-frame" title="Go-Live Gate status"');
    expect(page).not.toMatch(/<details class="app-panel issue-context"[^>]* open/);
  });

  it('answers 404 for an issue that does not exist', async () => {
    expect((await get('/browse/SKU-999', asCookie('acc-pm'))).status).toBe(404);
  });

  it("lists the notifications sent to the current user, as text", async () => {
    const sent = await fetch(`${site.url}/rest/api/3/issue/SKU-1/notify`, {
      method: 'POST',
      headers: { authorization: site.basic('pm@example.com'), 'content-type': 'application/json' },
      body: JSON.stringify({ subject: '<b>Please review SKU-1</b>', textBody: 'CEE is waiting', to: { groups: [{ name: 'golive-cee' }] } }),
    });
    expect(sent.status).toBeLessThan(300);
    const cee = await (await get('/notifications', asCookie('acc-cee'))).text();
    expect(cee).toContain('&lt;b&gt;Please review SKU-1&lt;/b&gt;');
    expect(await (await get('/notifications', asCookie('acc-sre-p'))).text()).not.toContain('Please review SKU-1');
  });

  it("shows the app's project pages to every user of the project", async () => {
    const page = await get('/projects/SKU/reviews', asCookie('acc-pm'));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/src="http:\/\/localhost:\d+\/__resources\/reviews\/index.html\?module=go-live-gate-reviews&amp;projectKey=SKU"/);
  });

  it('shows project settings to project admins only', async () => {
    expect((await get('/projects/SKU/settings', asCookie('acc-admin'))).status).toBe(200);
    const pm = await get('/projects/SKU/settings', asCookie('acc-pm'));
    expect(pm.status).toBe(403);
    expect(await pm.text()).not.toContain('/__resources/settings/');
  });
});

describe('the Custom UI host', () => {
  const frameOrigin = async (): Promise<string> => {
    const page = await (await get('/browse/SKU-2', asCookie('acc-pm'))).text();
    return new URL(/<iframe class="forge-frame" title="Go-Live Gate" src="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&') ?? 'http://missing.invalid').origin;
  };

  it("serves the app's frames from the Custom UI CDN: the other loopback name, another site than the page", async () => {
    const cdn = await frameOrigin();
    const sitePort = new URL(site.url).port;
    expect(new URL(cdn).hostname).toBe('localhost');
    expect(new URL(cdn).port).not.toBe(sitePort);
    const page = await get('/browse/SKU-2', asCookie('acc-pm'));
    expect(page.headers.get('content-security-policy')).toContain(`frame-src 'self' ${cdn};`);
    // A page on localhost gets its frames from 127.0.0.1: always the other site.
    const viaLocalhost = await fetch(`http://localhost:${sitePort}/browse/SKU-2`, { headers: asCookie('acc-pm') });
    expect(await viaLocalhost.text()).toContain(`src="http://127.0.0.1:${new URL(cdn).port}/__resources/panel/index.html?`);
    // The old same-origin path goes to the CDN.
    const moved = await get('/__resources/panel/index.html?module=go-live-gate-panel&issueKey=SKU-2');
    expect(moved.status).toBe(307);
    expect(moved.headers.get('location')).toBe(`${cdn}/__resources/panel/index.html?module=go-live-gate-panel&issueKey=SKU-2`);
  });

  it('serves a frame to nobody in particular: the bridge first, the page origin it talks to, a CSP letting only that page embed it', async () => {
    const cdn = await frameOrigin();
    const response = await fetch(`${cdn}/__resources/panel/index.html?module=go-live-gate-panel&issueKey=SKU-2`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(/frame-ancestors ([^;]*)/.exec(policy)?.[1]?.split(' ')).toEqual(expect.arrayContaining(["'self'", site.url]));
    const page = await response.text();
    const bridge = page.indexOf('<script src="/__host/bridge.js">');
    expect(bridge).toBeGreaterThan(-1);
    expect(bridge).toBeLessThan(page.indexOf('<script type="module"'));
    expect(JSON.parse(/<script type="application\/json" id="forge-host">(.*?)<\/script>/.exec(page)?.[1] ?? '{}')).toEqual({ hostOrigin: site.url });
    expect(page).not.toContain('acc-');
    expect((await fetch(`${cdn}/__host/bridge.js`)).status).toBe(200);
    expect((await fetch(`${cdn}/__host/page.js`)).status).toBe(404);
    expect((await fetch(`${cdn}/browse/SKU-2`, { headers: asCookie('acc-pm') })).status).toBe(404);
    expect((await fetch(`${cdn}/__bridge/invoke`, { method: 'POST', headers: asCookie('acc-pm'), body: '{}' })).status).toBe(405);
  });

  it("gives the page each frame's viewing context, for the page's user only", async () => {
    const query = 'module=go-live-gate-panel&issueKey=SKU-2';
    expect((await get(`/__host/frame-context?${query}`)).status).toBe(401);
    expect((await get('/__host/frame-context?issueKey=SKU-2', asCookie('acc-pm'))).status).toBe(400);
    expect((await get('/__host/frame-context?module=go-live-gate-panel&issueKey=SKU-99999', asCookie('acc-pm'))).status).toBe(404);
    const response = await get(`/__host/frame-context?${query}`, { cookie: 'site-user=acc-sre-p; site-theme=dark' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accountId: 'acc-sre-p',
      moduleKey: 'go-live-gate-panel',
      extension: { type: 'jira:issuePanel', issue: { key: 'SKU-2' }, project: { key: 'SKU' } },
      theme: { colorMode: 'dark' },
      siteUrl: site.url,
    });
    // The site as the user reached it: links in the frame keep their session.
    const port = new URL(site.url).port;
    const viaLocalhost = await fetch(`http://localhost:${port}/__host/frame-context?${query}`, { headers: asCookie('acc-pm') });
    expect(await viaLocalhost.json()).toMatchObject({ siteUrl: `http://localhost:${port}` });
  });

  it('gives a workflow validator configuration its saved configuration', async () => {
    const response = await get('/__host/frame-context?module=go-live-gate-validator&projectKey=SKU&entryPoint=edit&transitionId=31&index=0', asCookie('acc-admin'));
    expect(await response.json()).toMatchObject({ extension: { type: 'jira:workflowValidator', entryPoint: 'edit', validatorConfig: { stage: 'go-live' } } });
  });

  it('serves no file outside the resource build', async () => {
    const cdn = await frameOrigin();
    expect((await fetch(`${cdn}/__resources/panel/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${cdn}/__resources/no-such-resource/index.html`)).status).toBe(404);
    expect((await fetch(`${cdn}/__resources/panel/index.html?issueKey=SKU-1`)).status).toBe(400);
  });

  it("runs the bridge's invoke as the page user", async () => {
    const answer = await postJson('/__bridge/invoke', 'acc-pm', { moduleKey: 'go-live-gate-panel', functionKey: 'getGate', payload: {}, context: { issueKey: 'SKU-1' } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ result: { ok: true, data: { me: { accountId: 'acc-pm' } } } });
    // What the site spent on it, for the browser's Resource Timing (the bench's phases).
    expect(answer.headers.get('server-timing')).toMatch(/^context;dur=[\d.]+, app;dur=[\d.]+, cpu;dur=[\d.]+$/);
  });

  it('lets a project admin add, edit and remove a validator, and nobody else', async () => {
    const change = { projectKey: 'SKU', transitionId: '11', moduleKey: 'go-live-gate-validator', configuration: '{"stage":"promote-to-prod"}' };
    expect((await postJson('/__host/workflow/validators', 'acc-pm', change)).status).toBe(403);
    expect((await postJson('/__host/workflow/validators', 'acc-admin', { ...change, moduleKey: 'go-live-gate-panel' })).status).toBe(400);
    expect((await postJson('/__host/workflow/validators', 'acc-admin', change)).status).toBe(204);
    const workflow = () => get('/projects/SKU/workflow', asCookie('acc-admin')).then((r) => r.text());
    // The rule shows through the app's own view screen (which names the stage), never as raw configuration.
    expect(await workflow()).toContain('/__resources/validator-config/index.html?module=go-live-gate-validator&amp;projectKey=SKU&amp;entryPoint=view&amp;transitionId=11&amp;index=0');
    expect(await workflow()).not.toContain('&quot;stage&quot;');
    expect((await postJson('/__host/workflow/validators', 'acc-admin', { ...change, index: 0, configuration: '{"stage":"go-live"}' })).status).toBe(204);
    expect((await postJson('/__host/workflow/validators', 'acc-admin', { projectKey: 'SKU', transitionId: '11', index: 0, configuration: null })).status).toBe(204);
    const rows = (await workflow()).split('<tr>');
    expect(rows.find((row) => row.includes('Start Review'))).toContain('None');
  });
});
