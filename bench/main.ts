// `npm run bench`: what each Go-Live Gate action costs on the local site, how it grows, and what the browser loads.
// Starts the built site (emulator/dist/main.cjs) on a free loopback port with SITE_DB=:memory:, seeds what each part
// needs through the site's own REST and /forge/invoke, and prints one table. Exits non-zero only when something crashes.
import { cpus } from 'node:os';
import type { GateConfig } from '../src/gate/config';
import type { ActionResult } from './actions';
import type { BundleFigures } from './bundle';
import { benchBundle, BUNDLE_GOAL } from './bundle';
import { benchActions } from './actions';
import type { Cost, FloorCheck } from './counts';
import { breakdown, checkFloor, SEARCH_POST, total, VALIDATOR_PURPOSE } from './counts';
import type { PanelLoad, ResourceSize } from './front-end';
import { panelLoad, resourceSizes } from './front-end';
import { renderVerdictLoad } from './format-first-verdict';
import type { Row } from './format';
import { count, kb, ms, NOT_AVAILABLE, ratio, renderTable } from './format';
import type { RefreshPoint } from './refresh';
import { benchRefresh, OUTDATED_EVERY } from './refresh';
import type { ReviewsPoint, ReviewsResult } from './reviews';
import { benchReviews } from './reviews';
import { DEMO, SiteClient } from '../test/support/site-client';
import type { TeamsPoint } from './teams';
import { benchTeams } from './teams';
import type { ThroughputPoint } from './throughput';
import { benchThroughput } from './throughput';
import { startSite } from '../test/support/site';
import { median } from './stats';
import { benchV2Records, renderV2Records } from './v2-records';

/** Repetitions per timed action; BENCH_REPS (1 to 200) changes it for a quick look. */
const REPETITIONS = repetitionsFromEnv();
/** The bench's parts, by the names BENCH_ONLY takes. */
const PARTS = ['reviews', 'refresh', 'actions', 'throughput', 'sizes', 'panel', 'teams', 'bundle', 'v2-records'] as const;
type PartName = (typeof PARTS)[number];
/** BENCH_ONLY=panel,sizes runs only those parts (the first verdict and the resource sizes, say); unset, all of them. */
const ONLY = partsFromEnv();
const REVIEW_SIZES = [100, 1_000, 5_000] as const;
/** Fewer repetitions for the bigger pages (a 5,000-ticket page takes seconds): 30, 10 and 5 by default. */
const reviewRepetitions = (size: number): number => (size <= 100 ? REPETITIONS : Math.min(REPETITIONS, size <= 1_000 ? 10 : 5));
/** Gated tickets the hourly refresh sweeps (on KEP), and the other gated projects it searches once each (SKU). */
const REFRESH_SIZES = [1_000, 5_000] as const;
const REFRESH_OTHER_PROJECTS = 1;
const TEAM_SIZES = [13, 50, 200] as const;
/** Rounds that interleave the team sizes; each round times every size REPETITIONS / ROUNDS times. */
const TEAM_ROUNDS = 3;
const APPROVER_LEVELS = [1, 4, 16] as const;
const DECISIONS_PER_RUN = 32;
const THROUGHPUT_RUNS = 3;
const PANEL_LOADS = 7;
/** Fresh Node processes timed for the bundle's cold start (each paired with an empty one). */
const COLD_START_PROCESSES = 15;
/** Issue 14's budgets: the panel's JS, every resource's (JS and CSS apart), and the panel's first verdict. */
const PANEL_JS_BUDGET = 80 * 1024;
const RESOURCE_BUDGET = 120 * 1024;
const FIRST_VERDICT_BUDGET_MS = 400;
/** The demo ticket the browser opens: half of the go-live teams agreed (emulator/runtime/demo-app-seed.ts). */
const BROWSER_TICKET = { issueKey: 'SKU-2', accountId: 'acc-sre-p' };

function repetitionsFromEnv(): number {
  const raw = process.env['BENCH_REPS'];
  if (raw === undefined) return 30;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 200) throw new Error(`BENCH_REPS must be an integer from 1 to 200, got '${raw}'`);
  return value;
}

