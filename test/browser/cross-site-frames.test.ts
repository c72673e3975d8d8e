import type { Frame, Page, Request } from 'playwright-core';
import { openPanelAs, useSiteAndBrowser } from './support/browser';

// The app's Custom UI frames come from another site than the page, as Forge serves them from its CDN beside Jira: the
// browser isolates them from the page, and the bridge between the two is postMessage, checked on both ends.
const env = useSiteAndBrowser();

const panelFrameOf = (page: Page): Frame => {
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname.startsWith('/__resources/panel/'));
  if (!frame) throw new Error('The issue page has no panel frame');
  return frame;
};

/** A bridge message asking the page to show a flag titled `title`; `marker` lets the test see it arrive. */
const flagMessage = (title: string) => ({ source: 'forge-host', type: 'showFlag', data: { id: title, title, type: 'info', isAutoDismiss: false }, marker: title });

/** A window of the CDN's origin the page did not make: a frame the app's frame creates inside itself, loaded. */
async function nestedFrameIn(page: Page, panel: Frame, url: string): Promise<Frame> {
  const loaded = page.waitForEvent('framenavigated', { predicate: (candidate) => candidate.url() === url });
  await panel.evaluate((src) => {
    const nested = document.createElement('iframe');
    nested.src = src;
    document.body.append(nested);
  }, url);
  const nested = await loaded;
  await nested.waitForLoadState('load');
  return nested;
}

/**
 * Records, on the page, the markers of the messages it receives: the listener comes after the page's own bridge
 * router, so once a marker is recorded the router has already handled (or ignored) that message.
 */
async function recordArrivals(page: Page): Promise<(marker: string) => Promise<void>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __arrived: string[] }).__arrived = seen;
    window.addEventListener('message', (event) => {
      const marker = (event.data as { marker?: unknown } | null)?.marker;
      if (typeof marker === 'string') seen.push(marker);
    });
  });
  return async (marker) => {
    await page.waitForFunction((expected) => (window as unknown as { __arrived: string[] }).__arrived.includes(expected), marker);
  };
}

test('the panel comes from another site than the page: the browser says cross-site and the frame cannot reach the page', async () => {
  const { page } = await openPanelAs(env.browser, 'acc-pm', 'SKU-1');
  const documents: Request[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && new URL(request.url()).pathname.startsWith('/__resources/panel/')) documents.push(request);
  });
  await page.reload();
  await page.frameLocator('iframe[title="Go-Live Gate"]').getByRole('table', { name: 'Teams and stages' }).waitFor();
  const [frameRequest] = documents;
  if (!frameRequest) throw new Error('The panel frame was not requested');
  const headers = await frameRequest.allHeaders();
  // The browser's own judgement: cross-site (not merely cross-origin), so no cookie of the site goes with it.
  expect(headers['sec-fetch-site']).toBe('cross-site');
  expect(headers['cookie']).toBeUndefined();
  const frame = panelFrameOf(page);
  expect(new URL(frame.url()).hostname).toBe('localhost');
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  const reach = await frame.evaluate(() => {
    let parentDom = 'readable';
    try {
      parentDom = window.parent.document.title;
    } catch {
      parentDom = 'blocked';
    }
    return { parentDom, cookie: document.cookie };
  });
  expect(reach).toEqual({ parentDom: 'blocked', cookie: '' });
  await page.close();
});

test("the page takes a bridge message only from a frame it made, from that frame's own origin", async () => {
  const { page } = await openPanelAs(env.browser, 'acc-pm', 'SKU-1');
  const arrived = await recordArrivals(page);
  const flags = page.locator('#flags .flag');
  const panel = panelFrameOf(page);
  const cdn = new URL(panel.url()).origin;

  // A window of the CDN's origin that the page did not make (a frame inside the app's frame) is ignored.
  const nested = await nestedFrameIn(page, panel, `${cdn}/__host/tokens.css`);
  await nested.evaluate((message) => window.parent.parent.postMessage(message, '*'), flagMessage('From a nested frame'));
  await arrived('From a nested frame');
  expect(await flags.count()).toBe(0);

  // The same message from the app's frame itself is taken: the test could fail.
  await panel.evaluate((message) => window.parent.postMessage(message, '*'), flagMessage('From the panel'));
  await flags.filter({ hasText: 'From the panel' }).waitFor();
  await flags.getByRole('button', { name: 'Dismiss' }).click();
  expect(await flags.count()).toBe(0);

  // The app's frame navigated to another origin (here the page's own) is no longer the app: its messages are ignored.
  const siteFile = `${new URL(page.url()).origin}/__host/tokens.css`;
  const moved = page.waitForEvent('framenavigated', { predicate: (candidate) => candidate.url() === siteFile });
  await panel.evaluate((url) => window.location.assign(url), siteFile);
  const movedFrame = await moved;
  await movedFrame.waitForLoadState('load');
  await movedFrame.evaluate((message) => window.parent.postMessage(message, '*'), flagMessage('From the site origin'));
  await arrived('From the site origin');
  expect(await flags.count()).toBe(0);
  await page.close();
});

