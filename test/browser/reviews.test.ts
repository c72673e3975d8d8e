import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { TASK_ISSUE_TYPE } from '../../emulator/site/demo';
import { findManifest, readIndexedValues } from '../../emulator/site/entity-properties';
import { SiteStore } from '../../emulator/site/store';
import { startTestSite } from '../../emulator/site/test-support';
import type { ConfigView } from '../../src/contract';
import { coveredDigests } from '../../src/gate/coverage';
import { digestOf } from '../../src/gate/digest';
import { propertyKeyOf, SUMMARY_PROPERTY } from '../../src/gate/records';
import type { OverrideRecord, TeamDecision } from '../../src/gate/records';
import { summaryOf } from '../support/summary-of';
import { templateConfig } from '../support/v1-templates';
import { ADMIN, approver, call, decide, PM, rest, transition, TRANSITIONS, unwrap } from '../reliability/support';
import { startSite } from '../support/site';
import type { Browser } from './support/browser';
import { frameOf, seriousViolations } from './support/axe';
import { appFrame, launchBrowser, screenshot } from './support/browser';
import type { RunningSite } from '../support/site';

/**
 * The reviews page in Debian's chromium against the local site. The site's database is prepared first with a January 2026
 * history whose figures are worked out by hand below; the demo's own activity happens now, outside that period.
 */

const HOUR = 3_600_000;
const config = templateConfig('managed-addon');
if (config === undefined) throw new Error('managed-addon template missing');
const gate = config;

interface HistoryTicket {
  readonly title: string;
  readonly created: string;
  /** Decisions by team: hours after creation, and whether it declined. */
  readonly decisions: Readonly<Record<string, { readonly hours: number; readonly declined?: boolean }>>;
  readonly override?: { readonly stage: string; readonly at: string };
}

/**
 * Promote to prod needs MT-SRE, OSD e2e, SRE-P and the dev team; go live needs everyone.
 * Worked out: MT-SRE decided after 2, 1 and 4 hours (median 2 h, p90 3.6 h); OSD e2e after 4, 1 (a decline) and 1 hours
 * (median 1 h, p90 3.4 h); CEE 10 hours after "Launch A" entered go live. Promote to prod passed twice (8 h and 1 h: median
 * 4.5 h, p90 7.3 h); go live once, by an override 32 hours after "Launch C" entered it.
 */
const HISTORY: readonly HistoryTicket[] = [
  { title: 'Launch A', created: '2026-01-05T00:00:00.000Z', decisions: { 'mt-sre': { hours: 2 }, 'osd-e2e': { hours: 4 }, 'sre-p': { hours: 6 }, 'dev-team': { hours: 8 }, cee: { hours: 18 } } },
  { title: 'Launch B', created: '2026-01-10T00:00:00.000Z', decisions: { 'mt-sre': { hours: 4 }, 'osd-e2e': { hours: 1, declined: true }, 'sre-p': { hours: 2 } } },
  {
    title: 'Launch C',
    created: '2026-01-12T00:00:00.000Z',
    decisions: { 'mt-sre': { hours: 1 }, 'osd-e2e': { hours: 1 }, 'sre-p': { hours: 1 }, 'dev-team': { hours: 1 } },
    override: { stage: 'go-live', at: '2026-01-13T09:00:00.000Z' },
  },
];

