// The reviews page's "at risk" list over summaries written by schema version 1 (commit 5cba5e6,
// test/fixtures/main-5cba5e6), which have no `deadlines`: the stage's verdict in the summary stands in, so every ticket
// whose Promote to prod version 1 last found blocked is listed once the stage freezes soon, with the teams it waits on.
// (Records edited outside the app after that summary was written count when the ticket is next written or refreshed.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ticketsAtRisk } from '../../src/gate/review-at-risk';
import type { ReviewTicket } from '../../src/gate/review-tickets';
import { SUMMARY_PROPERTY } from '../../src/gate/records';
import type { RunningSite } from '../support/site';
import { PM, rest, savedConfig } from '../reliability/support';
import { FIXTURE, useFixtureSite } from './fixture-site';

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { tickets: Record<string, { key: string; verdicts: { stage: string; allowed: boolean }[] }> };

const siteOf = useFixtureSite();
let site: RunningSite;
beforeAll(() => {
  site = siteOf();
});

describe('tickets at risk over summaries written by schema version 1', () => {
  it('lists exactly the tickets whose stage version 1 last found blocked, with the teams it waits on', async () => {
    const found = (await rest(site, PM, 'POST', '/rest/api/3/search/jql', { jql: 'project = SKU AND goLiveGateStatus IS NOT EMPTY', fields: ['summary', 'status', 'created'], properties: [SUMMARY_PROPERTY], maxResults: 100 })).body as {
      issues: { key: string; fields: { summary: string; created: string; status: { name: string; statusCategory: { key: string } } }; properties: Record<string, unknown> }[];
    };
    const summaries = found.issues.map((issue) => issue.properties[SUMMARY_PROPERTY]);
    expect(summaries.length).toBeGreaterThan(3);
    expect(summaries.every((summary) => typeof summary === 'object' && summary !== null && !('deadlines' in summary))).toBe(true);

    const config = await savedConfig(site);
    const frozen = { ...config, stages: config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, freeze: { daysBeforeRelease: 7, exceptionGroups: [] } } : stage)) };
    // Every ticket targets a release on 2026-04-10: Promote to prod freezes on 2026-04-03, within two weeks.
    const release = [{ id: '10001', name: '2.0', releaseDate: '2026-04-10' }];
    const tickets: ReviewTicket[] = found.issues.map((issue) => ({
      key: issue.key, title: issue.fields.summary, created: issue.fields.created, status: issue.fields.status.name, done: issue.fields.status.statusCategory.key === 'done',
      summary: issue.properties[SUMMARY_PROPERTY], fixVersions: release,
    }));
    const listed = ticketsAtRisk(frozen, tickets, new Date('2026-03-27T00:00:00.000Z'));

    const blocked = tickets.filter((t) => !t.done && (t.summary as { stages: Record<string, { allowed: boolean }> }).stages['promote-to-prod']?.allowed === false).map((t) => t.key);
    expect(blocked.length).toBeGreaterThan(3);
    expect(listed.map((entry) => entry.key).sort()).toEqual([...blocked].sort());
    const fresh = listed.find((entry) => entry.key === expected.tickets['fresh']?.key);
    const promoteTeams = config.stages.find((stage) => stage.key === 'promote-to-prod')?.requiredTeams ?? [];
    expect(fresh).toMatchObject({ stage: 'promote-to-prod', deadline: '2026-04-03T00:00:00.000Z', frozen: false, missing: config.teams.filter((t) => promoteTeams.includes(t.key)).map((t) => t.name) });
  });
});