function partsFromEnv(): ReadonlySet<PartName> | undefined {
  const raw = process.env['BENCH_ONLY'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names parts that do not exist: ${unknown.join(', ')} (the parts: ${PARTS.join(', ')})`);
  return new Set(names as PartName[]);
}

const runs = (name: PartName): boolean => ONLY === undefined || ONLY.has(name);

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly skipped?: true };

const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

/**
 * Runs one part (unless BENCH_ONLY leaves it out); a failure is reported in its place in the table (and makes the exit
 * code 1) without losing the rest.
 */
async function part<T>(key: PartName, name: string, work: () => Promise<T>): Promise<Outcome<T>> {
  if (!runs(key)) return { ok: false, error: `not run (BENCH_ONLY=${[...(ONLY ?? [])].join(',')})`, skipped: true };
  progress(`${name}...`);
  const start = Date.now();
  try {
    const value = await work();
    progress(`${name} done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`${name} FAILED: ${message}`);
    return { ok: false, error: message };
  }
}

const failed = (outcome: Outcome<unknown>): string => (outcome.ok ? '' : outcome.skipped ? outcome.error : `FAILED: ${outcome.error}`);
const invokes = (cost: Cost): number => total(cost.invokes);
const verdict = (checks: readonly FloorCheck[]): string =>
  checks.map((c) => `${c.label} ${c.value} (floor ${c.floor})`).join(', ') + (checks.every((c) => c.meets) ? ': met' : ': ABOVE');
/** Above linear by less than this is within the noise of a shared machine, and said so. */
const NOISE = 0.15;
const growth = (timeRatio: number, sizeRatio: number, what: string): string => {
  const shape = timeRatio <= sizeRatio ? 'linear or better' : timeRatio <= sizeRatio * (1 + NOISE) ? `linear within ${NOISE * 100} % (noise)` : 'WORSE than linear';
  return `${ratio(timeRatio)} time for ${ratio(sizeRatio)} ${what}: ${shape}`;
};

interface Report {
  readonly actions: Outcome<ActionResult[]>;
  readonly reviews: Outcome<ReviewsResult>;
  readonly teams: Outcome<TeamsPoint[]>;
  readonly throughput: Outcome<ThroughputPoint[]>;
  readonly sizes: Outcome<ResourceSize[]>;
  readonly panel: Outcome<PanelLoad>;
  readonly bundle: Outcome<BundleFigures>;
  readonly refresh: Outcome<RefreshPoint[]>;
}

/** Forge KVS answers a query at most 100 results a page (docs/forge-kvs-local.md). */
const KVS_PAGE = 100;

/**
 * Validating a transition needs the issue with its records (1 Jira request), the configuration and the record heads
 * (2 KVS; the heads take one more query page per 100 records), and, for a stage that would pass, each approver's groups
 * (1 Jira request per approver, re-checked).
 */
const validatorFloors = (cost: Cost, approvers = 0, linked = 0, records = 0): FloorCheck[] => {
  const pages = Math.max(1, Math.ceil(records / KVS_PAGE));
  const kvs = 1 + pages + linked;
  const kvsText = kvs === 2 ? '≤ 2' : `≤ ${kvs} = 1 + ${pages} ${pages === 1 ? 'page' : 'pages'} of heads${pages > 1 ? ` (${records} records, ${KVS_PAGE} a page)` : ''}${linked > 0 ? ` + ${linked} linked` : ''}`;
  return [
    checkFloor('Jira', cost.jira, 1 + approvers + linked, approvers + linked === 0 ? '1' : `${1 + approvers + linked} = 1${approvers > 0 ? ` + ${approvers} approvers` : ''}${linked > 0 ? ` + ${linked} linked` : ''}`, VALIDATOR_PURPOSE),
    checkFloor('KVS', cost.kvs, kvs, kvsText, VALIDATOR_PURPOSE),
  ];
};

function actionFloors(result: ActionResult): FloorCheck[] {
  if (result.floor === 'validator') return validatorFloors(result.cost, result.approvers, result.linkedTickets);
  if (result.floor === 'panel') return [checkFloor('invokes', result.cost.invokes, 1, '1')];
  return [];
}

