// The review history over data written by main before it existed (commit 5cba5e6, schema version 1: see migration.test.ts):
// the reviews page counts those decisions from the tickets' summaries and says its waits are estimates; the first new
// decision on such a ticket brings the decision it replaces into the history, so a decline then an approval are two.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolverResult, ReviewsView } from '../../src/contract';
import { RESOLVER_MODULE_KEYS } from '../../src/contract';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { decide, PM, unwrap } from '../reliability/support';

const FIXTURE = join(__dirname, '..', 'fixtures', 'main-5cba5e6');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { tickets: Record<string, { key: string }> };
/** The fixture was recorded on 2026-11-29. */
const NOVEMBER = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

let directory: string;
let site: RunningSite;
/** The decisions the fixture's summaries hold: each team with a decision time and a decided state. */
let summarised: number;
/** Of those, the approvals the summaries show stale or expired: main kept no lapse events. */
let lapsed: number;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'golive-reviews-history-'));
  const file = join(directory, 'site.sqlite');
  const db = new Database(file);
  db.exec(readFileSync(join(FIXTURE, 'site.sql'), 'utf8'));
  const summaries = db.prepare("SELECT value FROM issue_properties WHERE key = 'golive-gate.summary'").all() as { value: string }[];
  summarised = summaries
    .flatMap(({ value }) => Object.values((JSON.parse(value) as { teams: Record<string, { state: string; at?: string }> }).teams))
    .filter((t) => t.at !== undefined && ['approved', 'declined', 'stale', 'expired'].includes(t.state)).length;
  lapsed = summaries
    .flatMap(({ value }) => Object.values((JSON.parse(value) as { teams: Record<string, { state: string; at?: string }> }).teams))
    .filter((t) => t.at !== undefined && ['stale', 'expired'].includes(t.state)).length;
  db.close();
  site = await startSite({ db: file });
});
afterAll(async () => {
  await site?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const reviews = async (): Promise<ReviewsView> => unwrap((await site.invoke(PM, RESOLVER_MODULE_KEYS.reviews, 'getReviews', NOVEMBER, { projectKey: 'SKU' })) as ResolverResult<ReviewsView>);
const team = (view: ReviewsView, key: string) => view.throughput.teams.find((t) => t.team === key);

describe('the reviews page over data main wrote before the review history', () => {
  it('counts each team’s decision from the tickets’ summaries and says every wait is an estimate', async () => {
    const view = await reviews();
    expect(summarised).toBeGreaterThan(40);
    expect(view.throughput.teams.reduce((n, t) => n + t.decisions, 0)).toBe(summarised);
    expect(view.measurement).toEqual({ decisionsFromSummary: summarised, estimatedWaits: summarised, stagesWithoutEntryStatus: ['Promote to prod', 'Go live', 'Hypercare'], lapsesFromSummary: lapsed });
    expect(view.throughput.teams.reduce((n, t) => n + t.stale + t.expired, 0)).toBe(lapsed);
    expect(team(view, 'cee')).toMatchObject({ declines: 1, fromSummary: team(view, 'cee')?.decisions });
  });

  it('keeps the decline main recorded when the team approves now: two decisions', async () => {
    const before = await reviews();
    const declined = expected.tickets['declined by CEE']?.key ?? 'SKU-9';
    unwrap(await decide(site, 'cee', declined, 'approve'));
    const after = await reviews();
    const [was, now] = [team(before, 'cee'), team(after, 'cee')];
    expect(now).toMatchObject({ decisions: (was?.decisions ?? 0) + 1, declines: 1, approvals: (was?.approvals ?? 0) + 1, fromSummary: (was?.fromSummary ?? 0) - 1 });
    expect(after.measurement.decisionsFromSummary).toBe(before.measurement.decisionsFromSummary - 1);
  });
});