/** Writes the history straight into a site database, records and summaries as the app would have written them. */
async function prepareDatabase(file: string): Promise<Record<string, string>> {
  const site = await startTestSite({ file });
  const keys: Record<string, string> = {};
  try {
    const store = new SiteStore(site.db, readIndexedValues(findManifest()));
    const project = store.project('SKU');
    if (!project) throw new Error('the demo has no project SKU');
    for (const ticket of HISTORY) {
      const createdMs = Date.parse(ticket.created);
      const issue = store.createIssue({ projectId: project.id, summary: ticket.title, description: null, issueTypeId: TASK_ISSUE_TYPE.id, reporterAccountId: 'acc-pm', createdMs });
      const issueId = String(issue.id);
      const records: (TeamDecision | OverrideRecord)[] = Object.entries(ticket.decisions).map(([team, d]) => ({
        kind: 'decision', issueId, team, decision: d.declined === true ? 'declined' : 'approved', by: `acc-${team}`, via: `golive-${team}`,
        at: new Date(createdMs + d.hours * HOUR).toISOString(), covers: coveredDigests(gate, team, undefined, undefined),
        ...(d.declined === true && { comment: 'The runbook is missing' }),
      }));
      if (ticket.override) {
        records.push({ kind: 'override', issueId, stage: ticket.override.stage, by: 'acc-admin', via: 'golive-overriders', at: ticket.override.at, justification: 'Customer launch agreed with every PM' });
      }
      const properties = Object.fromEntries(records.map((r) => [propertyKeyOf(r), r]));
      const digests = Object.fromEntries(records.map((r) => [propertyKeyOf(r), digestOf(r)]));
      for (const [key, value] of Object.entries(properties)) store.putIssueProperty(issue.id, key, JSON.stringify(value));
      const summary = summaryOf(gate, { issue: { id: issueId, key: issue.issue_key, reporterAccountId: 'acc-pm' }, properties, digests }, new Date('2026-01-31T00:00:00.000Z'));
      store.putIssueProperty(issue.id, SUMMARY_PROPERTY, JSON.stringify(summary));
      keys[ticket.title] = issue.issue_key;
    }
  } finally {
    await site.close();
  }
  return keys;
}