function reviewsFloor(tickets: number, cost: Cost): FloorCheck {
  const floor = Math.ceil(tickets / 100);
  return checkFloor('searches', { [SEARCH_POST]: cost.jira[SEARCH_POST] ?? 0 }, floor, `${floor} = ceil(${count(tickets)}/100)`);
}

function renderActions(report: Report): string[] {
  const rows: Row[] = [];
  const notes: string[] = [];
  const describe = (name: string, cost: Cost, checks: FloorCheck[]): void => {
    notes.push(`  ${name}: Jira ${breakdown(cost.jira)}; KVS ${breakdown(cost.kvs)}`);
    for (const check of checks) if (check.reason) notes.push(`    above the floor: ${check.reason}`);
  };
  if (report.actions.ok) {
    for (const action of report.actions.value) {
      const checks = actionFloors(action);
      rows.push([action.name, String(total(action.cost.jira)), String(total(action.cost.kvs)), String(invokes(action.cost)), ms(action.timing.medianMs), ms(action.timing.p95Ms), checks.length ? verdict(checks) : 'no floor set']);
      describe(action.name, action.cost, checks);
    }
  } else rows.push(['panel, decide, numbers, validate', '', '', '', '', '', failed(report.actions)]);

  const reviews = report.reviews;
  const first = reviews.ok && reviews.value.available ? reviews.value.points[0] : undefined;
  const name = `open the reviews page (${count(REVIEW_SIZES[0])} tickets)`;
  if (first) {
    const check = reviewsFloor(first.read, first.cost);
    rows.push([name, String(total(first.cost.jira)), String(total(first.cost.kvs)), String(invokes(first.cost)), ms(first.timing.medianMs), ms(first.timing.p95Ms), verdict([check])]);
    describe(name, first.cost, [check]);
  } else {
    rows.push([name, NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE, reviews.ok ? 'n/a (not built)' : failed(reviews)]);
    if (reviews.ok && !reviews.value.available) notes.push(`  ${name}: n/a (not built): ${reviews.value.why}`);
  }

  return [
    `Actions (${REPETITIONS} repetitions each through the site's HTTP API; requests counted by the site for one run)`,
    renderTable(['action', 'Jira', 'KVS', 'invokes', 'median', 'p95', 'floor'], rows, [1, 2, 3, 4, 5]),
    'Requests per action (the app\'s own; the bench\'s REST call and the local host\'s context lookup are left out):',
    ...notes,
  ];
}

/** The reviews page's Jira requests other than searches, and whether they stay the same at every size (none per ticket). */
function otherThanSearches(points: readonly ReviewsPoint[]): string {
  const others = points.map((point) => Object.fromEntries(Object.entries(point.cost.jira).filter(([kind]) => kind !== SEARCH_POST)));
  const first = others[0] ?? {};
  const same = others.every((other) => breakdown(other) === breakdown(first));
  return `Jira ${breakdown(first)}; KVS ${breakdown(points[0]?.cost.kvs ?? {})}; ${same ? 'the same at every size, so none per ticket' : `NOT the same at every size: ${others.map(breakdown).join(' / ')}`}`;
}

