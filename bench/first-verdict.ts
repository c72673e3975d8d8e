// The panel's first verdict, taken apart: where the time between navigation and the verdict's first paint goes, read
// from the browser's own Navigation, Resource and Element Timing (so the test driver's polling is not in the figure),
// the site's Server-Timing (wall and CPU time of each request on the site), and Chromium's main-thread metrics.
import type { BrowserContext, Page } from 'playwright-core';
import { median } from './stats';

/** What the verdict line is, inside the panel's frame. */
const VERDICT_SELECTOR = '.stage-verdict .verdict-line';
const PANEL_PATH = '/__resources/panel/';

/**
 * Runs in every frame before its scripts: in the panel's frame, marks the verdict line for Element Timing the moment it
 * is inserted (before it is painted), so `renderTime` is when the user first sees it. The same for any build of the
 * panel, so figures of two builds compare.
 */
const MARK_VERDICT = `(() => {
  if (!location.pathname.startsWith(${JSON.stringify(PANEL_PATH)})) return;
  const mark = () => {
    const line = document.querySelector(${JSON.stringify(VERDICT_SELECTOR)});
    if (line === null || line.hasAttribute('elementtiming')) return false;
    line.setAttribute('elementtiming', 'first-verdict');
    return true;
  };
  const watcher = new MutationObserver(() => { if (mark()) watcher.disconnect(); });
  watcher.observe(document, { subtree: true, childList: true });
  window.__firstVerdict = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.identifier === 'first-verdict') resolve(entry.renderTime || entry.loadTime);
    }).observe({ type: 'element', buffered: true });
  });
})();`;

interface TimedRequest {
  readonly name: string;
  readonly initiatorType: string;
  readonly startTime: number;
  readonly responseEnd: number;
  readonly transferSize: number;
  readonly serverTiming: readonly { readonly name: string; readonly duration: number }[];
}
interface FrameTimings {
  readonly origin: number;
  readonly navigation: TimedRequest | undefined;
  readonly resources: readonly TimedRequest[];
  readonly firstVerdictAt: number | undefined;
}

/**
 * Read inside a frame: its navigation and resources, times relative to its own time origin (a FrameTimings), once the
 * verdict has been painted where the frame has one. A string, as the TypeScript runner's helpers do not exist in the
 * page (and a polled predicate would need eval, which Forge's CSP forbids).
 */
const READ_TIMINGS = `(async () => {
  const timed = (entry) => ({
    name: entry.name,
    initiatorType: entry.initiatorType,
    startTime: entry.startTime,
    responseEnd: entry.responseEnd,
    transferSize: entry.transferSize,
    serverTiming: entry.serverTiming.map((s) => ({ name: s.name, duration: s.duration })),
  });
  // The frame's own scripts may not have started yet when the driver first reaches it.
  while (window.__firstVerdict === undefined && location.pathname.startsWith(${JSON.stringify(PANEL_PATH)}) && document.readyState === 'loading') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const firstVerdictAt = await window.__firstVerdict;
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    origin: performance.timeOrigin,
    navigation: navigation === undefined ? undefined : timed(navigation),
    resources: performance.getEntriesByType('resource').map(timed),
    firstVerdictAt,
  };
})()`;

/** One load of the issue page, from its navigation start (ms). */
export interface VerdictLoad {
  /** Navigation start to the verdict line's first paint (Element Timing). */
  readonly verdictMs: number;
  /** As the test driver sees it: goto to the frame's timings in hand (CDP round trips included). */
  readonly driverMs: number;
  readonly phases: Phases;
  /** Requests one after another on the way to the verdict (page, frame, its files in waves, the app's calls). */
  readonly roundTrips: number;
  /** Bytes over the wire on the way: the page, the panel's frame and what the frame loaded before the verdict. */
  readonly bytes: number;
  /** The getGate request's Server-Timing: the site building the Forge context, the app's function, process CPU. */
  readonly invokeServer: { readonly contextMs: number; readonly appMs: number; readonly cpuMs: number };
  /** The panel frame's HTML request on the site: the view context, the CSP, process CPU. */
  readonly frameServer: { readonly contextMs: number; readonly cspMs: number; readonly cpuMs: number };
  /** Chromium's main thread (page and its frames, one process) from navigation to the verdict: busy, of which script. */
  readonly browserBusyMs: number;
  readonly browserScriptMs: number;
}