/** An internal endpoint of the site (the site clock), called as the app. */
async function asApp(site: RunningSite, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${site.url}${path}`, {
    method,
    headers: { authorization: `Forge ${site.appSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as unknown;
}

/**
 * A ticket reviewed through the running app on the site clock, on a day of its own 60 days ahead (so nothing else
 * happened that day): created at 01:00, it waits in To Do for 5 hours and enters review (In Review) at 06:00; OSD e2e
 * declines at 08:00 and approves at 11:00, MT-SRE approves at 12:00. Worked out from the stage entry: OSD e2e made 2
 * decisions after 2 and 5 hours (median 3.5 h, p90 4.7 h), MT-SRE 1 after 6 hours. From the ticket's creation they
 * would read 7, 10 and 11 hours; from its summary alone OSD e2e would have 1 decision.
 * Around them: OSD e2e's reviewer is assigned at 07:00 and again at 07:30 (a reassignment; its decline at 08:00 answers
 * it after 0.5 h), MT-SRE's at 07:00 (answered after 5 h); Cora CEE, in no group of the stage's teams, comments at
 * 07:15, as does the reporter; the PM records the numbers at 06:30, SRE-P approves at 09:00 (after 3 h) and the PM
 * changes the capacity at 10:00: SRE-P's approval went stale then. Over the day, every team's waits are 2, 3, 5 and
 * 6 hours: median 4 h, p90 5.7 h.
 */
async function reviewOnItsOwnDay(site: RunningSite): Promise<{ key: string; day: string }> {
  const { now } = (await asApp(site, 'GET', '/__site/clock')) as { now: string };
  const day = new Date(Date.parse(now) + 60 * 24 * HOUR);
  day.setUTCHours(0, 0, 0, 0);
  const at = async (hour: number): Promise<void> => {
    await asApp(site, 'POST', '/__site/clock/advance', { to: new Date(day.getTime() + hour * HOUR).toISOString() });
  };
  await at(1);
  const created = await rest(site, PM, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SKU' }, summary: 'Launch D', issuetype: { name: 'Task' } } });
  const { key } = created.body as { key: string };
  await site.drainEvents();
  await at(6);
  expect((await transition(site, key, TRANSITIONS.startReview)).status).toBe(204);
  await site.drainEvents();
  await at(6.5);
  unwrap(await call(site, PM, 'recordNumbers', { values: { capacity: 500, velocity: 20 } }, { issueKey: key }));
  await at(7);
  unwrap(await call(site, approver('osd-e2e'), 'assignReviewer', { team: 'osd-e2e', assignee: 'acc-osd-e2e' }, { issueKey: key }));
  unwrap(await call(site, approver('mt-sre'), 'assignReviewer', { team: 'mt-sre', assignee: 'acc-mt-sre' }, { issueKey: key }));
  await at(7.25);
  const comment = (text: string) => ({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } });
  expect((await rest(site, approver('cee'), 'POST', `/rest/api/3/issue/${key}/comment`, comment('Have the alerts been load-tested?'))).status).toBe(201);
  expect((await rest(site, PM, 'POST', `/rest/api/3/issue/${key}/comment`, comment('Yes, last week.'))).status).toBe(201);
  await site.drainEvents();
  await at(7.5);
  unwrap(await call(site, approver('osd-e2e'), 'assignReviewer', { team: 'osd-e2e' }, { issueKey: key }));
  await at(8);
  unwrap(await decide(site, 'osd-e2e', key, 'decline', 'The runbook is missing'));
  await at(9);
  unwrap(await decide(site, 'sre-p', key, 'approve'));
  await at(10);
  unwrap(await call(site, PM, 'recordNumbers', { values: { capacity: 800 } }, { issueKey: key }));
  await at(11);
  unwrap(await decide(site, 'osd-e2e', key, 'approve'));
  await at(12);
  unwrap(await decide(site, 'mt-sre', key, 'approve'));
  return { key, day: day.toISOString().slice(0, 10) };
}

describe('the reviews page', () => {
  let dir: string;
  let site: RunningSite;
  let browser: Browser;
  let keys: Record<string, string>;
  let reviewed: { key: string; day: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reviews-browser-'));
    const db = join(dir, 'site.sqlite');
    keys = await prepareDatabase(db);
    site = await startSite({ db });
    reviewed = await reviewOnItsOwnDay(site);
    browser = await launchBrowser(site.url);
    // The site clock runs the hourly triggers of the 60 days it moves on: minutes on a busy machine.
  }, 600_000);
  afterEach(() => {
    expect(browser.takeCspViolations()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openReviews(accountId: string): Promise<{ page: Page; frame: FrameLocator }> {
    const page = await browser.openAs(accountId, '/projects/SKU/reviews');
    const frame = page.frameLocator('iframe[title="Go-Live Gate reviews"]');
    await frame.getByRole('heading', { name: 'Go-Live Gate reviews' }).waitFor();
    return { page, frame };
  }

  async function showPeriod(frame: FrameLocator, first: string, last: string): Promise<void> {
    await frame.getByRole('textbox', { name: 'From', exact: true }).fill(first);
    await frame.getByRole('textbox', { name: 'To', exact: true }).fill(last);
    await frame.getByRole('button', { name: 'Show period' }).click();
    await frame.getByText(`Figures for ${first} to ${last} (UTC).`).waitFor();
  }
  const showJanuary = (frame: FrameLocator): Promise<void> => showPeriod(frame, '2026-01-01', '2026-01-31');

  const cells = async (frame: FrameLocator, table: string, row: string): Promise<string[]> =>
    frame.getByRole('table', { name: table }).getByRole('row').filter({ has: frame.getByRole('rowheader', { name: row, exact: true }) }).getByRole('cell').allInnerTexts();

  it('shows what waits on the dev team, oldest first, and only that with "waiting on my teams"', async () => {
    const { page, frame } = await openReviews('acc-dev-team');
    try {
      const devTeam = frame.getByRole('region', { name: /^Dev team/ });
      await expect(devTeam.getByRole('row').nth(1).getByRole('link').innerText()).resolves.toBe(keys['Launch B']);
      // The demo's SKU-2 waits on Managed Tenants SRE too, which is not the dev team's business.
      await expect(frame.getByRole('region', { name: /^Managed Tenants SRE/ }).count()).resolves.toBe(1);
      await frame.getByRole('checkbox', { name: 'Waiting on my teams' }).check();
      await frame.getByRole('region', { name: /^Managed Tenants SRE/ }).waitFor({ state: 'detached' });
      await expect(frame.getByRole('region', { name: /^Managed Tenants SRE/ }).count()).resolves.toBe(0);
      await expect(frame.getByRole('region', { name: /^Dev team/ }).count()).resolves.toBe(1);
    } finally {
      await page.close();
    }
  });

  it('shows the throughput figures of the period', async () => {
    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Throughput' }).click();
      await showJanuary(frame);
      // Decisions, declines, median, 90th percentile, went stale, expired, revoked.
      await expect(cells(frame, 'Throughput per team', 'Managed Tenants SRE')).resolves.toEqual(['3', '0', '2 h', '3.6 h', '0', '0', '0']);
      await expect(cells(frame, 'Throughput per team', 'OSD e2e')).resolves.toEqual(['3', '1', '1 h', '3.4 h', '0', '0', '0']);
      await expect(cells(frame, 'Throughput per team', 'CEE')).resolves.toEqual(['1', '0', '10 h', '10 h', '0', '0', '0']);
      // January predates the review history: the page says its figures come from the tickets' summaries.
      const estimates = frame.getByRole('status', { name: 'Some figures are estimates' });
      await expect(estimates.getByText(/^12 decisions were made before the app kept a review history/).count()).resolves.toBe(1);
      await expect(estimates.getByText(/^12 waits start at an estimate/).count()).resolves.toBe(1);
      // Passed, of which overridden, median lead time, 90th percentile.
      await expect(cells(frame, 'Throughput per stage', 'Promote to prod')).resolves.toEqual(['2', '0', '4.5 h', '7.3 h']);
      await expect(cells(frame, 'Throughput per stage', 'Go live')).resolves.toEqual(['1', '1', '32 h', '32 h']);
      await expect(frame.getByRole('img', { name: /^Decisions per team: .*Managed Tenants SRE 3/ }).count()).resolves.toBe(1);
      await screenshot(page, 'reviews-throughput');
    } finally {
      await page.close();
    }
  });

  it('counts a decline then an approval as two decisions, and times them from the ticket entering review', async () => {
    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Throughput' }).click();
      await showPeriod(frame, reviewed.day, reviewed.day);
      await expect(cells(frame, 'Throughput per team', 'OSD e2e')).resolves.toEqual(['2', '1', '3.5 h', '4.7 h', '0', '0', '0']);
      await expect(cells(frame, 'Throughput per team', 'Managed Tenants SRE')).resolves.toEqual(['1', '0', '6 h', '6 h', '0', '0', '0']);
      // Everything that day is in the review history: nothing is estimated.
      await expect(frame.getByRole('status', { name: 'Some figures are estimates' }).count()).resolves.toBe(0);
      await frame.getByRole('tab', { name: 'Bench depth' }).click();
      const osd = frame.getByRole('table', { name: 'Bench depth per team' }).getByRole('row').filter({ has: frame.getByRole('rowheader', { name: 'OSD e2e', exact: true }) });
      // People's names arrive after the figures (one user lookup): wait for the name, then read the whole list.
      await osd.getByRole('listitem').filter({ hasText: 'Olga OSD e2e' }).waitFor();
      await expect(osd.getByRole('listitem').allInnerTexts()).resolves.toEqual(['Olga OSD e2e: 2']);
      // Bench over time: the day is one span; the page kept that day's bench when it opened.
      const trend = frame.getByRole('table', { name: 'Bench over time' });
      await expect(trend.getByRole('img', { name: `OSD e2e over time: from ${reviewed.day}, 1 could approve, 2 decisions, busiest person 100%` }).count()).resolves.toBe(1);
      await expect(trend.getByRole('img', { name: `CEE over time: from ${reviewed.day}, 1 could approve, 0 decisions` }).count()).resolves.toBe(1);
      await screenshot(page, 'reviews-history');
    } finally {
      await page.close();
    }
  });

  it('downloads the throughput as CSV', async () => {
    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Throughput' }).click();
      await showJanuary(frame);
      const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('link', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('go-live-gate-throughput-SKU-2026-01-01-2026-02-01.csv');
      const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
      expect(csv[0]).toBe('kind,key,name,decisions,approvals,declines,stale,expired,median hours,p90 hours,passed,overridden,from,to');
      expect(csv).toContain('team,mt-sre,Managed Tenants SRE,3,3,0,0,0,2,3.6,,,2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z');
      expect(csv).toContain('stage,go-live,Go live,,,,,,32,32,1,1,2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z');
    } finally {
      await page.close();
    }
  });

  it('warns about teams with fewer than two people who can approve', async () => {
    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Bench depth' }).click();
      const warning = frame.getByRole('alert', { name: /thin bench/ });
      await expect(warning.getByText('Only 1 person can approve for SRE-P: add someone to golive-sre-p.').count()).resolves.toBe(1);
      await screenshot(page, 'reviews-bench');
    } finally {
      await page.close();
    }
  });

  it('lists who forced which stage, when and why', async () => {
    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Overrides' }).click();
      const row = frame.getByRole('table', { name: 'Overrides' }).getByRole('row').filter({ hasText: keys['Launch C'] ?? '?' });
      await row.getByRole('cell', { name: 'Alex Admin', exact: true }).waitFor();
      await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual([keys['Launch C'], 'Launch C', 'Go live', 'Alex Admin', '2026-01-13 09:00 UTC', 'Customer launch agreed with every PM']);
    } finally {
      await page.close();
    }
  });
  it('shows a shadow’s review to the team’s approver on the panel, who seconds it, and the shadow ready to graduate on the bench tab', async () => {
    // OSD e2e takes Cora CEE (golive-cee) as a shadow; two shadow reviews over two stages, one seconded, graduate.
    const { config: saved } = unwrap(await call<ConfigView>(site, ADMIN, 'getConfig', {}, { projectKey: 'SKU' }));
    if (saved === undefined) throw new Error('the demo has no gate');
    const shadowed = { ...saved, teams: saved.teams.map((t) => (t.key === 'osd-e2e' ? { ...t, shadowGroups: ['golive-cee'] } : t)), shadowGraduation: { minReviews: 2, minStages: 2, minSeconded: 1 } };
    unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: shadowed }, { projectKey: 'SKU' }));

    const shadow = await browser.openAs('acc-cee', `/browse/${reviewed.key}`);
    try {
      const panel = appFrame(shadow);
      const form = panel.getByRole('form', { name: 'Record a shadow review' });
      const reviews = panel.getByRole('list', { name: 'Shadow reviews' });
      await form.getByLabel('Your review').fill('Runbook and alerts look complete');
      await form.getByRole('button', { name: 'Would approve' }).click();
      await reviews.getByText('Cora CEE would approve for OSD e2e at Promote to prod (not binding): Runbook and alerts look complete').waitFor();
      await form.getByLabel('Stage').selectOption({ label: 'Go live' });
      await form.getByLabel('Your review').fill('No capacity plan for the launch week');
      await form.getByRole('button', { name: 'Would decline' }).click();
      await reviews.getByText(/would decline for OSD e2e at Go live/).waitFor();
    } finally {
      await shadow.close();
    }

    const approver = await browser.openAs('acc-osd-e2e', `/browse/${reviewed.key}`);
    try {
      const panel = appFrame(approver);
      const first = panel.getByRole('list', { name: 'Shadow reviews' }).getByRole('listitem').filter({ hasText: 'at Promote to prod' });
      await first.getByRole('button', { name: 'Second' }).click();
      await first.getByText('Seconded by Olga OSD e2e.').waitFor();
      // The shadow's approval is no approval: OSD e2e's own decision is what the stage shows.
      await expect(panel.getByRole('form', { name: 'Record a shadow review' }).count()).resolves.toBe(0);
      await screenshot(approver, 'panel-shadow-reviews');
    } finally {
      await approver.close();
    }

    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Bench depth' }).click();
      await frame.getByRole('status', { name: 'Ready to graduate: Cora CEE (OSD e2e)' }).waitFor();
      const row = frame.getByRole('table', { name: 'Shadows' }).getByRole('row').filter({ has: frame.getByRole('rowheader', { name: 'Cora CEE', exact: true }) });
      await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual(['OSD e2e', '2 of 2', '2 of 2', '1 of 1', 'READY TO GRADUATE']);
    } finally {
      await page.close();
    }
  });
  it('names a team’s reviewer on the panel, round-robin, and shows it in the queue', async () => {
    const member = await browser.openAs('acc-dev-team', `/browse/${reviewed.key}`);
    try {
      await appFrame(member).locator('details[data-section="reviewers"] > summary').click();
      const reviewers = appFrame(member).getByRole('list', { name: 'Reviewers' });
      const devTeam = reviewers.getByRole('listitem').filter({ hasText: 'Dev team:' });
      await devTeam.getByText('Dev team: not assigned').waitFor();
      await devTeam.getByRole('button', { name: 'Round-robin for Dev team' }).click();
      await devTeam.getByText('Dev team: Dana Dev Team (round-robin)').waitFor();
    } finally {
      await member.close();
    }
    const { page, frame } = await openReviews('acc-pm');
    try {
      const row = frame.getByRole('region', { name: /^Dev team/ }).getByRole('row').filter({ hasText: reviewed.key });
      await expect(row.getByRole('cell').nth(4).innerText()).resolves.toBe('Dana Dev Team');
    } finally {
      await page.close();
    }
  });

  it('records when SRE-P’s approval went stale, and measures reviewer assignments on the bench tab', async () => {
    const { page, frame } = await openReviews('acc-pm');
    try {
      await frame.getByRole('tab', { name: 'Throughput' }).click();
      await showPeriod(frame, reviewed.day, reviewed.day);
      // Decisions, declines, median, 90th percentile, went stale, expired, revoked.
      await expect(cells(frame, 'Throughput per team', 'SRE-P')).resolves.toEqual(['1', '0', '3 h', '3 h', '1', '0', '0']);
      await frame.getByRole('tab', { name: 'Bench depth' }).click();
      // Assigned, decided, median, 90th percentile, reassigned, open, decided by another, round-robin.
      const table = 'Reviewer assignments';
      await expect(cells(frame, table, 'OSD e2e')).resolves.toEqual(['2', '1', '0.5 h', '0.5 h', '1', '0', '0', '1']);
      await expect(cells(frame, table, 'Managed Tenants SRE')).resolves.toEqual(['1', '1', '5 h', '5 h', '0', '0', '0', '0']);
      await frame.getByRole('table', { name: table }).getByRole('rowheader', { name: 'Olga OSD e2e', exact: true }).waitFor();
      await expect(cells(frame, table, 'Olga OSD e2e')).resolves.toEqual(['2', '1', '0.5 h', '0.5 h', '1', '0', '0', '–']);
      // People to invite: Cora CEE commented while the promote-to-prod teams reviewed; the reporter is not counted.
      const invite = frame.getByRole('table', { name: 'People to invite' }).getByRole('row').filter({ hasText: 'Managed Tenants SRE' });
      await invite.getByRole('rowheader', { name: 'Cora CEE', exact: true }).waitFor();
      await expect(invite.getByRole('rowheader').allInnerTexts()).resolves.toEqual(['Cora CEE']);
      await expect(invite.getByRole('cell').allInnerTexts()).resolves.toEqual(['Managed Tenants SRE', '1', `1: ${reviewed.key}`, 'golive-mt-sre']);
      expect(await seriousViolations(await frameOf(page, 'iframe[title="Go-Live Gate reviews"]'))).toEqual([]);
      await screenshot(page, 'reviews-bench-assignments');
    } finally {
      await page.close();
    }
  });

  it('shows the picked projects’ queue and throughput in the dashboard gadget', async () => {
    const page = await browser.openAs('acc-pm', '/dashboard');
    try {
      const edit = page.frameLocator('iframe[title="Go-Live Gate reviews"]');
      const settings = edit.getByRole('form', { name: 'Gadget settings' });
      await settings.getByRole('checkbox', { name: /\(SKU\)$/ }).check();
      await settings.getByRole('checkbox', { name: /\(KEP\)$/ }).check();
      expect(await seriousViolations(await frameOf(page, 'iframe[title="Go-Live Gate reviews"]'))).toEqual([]);
      await Promise.all([page.waitForURL(/\/dashboard$/), settings.getByRole('button', { name: 'Save' }).click()]);
      const gadget = page.frameLocator('iframe[title="Go-Live Gate reviews"]');
      await gadget.getByRole('heading', { name: /\(KEP\)$/ }).waitFor();
      // The last 30 days hold the reviewed day: every team's waits 2, 3, 5 and 6 hours, one decline, one approval gone stale.
      const sku = gadget.getByRole('region', { name: /\(SKU\)$/ });
      const throughput = sku.locator('dl[aria-label="SKU: throughput"]');
      await expect(throughput.locator('dt').allInnerTexts()).resolves.toEqual(['Decisions', 'Declines', 'Median to decision', '90th percentile', 'Went stale', 'Expired', 'Passed Promote to prod', 'Passed Go live']);
      await expect(throughput.locator('dd').allInnerTexts()).resolves.toEqual(['4', '1', '4 h', '5.7 h', '1', '0', '0', '0']);
      await expect(sku.getByRole('table', { name: 'SKU: waiting longest' }).getByRole('rowheader').count()).resolves.toBeGreaterThan(0);
      expect(await seriousViolations(await frameOf(page, 'iframe[title="Go-Live Gate reviews"]'))).toEqual([]);
      await screenshot(page, 'dashboard-gadget');
    } finally {
      await page.close();
    }
  });
});