test('the frame takes a message only from its page: a configure request from another window of its origin gets no answer', async () => {
  const { page } = await openPanelAs(env.browser, 'acc-pm', 'SKU-1');
  const arrivedOnPage = await recordArrivals(page);
  const panel = panelFrameOf(page);
  const cdn = new URL(panel.url()).origin;
  // What the panel's bridge posts to the page in answer to `configure` (the panel registers no onConfigure callback,
  // so the bridge answers at once that it has none).
  await page.evaluate(() => {
    const answers: number[] = [];
    (window as unknown as { __configured: number[] }).__configured = answers;
    window.addEventListener('message', (event) => {
      const data = event.data as { type?: unknown; data?: { requestId?: unknown } } | null;
      if (data?.type === 'configured' && typeof data.data?.requestId === 'number') answers.push(data.data.requestId);
    });
  });
  await panel.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __arrived: string[] }).__arrived = seen;
    window.addEventListener('message', (event) => {
      const marker = (event.data as { marker?: unknown } | null)?.marker;
      if (typeof marker === 'string') seen.push(marker);
    });
  });
  const configure = (requestId: number) => ({ source: 'forge-host-parent', type: 'configure', requestId, marker: `configure ${requestId}` });

  // From a window of the frame's own origin that is not its page (a frame inside it): ignored.
  const nested = await nestedFrameIn(page, panel, `${cdn}/__host/tokens.css`);
  await nested.evaluate((message) => window.parent.postMessage(message, '*'), configure(77));
  await panel.waitForFunction(() => (window as unknown as { __arrived: string[] }).__arrived.includes('configure 77'));
  // Messages from one window to another arrive in order: once this one is on the page, an answer to 77 would be too.
  await panel.evaluate(() => window.parent.postMessage({ marker: 'after 77' }, '*'));
  await arrivedOnPage('after 77');
  expect(await page.evaluate(() => (window as unknown as { __configured: number[] }).__configured)).toEqual([]);

  // From its page: answered (the test could fail).
  await page.evaluate(([origin, message]) => document.querySelector<HTMLIFrameElement>('iframe[title="Go-Live Gate"]')?.contentWindow?.postMessage(message, origin), [cdn, configure(78)] as const);
  await page.waitForFunction(() => (window as unknown as { __configured: number[] }).__configured.includes(78));
  expect(await page.evaluate(() => (window as unknown as { __configured: number[] }).__configured)).toEqual([78]);
  await page.close();
});

test('links to Jira pages inside a frame point at the site, not at the CDN the frame comes from', async () => {
  const { page } = await openPanelAs(env.browser, 'acc-pm', 'SKU-1');
  await page.getByRole('link', { name: 'Reviews' }).click();
  const reviews = page.frameLocator('iframe[title="Go-Live Gate reviews"]');
  const siteOrigin = new URL(page.url()).origin;
  // A middle click or "Open link in new tab" uses the address itself: it must be the site's page of the ticket.
  const link = reviews.locator(`a[href^="${siteOrigin}/browse/"]`).first();
  await link.waitFor();
  await reviews.locator('a[href^="/browse/"]').first().waitFor({ state: 'detached' });
  const href = (await link.getAttribute('href')) ?? '';
  const ticket = await page.context().newPage();
  const answer = await ticket.goto(href);
  expect(answer?.status()).toBe(200);
  await ticket.close();
  await page.close();
});