/** Where the time goes, in order; they add up to `verdictMs`. */
export interface Phases {
  /** Navigation start to the issue page's HTML received (the site renders the issue page). */
  readonly pageHtml: number;
  /** The page parsed up to the panel's iframe. */
  readonly toFrame: number;
  /** The panel frame's HTML (the site builds its context and CSP). */
  readonly frameHtml: number;
  /** The frame's scripts and styles (the host's bridge and tokens, the panel's JS and CSS). */
  readonly assets: number;
  /** Scripts evaluated, the app mounted, the bridge asked to invoke getGate. */
  readonly startup: number;
  /** The getGate round trip (the site's context and the app's function, see invokeServer). */
  readonly invoke: number;
  /** The answer parsed and rendered until the verdict is painted (and any call made before it). */
  readonly render: number;
}
export const PHASE_NAMES: readonly (keyof Phases)[] = ['pageHtml', 'toFrame', 'frameHtml', 'assets', 'startup', 'invoke', 'render'];

const serverPart = (request: TimedRequest | undefined, name: string): number =>
  request?.serverTiming.find((s) => s.name === name)?.duration ?? Number.NaN;

/** How many requests ran one after another: a request that starts after one of the previous wave ended starts a new wave. */
function waves(requests: readonly { readonly start: number; readonly end: number }[]): number {
  let count = 0;
  let firstEnd = Number.NEGATIVE_INFINITY;
  for (const request of [...requests].sort((a, b) => a.start - b.start)) {
    if (request.start >= firstEnd) {
      count++;
      firstEnd = request.end;
    } else firstEnd = Math.min(firstEnd, request.end);
  }
  return count;
}

type Metrics = readonly { readonly name: string; readonly value: number }[];

/** Chromium's main-thread busy and script time between two Performance.getMetrics readings (seconds there, ms here). */
function mainThreadMs(before: Metrics, after: Metrics): { busy: number; script: number } {
  const delta = (name: string): number =>
    ((after.find((m) => m.name === name)?.value ?? 0) - (before.find((m) => m.name === name)?.value ?? 0)) * 1000;
  return { busy: delta('TaskDuration'), script: delta('ScriptDuration') };
}

/** Installs the verdict mark in every frame of `context` (call once, before its pages open). */
export async function markFirstVerdict(context: BrowserContext): Promise<void> {
  await context.addInitScript(MARK_VERDICT);
}

/**
 * Opens /browse/<issueKey> in `page` (of a context with markFirstVerdict installed), waits for the verdict's first
 * paint and answers where the time went. The page is reused from load to load: each new tab of headless Chromium
 * (new headless mode is the whole browser) builds the browser's own WebUI pages (the omnibox popup...), whose work in
 * other renderer processes took 300 to 1,000 ms of CPU on 2 cores during each load and has nothing to do with the app.
 * Nothing polls the page while it loads: the driver waits for the frame's navigation event, then for the verdict's
 * paint inside it (a locator's visibility polling ran scripts and timers on the page's main thread: 20-70 ms a load).
 */
export async function loadOnce(page: Page, siteUrl: string, issueKey: string): Promise<VerdictLoad> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const before = (await cdp.send('Performance.getMetrics')).metrics;
    const panelFrame = page.waitForEvent('framenavigated', { predicate: (frame) => new URL(frame.url()).pathname.startsWith(PANEL_PATH) });
    const start = performance.now();
    await page.goto(`${siteUrl}/browse/${issueKey}`, { waitUntil: 'commit' });
    const frame = await panelFrame;
    const inFrame = await frame.evaluate<FrameTimings>(READ_TIMINGS);
    const driverMs = performance.now() - start;
    const main = mainThreadMs(before, (await cdp.send('Performance.getMetrics')).metrics);
    const onPage = await page.evaluate<FrameTimings>(READ_TIMINGS);
    return analyse(onPage, inFrame, driverMs, main);
  } finally {
    await cdp.detach();
  }
}