function renderGrowth(report: Report): string[] {
  const rows: Row[] = [];
  const notes: string[] = [];
  if (report.teams.ok) {
    const base = report.teams.value[0];
    for (const point of report.teams.value) {
      const checks = validatorFloors(point.cost, 0, 0, point.records);
      const vsBase = base && point !== base ? `${growth(median(point.roundRatios), point.teams / base.teams, `teams (vs ${base.teams})`)}; median of ${TEAM_ROUNDS} rounds` : '';
      rows.push([`validate, ${point.teams} teams`, ms(point.timing.medianMs), ms(point.timing.p95Ms), verdict(checks), vsBase]);
      for (const check of checks) if (check.reason) notes.push(`  validate, ${point.teams} teams, above the floor: ${check.reason}`);
    }
  } else rows.push(['validate, 13/50/200 teams', '', '', failed(report.teams), '']);

  const reviews = report.reviews;
  if (reviews.ok && reviews.value.available) {
    let previous: ReviewsPoint | undefined;
    const shares: string[] = [];
    for (const point of reviews.value.points) {
      const check = reviewsFloor(point.read, point.cost);
      const vsPrevious = previous ? growth(point.timing.medianMs / previous.timing.medianMs, point.tickets / previous.tickets, `tickets (vs ${count(previous.tickets)})`) : '';
      rows.push([`reviews page, ${count(point.tickets)} tickets`, ms(point.timing.medianMs), ms(point.timing.p95Ms), verdict([check]), vsPrevious]);
      if (check.reason) notes.push(`  reviews page, ${count(point.tickets)} tickets, above the floor: ${check.reason}`);
      const searchMs = point.searchOnly.medianMs;
      const share = `the same ${count(Math.ceil(point.read / 100))} search page(s) sent straight to the site: ${ms(searchMs)}; the rest (app, invoke): ${ms(Math.max(0, point.timing.medianMs - searchMs))}`;
      const vs = previous
        ? ` (${ratio(searchMs / previous.searchOnly.medianMs)} and ${ratio((point.timing.medianMs - searchMs) / (previous.timing.medianMs - previous.searchOnly.medianMs))} vs ${count(previous.tickets)})`
        : '';
      shares.push(`  reviews page, ${count(point.tickets)} tickets: ${share}${vs}`);
      previous = point;
    }
    notes.push(`  reviews page, requests besides the searches: ${otherThanSearches(reviews.value.points)}`, ...shares);
    for (const point of reviews.value.points) {
      const check = reviewsFloor(point.read, point.gadget);
      notes.push(`  dashboard gadget (one project), ${count(point.tickets)} tickets: Jira ${breakdown(point.gadget.jira)}; KVS ${breakdown(point.gadget.kvs)}; ${verdict([check])}`);
    }
  } else for (const size of REVIEW_SIZES) rows.push([`reviews page, ${count(size)} tickets`, NOT_AVAILABLE, NOT_AVAILABLE, reviews.ok ? 'n/a (not built)' : failed(reviews), '']);

  if (report.throughput.ok) {
    const single = report.throughput.value[0];
    for (const point of report.throughput.value) {
      const perRun = point.runs.map((rate, run) => rate / (single?.runs[run] ?? Number.NaN));
      const vsSingle = single && point !== single ? `${ratio(median(perRun))} the rate of 1 approver (median of per-run ratios)` : '';
      rows.push([`decisions/s, ${point.approvers} approver${point.approvers === 1 ? '' : 's'}`, `${point.perSecond.toFixed(1)}/s`, '', `${DECISIONS_PER_RUN} decisions, each approver on its own ticket; median of ${THROUGHPUT_RUNS} runs`, vsSingle]);
    }
  } else rows.push(['decisions/s, 1/4/16 approvers', '', '', failed(report.throughput), '']);

  return [
    `Growth (ratios, which stay meaningful on a noisy machine: validate interleaves the sizes in ${TEAM_ROUNDS} rounds, median of per-round ratios;`,
    '        the reviews page only grows, ratio of medians; decisions/s: median of per-run ratios)',
    renderTable(['measure', 'median', 'p95', 'requests vs floor', 'ratio'], rows, [1, 2]),
    ...notes,
  ];
}

const PROPERTY_PUT = 'jira:PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';

function renderRefresh(refresh: Outcome<RefreshPoint[]>): string[] {
  const title = `Hourly refresh (scheduled trigger; KEP's tickets, one in ${OUTDATED_EVERY} with a summary gone out of date; one run each, so times are rough)`;
  if (!refresh.ok) return [title, failed(refresh)];
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const point of refresh.value) {
    const runs = [
      { name: `sweep, ${count(point.tickets)} tickets`, run: point.sweep, searchFloor: Math.ceil(point.tickets / 100) + point.otherProjects, writes: point.outdated },
      { name: `next hour, ${count(point.tickets)} tickets`, run: point.hourly, searchFloor: 1 + point.otherProjects, writes: 0 },
    ];
    for (const { name, run, searchFloor, writes } of runs) {
      const searches = checkFloor('searches', { [SEARCH_POST]: run.cost.jira[SEARCH_POST] ?? 0 }, searchFloor, `${searchFloor} = one per 100 tickets + one per other project`);
      const written = run.cost.jira[PROPERTY_PUT] ?? 0;
      const writeCheck = `summaries written ${written} (changed ${writes}): ${written === writes ? 'only the changed' : 'MORE than the changed'}`;
      rows.push([name, String(total(run.cost.jira)), String(total(run.cost.kvs)), ms(run.ms), `${verdict([searches])}; ${writeCheck}`]);
      notes.push(`  ${name}: Jira ${breakdown(run.cost.jira)}; KVS ${breakdown(run.cost.kvs)}`);
    }
  }
  return [title, renderTable(['run', 'Jira', 'KVS', 'time', 'searches vs floor; writes'], rows, [1, 2, 3]), ...notes];
}

