import { createHash } from 'node:crypto';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';

// The local site serves each Custom UI resource with the Content-Security-Policy Forge builds with @forge/csp for
// production, not a policy of its own: what the browser tests run under is what users of the deployed app get.
let site: RunningSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.stop());

const directives = (policy: string | null): Map<string, string[]> =>
  new Map((policy ?? '').split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));

test("a resource page carries Forge's production policy: its CDN, sandbox and report URI, the site as host", async () => {
  const response = await fetch(`${site.url}/__resources/panel/index.html?module=go-live-gate-panel&issueKey=SKU-1`, { headers: { cookie: 'site-user=acc-pm' } });
  expect(response.status).toBe(200);
  const policy = directives(response.headers.get('content-security-policy'));
  expect(policy.get('script-src')?.slice(0, 2)).toEqual(["'self'", 'https://forge.cdn.prod.atlassian-dev.net']);
  expect(policy.get('connect-src')).toEqual(expect.arrayContaining(["'self'", site.url]));
  expect(policy.get('frame-ancestors')).toEqual(expect.arrayContaining(["'self'", '*.atlassian.net']));
  expect(policy.get('sandbox')).toEqual(expect.arrayContaining(['allow-scripts', 'allow-same-origin']));
  expect(policy.get('report-uri')).toEqual(['https://web-security-reports.services.atlassian.com/csp-report/forge-cdn']);
  expect(policy.get('style-src')).not.toContain("'unsafe-inline'");
});

test('the policy allows exactly the inline scripts the served page holds, by their hashes', async () => {
  const response = await fetch(`${site.url}/__resources/panel/index.html?module=go-live-gate-panel&issueKey=SKU-1`, { headers: { cookie: 'site-user=acc-pm' } });
  const page = await response.text();
  const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => `'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`);
  expect(inline.length).toBeGreaterThan(0);
  const scriptSrc = directives(response.headers.get('content-security-policy')).get('script-src') ?? [];
  expect(scriptSrc.filter((source) => source.startsWith("'sha256-")).sort()).toEqual(inline.sort());
});
