// Concurrency: 13 teams deciding on 50 tickets at the same moment, then revokes, declines, re-approvals and number
// changes all at once. Nothing acknowledged may be lost, every summary must equal what the records say, and every
// acknowledged action must have its audit event.
import type { GateView, ResolverResult } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import { readRecords } from '../../src/gate/integrity';
import { SUMMARY_PROPERTY } from '../../src/gate/records';
import { summaryOf } from '../support/summary-of';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { auditTrail, call, createTicket, decide, Figures, inParallel, PM, savedConfig, snapshot } from './support';

const TICKETS = 50;
/** Requests in flight at once: two tickets' worth of teams, so every team of a ticket decides together. */
const IN_FLIGHT = 26;
/** 1,350 resolver calls of about 15 site requests each on 2 shared cores: far more than jest's default 60 s may be needed. */
const GENEROUS_MS = 240_000;

let site: RunningSite;
let config: GateConfig;
let tickets: string[];
const figures = new Figures('concurrency');

beforeAll(async () => {
  site = await startSite();
  config = await savedConfig(site);
  tickets = (await inParallel(Array.from({ length: TICKETS }, (_, i) => i), 8, (i) => createTicket(site, `Concurrent go-live ${i}`))).map((outcome) => {
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value.key;
  });
}, GENEROUS_MS);
afterAll(async () => {
  figures.print();
  await site?.stop();
});

type Action =
  | { readonly kind: 'decide'; readonly issueKey: string; readonly team: string; readonly decision: 'approve' | 'decline' | 'revoke'; readonly comment?: string }
  | { readonly kind: 'numbers'; readonly issueKey: string; readonly values: Readonly<Record<string, number>> };

const EXPECTED_KIND = { approve: 'approved', decline: 'declined', revoke: 'revoked' } as const;

/** Runs every action with bounded parallelism and answers the ones the app acknowledged (answered ok). */
async function runAll(actions: readonly Action[]): Promise<{ acknowledged: Action[]; failures: string[] }> {
  const before = await site.metrics();
  const outcomes = await inParallel(actions, IN_FLIGHT, (action): Promise<ResolverResult<GateView>> => {
    if (action.kind === 'decide') return decide(site, action.team, action.issueKey, action.decision, action.comment);
    return call<GateView>(site, PM, 'recordNumbers', { values: action.values }, { issueKey: action.issueKey });
  });
  const acknowledged: Action[] = [];
  const failures: string[] = [];
  outcomes.forEach((outcome, i) => {
    const action = actions[i] as Action;
    figures.operations++;
    if (outcome.status === 'fulfilled' && outcome.value.ok) acknowledged.push(action);
    else {
      figures.refused++;
      failures.push(`${JSON.stringify(action)}: ${outcome.status === 'rejected' ? String(outcome.reason) : JSON.stringify(outcome.value)}`);
    }
  });
  const served = (metrics: Record<string, number>): number => Object.entries(metrics).filter(([kind]) => !kind.startsWith('invoke:')).reduce((sum, [, n]) => sum + n, 0);
  figures.extra['siteRequests'] = (figures.extra['siteRequests'] ?? 0) + served(await site.metrics()) - served(before);
  return { acknowledged, failures };
}

/** Checks every ticket against the acknowledged actions; answers what was lost, one line each. */
async function lostAfter(acknowledged: readonly Action[], auditEventsPerTicket: number): Promise<string[]> {
  const lost: string[] = [];
  await inParallel(tickets, 6, async (issueKey) => {
    const snap = await snapshot(site, issueKey);
    const records = readRecords(config, snap);
    for (const problem of records.unverified) lost.push(`${issueKey}: ${problem.propertyKey} is unverified (${problem.problem})`);
    const mine = acknowledged.filter((action) => action.issueKey === issueKey);
    for (const action of mine) {
      if (action.kind === 'numbers') {
        if (JSON.stringify(records.numbers?.values) !== JSON.stringify(action.values)) lost.push(`${issueKey}: numbers ${JSON.stringify(action.values)} not stored`);
        continue;
      }
      const stored = records.decisions[action.team];
      if (stored?.decision !== EXPECTED_KIND[action.decision] || stored.by !== `acc-${action.team}` || stored.comment !== action.comment) {
        lost.push(`${issueKey}: ${action.team} ${action.decision} not stored (found ${JSON.stringify(stored)})`);
      }
    }

    const summary = snap.properties[SUMMARY_PROPERTY] as { updated?: string } | undefined;
    if (summary?.updated === undefined) lost.push(`${issueKey}: no summary`);
    else {
      // Derived at the summary's own time, so time-dependent states (expiry) are judged as its writer judged them.
      const expected = summaryOf(config, snap, new Date(summary.updated));
      if (JSON.stringify({ ...summary, updated: undefined }) !== JSON.stringify({ ...expected, updated: undefined })) {
        lost.push(`${issueKey}: summary ${JSON.stringify(summary)} differs from the records' ${JSON.stringify(expected)}`);
      }
    }

    const events = await auditTrail(site, issueKey);
    if (events.length !== auditEventsPerTicket) lost.push(`${issueKey}: ${events.length} audit events, expected ${auditEventsPerTicket}`);
    for (const action of mine) {
      const actor = action.kind === 'numbers' ? 'acc-pm' : `acc-${action.team}`;
      const found = events.some((event) => event.actor === actor && (action.kind === 'numbers' ? event.action === 'record-numbers' : event.team === action.team && event.detail.includes(EXPECTED_KIND[action.decision]) && event.detail.includes(action.comment ?? '')));
      if (!found) lost.push(`${issueKey}: no audit event for ${JSON.stringify(action)}`);
    }
  });
  return lost;
}

describe('concurrent decisions on the local site', () => {
  it('keeps every approval when 13 teams approve 50 tickets at the same moment', async () => {
    const actions: Action[] = tickets.flatMap((issueKey) =>
      config.teams.map((team): Action => ({ kind: 'decide', issueKey, team: team.key, decision: 'approve', comment: `LGTM from ${team.key} on ${issueKey}` })),
    );
    expect(actions).toHaveLength(TICKETS * 13);

    const { acknowledged, failures } = await runAll(actions);
    const lost = await lostAfter(acknowledged, config.teams.length);
    figures.lost += lost.length;

    expect(failures).toEqual([]);
    expect(lost).toEqual([]);
  }, GENEROUS_MS);

  it('keeps every revoke, decline, re-approval and number change made at the same moment', async () => {
    const numberSpecs = config.numbers;
    const actions: Action[] = tickets.flatMap((issueKey, t) => [
      ...config.teams.map((team, i): Action => {
        const decision = (['revoke', 'decline', 'approve'] as const)[(i + t) % 3] ?? 'approve';
        return { kind: 'decide', issueKey, team: team.key, decision, ...(decision !== 'revoke' && { comment: `${decision} by ${team.key} on ${issueKey}` }) };
      }),
      { kind: 'numbers', issueKey, values: Object.fromEntries(numberSpecs.map((spec, i) => [spec.key, (spec.min ?? 0) + t + i])) },
    ]);

    const { acknowledged, failures } = await runAll(actions);
    const lost = await lostAfter(acknowledged, 2 * config.teams.length + 1);
    figures.lost += lost.length;

    expect(failures).toEqual([]);
    expect(lost).toEqual([]);
  }, GENEROUS_MS);
});