function renderFrontEnd(report: Report): string[] {
  const rows: Row[] = [];
  if (report.sizes.ok) {
    for (const size of report.sizes.value) {
      const jsBudget = size.resource === 'panel' ? PANEL_JS_BUDGET : RESOURCE_BUDGET;
      const within = size.js !== undefined && size.css !== undefined && size.js <= jsBudget && size.css <= RESOURCE_BUDGET;
      const budget = size.js === undefined ? '' : `budget JS ${kb(jsBudget)}, CSS ${kb(RESOURCE_BUDGET)}: ${within ? 'met' : 'OVER'}`;
      rows.push([`static/${size.resource}`, size.js === undefined ? 'n/a (not built)' : kb(size.js), size.css === undefined ? 'n/a (not built)' : kb(size.css), budget]);
    }
  } else rows.push(['static/*', '', '', failed(report.sizes)]);
  const panel = report.panel;
  const load = !panel.ok
    ? failed(panel)
    : panel.value.available
      ? `${ms(panel.value.median.verdictMs)} median of ${panel.value.loads} loads after a cold one (${ms(panel.value.first.verdictMs)}); budget ${ms(FIRST_VERDICT_BUDGET_MS)}: ${panel.value.median.verdictMs <= FIRST_VERDICT_BUDGET_MS ? 'met' : 'OVER'}; load average ${loadAverage(panel.value.loadBefore)} before, ${loadAverage(panel.value.loadAfter)} after (1, 5, 15 min; ${cpus().length} CPUs)`
      : `n/a (${panel.value.why})`;
  return [
    'Front end (gzipped, level 9)',
    renderTable(['resource', 'JS', 'CSS', ''], rows, [1, 2]),
    `Panel, navigation to the first verdict painted (headless chromium, ${BROWSER_TICKET.issueKey}): ${load}`,
    ...(panel.ok && panel.value.available ? ['Where the median load went (medians of each figure):', ...renderVerdictLoad(panel.value.median)] : []),
  ];
}

/** The machine's load average as `os.loadavg()` gives it: "1.52, 1.80, 2.01". */
const loadAverage = (figures: readonly number[]): string => figures.map((f) => f.toFixed(2)).join(', ');

function renderBundle(bundle: Outcome<BundleFigures>): string[] {
  if (!bundle.ok) return ['Deploy bundle (@forge/bundler, as forge deploy)', failed(bundle)];
  const { bytes, gzippedBytes, coldStartMs, coldStartQuartilesMs, requireCpuMs, processes, loadAverage, composition, floor } = bundle.value;
  const goal = (met: boolean): string => (met ? 'met' : 'ABOVE');
  const [low, high] = coldStartQuartilesMs;
  return [
    'Deploy bundle (@forge/bundler, as forge deploy; the JavaScript Node loads, source maps left out)',
    renderTable(
      ['measure', 'value', 'goal', ''],
      [
        ['size', kb(bytes), kb(BUNDLE_GOAL.bytes), goal(bytes <= BUNDLE_GOAL.bytes)],
        ['size gzipped', kb(gzippedBytes), '', ''],
        [`cold-start require (median of ${processes} fresh processes, minus an empty Node)`, ms(coldStartMs), ms(BUNDLE_GOAL.coldStartMs), goal(coldStartMs <= BUNDLE_GOAL.coldStartMs)],
        ['  middle half of the runs', `${ms(low)} to ${ms(high)}`, '', ''],
        ['  CPU time of the require alone (median; moves little with the load)', ms(requireCpuMs), '', ''],
        ['floor: the packages the backend imports, alone (bench/bundle-floor)', kb(floor.bytes), '', floor.bytes <= BUNDLE_GOAL.bytes ? `${kb(BUNDLE_GOAL.bytes - floor.bytes)} left for the app` : 'ABOVE'],
        ['the app\'s own code and its share of webpack (size minus floor)', kb(bytes - floor.bytes), '', ''],
      ],
      [1, 2],
    ),
    `Load average (1 min) while timing the cold start: ${loadAverage.before.toFixed(2)} at the start, ${loadAverage.after.toFixed(2)} at the end, on ${cpus().length} CPUs (above the CPU count, every process waits for a core and cold starts read high)`,
    'What the bundle is made of (from its source map; "webpack": its runtime, module wrappers and indentation)',
    renderTable(
      ['part', 'size', 'share'],
      composition.map(({ part, bytes: partBytes }) => [part, kb(partBytes), `${((100 * partBytes) / bytes).toFixed(0)} %`]),
      [1, 2],
    ),
    'The floor by part (the same packages, with a handler of 40 lines)',
    renderTable(
      ['part', 'size'],
      floor.composition.map(({ part, bytes: partBytes }) => [part, kb(partBytes)]),
      [1],
    ),
  ];
}