function analyse(onPage: FrameTimings, inFrame: FrameTimings, driverMs: number, main: { busy: number; script: number }): VerdictLoad {
  // Every time from the page's navigation start.
  const shift = inFrame.origin - onPage.origin;
  const at = (t: number): number => t + shift;
  const verdict = at(inFrame.firstVerdictAt ?? Number.NaN);
  const pageHtml = onPage.navigation?.responseEnd ?? Number.NaN;
  const frameStart = at(0);
  const frameHtmlEnd = at(inFrame.navigation?.responseEnd ?? Number.NaN);
  // The frame's own requests, and the calls the page makes for it: the page hosts the bridge of a cross-site frame and
  // runs its resolver calls and REST requests (as Jira's page does for Forge's frames). All in the page's time.
  const isCall = (r: TimedRequest): boolean => r.name.includes('/__bridge/invoke') || r.name.includes('/rest/');
  const inPageTime = (r: TimedRequest): TimedRequest => ({ ...r, startTime: at(r.startTime), responseEnd: at(r.responseEnd) });
  const pageCalls = onPage.resources.filter((r) => isCall(r) && r.startTime >= frameStart && r.responseEnd <= verdict);
  const beforeVerdict = [...inFrame.resources.map(inPageTime).filter((r) => r.responseEnd <= verdict), ...pageCalls].sort((a, b) => a.startTime - b.startTime);
  const calls = beforeVerdict.filter(isCall);
  const getGate = calls[0];
  const files = beforeVerdict.filter((r) => !calls.includes(r) && (getGate === undefined || r.startTime < getGate.startTime));
  const assetsEnd = Math.max(frameHtmlEnd, ...files.map((r) => r.responseEnd));
  const invokeStart = getGate?.startTime ?? Number.NaN;
  const invokeEnd = getGate?.responseEnd ?? Number.NaN;
  const phases: Phases = {
    pageHtml,
    toFrame: frameStart - pageHtml,
    frameHtml: frameHtmlEnd - frameStart,
    assets: assetsEnd - frameHtmlEnd,
    startup: invokeStart - assetsEnd,
    invoke: invokeEnd - invokeStart,
    render: verdict - invokeEnd,
  };
  const fileWaves = waves(files.map((r) => ({ start: r.startTime, end: r.responseEnd })));
  const callWaves = waves(calls.map((r) => ({ start: r.startTime, end: r.responseEnd })));
  const panelBytes = [inFrame.navigation, ...beforeVerdict].reduce((sum, r) => sum + (r?.transferSize ?? 0), 0);
  return {
    verdictMs: verdict,
    driverMs,
    phases,
    roundTrips: 2 + fileWaves + callWaves,
    bytes: (onPage.navigation?.transferSize ?? 0) + panelBytes,
    invokeServer: { contextMs: serverPart(getGate, 'context'), appMs: serverPart(getGate, 'app'), cpuMs: serverPart(getGate, 'cpu') },
    frameServer: {
      contextMs: serverPart(inFrame.navigation, 'context'),
      cspMs: serverPart(inFrame.navigation, 'csp'),
      cpuMs: serverPart(inFrame.navigation, 'cpu'),
    },
    browserBusyMs: main.busy,
    browserScriptMs: main.script,
  };
}

/** The median of each figure over several loads (medians of phases need not add up to the median total). */
export function medianLoad(loads: readonly VerdictLoad[]): VerdictLoad {
  const of = (pick: (load: VerdictLoad) => number): number => median(loads.map(pick));
  const phases = Object.fromEntries(PHASE_NAMES.map((name) => [name, of((l) => l.phases[name])])) as unknown as Phases;
  return {
    verdictMs: of((l) => l.verdictMs),
    driverMs: of((l) => l.driverMs),
    phases,
    roundTrips: of((l) => l.roundTrips),
    bytes: of((l) => l.bytes),
    invokeServer: { contextMs: of((l) => l.invokeServer.contextMs), appMs: of((l) => l.invokeServer.appMs), cpuMs: of((l) => l.invokeServer.cpuMs) },
    frameServer: { contextMs: of((l) => l.frameServer.contextMs), cspMs: of((l) => l.frameServer.cspMs), cpuMs: of((l) => l.frameServer.cpuMs) },
    browserBusyMs: of((l) => l.browserBusyMs),
    browserScriptMs: of((l) => l.browserScriptMs),
  };
}