async function main(): Promise<number> {
  const started = Date.now();
  progress('starting the local site (SITE_DB=:memory:)...');
  const site = await startSite();
  try {
    const client = new SiteClient(site);
    const view = await client.call(DEMO.admin, 'settings', 'getConfig', {}, { projectKey: DEMO.projectKey });
    const demoConfig: GateConfig | undefined = view.config;
    if (!demoConfig) throw new Error('The demo project has no gate configuration: the app-side demo seed did not run');

    // The demo seeds every reminder off (SITE_DEMO_REMINDERS unset), so no reminders run competes with the figures.
    // The reviews page first, while the only gated tickets are the demo's and its own; the team growth last, as it
    // replaces the demo configuration.
    const reviews = await part('reviews', 'reviews page over 100, 1,000 and 5,000 tickets', () => benchReviews(client, demoConfig, REVIEW_SIZES, reviewRepetitions));
    const refresh = await part('refresh', 'hourly refresh over 1,000 and 5,000 tickets', () => benchRefresh(client, REFRESH_SIZES, REFRESH_OTHER_PROJECTS));
    const actions = await part('actions', 'actions', () => benchActions(client, REPETITIONS));
    const throughput = await part('throughput', 'decisions per second', () => benchThroughput(client, APPROVER_LEVELS, DECISIONS_PER_RUN, THROUGHPUT_RUNS));
    const sizes = await part('sizes', 'front-end sizes', () => Promise.resolve(resourceSizes()));
    const panel = await part('panel', 'panel in chromium', () => panelLoad(site.url, BROWSER_TICKET.issueKey, BROWSER_TICKET.accountId, PANEL_LOADS));
    const teams = await part('teams', 'validating with 13, 50 and 200 teams', () => benchTeams(client, TEAM_SIZES, TEAM_ROUNDS, Math.ceil(REPETITIONS / TEAM_ROUNDS)));
    const bundle = await part('bundle', 'deploy bundle and its cold start', () => benchBundle(COLD_START_PROCESSES));
    const report: Report = { actions, reviews, teams, throughput, sizes, panel, bundle, refresh };

    const lines = [
      `Go-Live Gate bench: local site (SITE_DB=:memory:), Node ${process.version}, ${cpus().length} CPUs, run took ${((Date.now() - started) / 1000).toFixed(0)} s`,
      '',
      ...renderActions(report),
      '',
      ...renderGrowth(report),
      '',
      ...renderRefresh(report.refresh),
      '',
      ...renderFrontEnd(report),
      '',
      ...renderBundle(report.bundle),
      '',
      ...(runs('v2-records') ? renderV2Records(benchV2Records([1, 2, 4, 6], REPETITIONS)) : []),
    ];
    console.log(lines.join('\n'));
    return Object.values(report).every((outcome: Outcome<unknown>) => outcome.ok || outcome.skipped === true) ? 0 : 1;
  } finally {
    await site.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('The bench crashed:', error);
    process.exitCode = 1;
  },
);
