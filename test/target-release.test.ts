import type { GateConfigV2 } from '../src/gate/v2/config';
import { DEFAULT_STAGE_REMINDERS } from '../src/gate/reminder-defaults';
import { DEMO, refusalOf, useSite } from './support/site-client';

// A stage that requires a target release, on the local site: approvals cover the ticket's fix versions, so moving the
// ticket to another release makes them stale and the validator refuses until the teams approve again.
const env = useSite();
const project = { projectKey: DEMO.projectKey };
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

beforeAll(async () => {
  const config = await env.client.configV2();
  // The demo starts with every reminder off: turn Promote to prod's on, so its reporter hears of a release change.
  const withRelease: GateConfigV2 = { ...config, stages: config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, requiresRelease: true, reminders: { ...DEFAULT_STAGE_REMINDERS, escalationGroups: [] } } : stage)) };
  await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: withRelease }, project);
});

async function targetRelease(key: string, versionId: string): Promise<void> {
  await env.client.restOk(DEMO.pm, 'PUT', `/rest/api/3/issue/${key}`, { fields: { fixVersions: [{ id: versionId }] } }, 204);
}

/** A fresh ticket in review whose PM has answered promote to prod's checklist, so the stage waits on its teams alone. */
async function filledInTicket(summary: string): Promise<string> {
  const { key } = await env.client.createTicket(summary);
  await env.client.fillIn(key, 'promote-to-prod');
  return key;
}

/** The demo project's next two unreleased versions. */
async function twoUnreleasedVersions(): Promise<[{ id: string; name: string }, { id: string; name: string }]> {
  const versions = (await env.client.restOk(DEMO.pm, 'GET', '/rest/api/3/project/SKU/versions', undefined, 200)) as { id: string; name: string; released: boolean }[];
  const [next, later] = versions.filter((v) => !v.released);
  if (next === undefined || later === undefined) throw new Error('The demo project has fewer than two unreleased versions');
  return [next, later];
}

describe('a stage that requires a target release', () => {
  it('needs the approvals again once the ticket moves to another release', async () => {
    const [next, later] = await twoUnreleasedVersions();
    const key = await filledInTicket('Release-bound add-on');

    await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 400);
    await targetRelease(key, next.id);
    for (const team of PROMOTE_TEAMS) await env.client.approve(key, team);
    await targetRelease(key, later.id);

    const refused = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: DEMO.transitions.promoteToProd } });
    expect(refused.status).toBe(400);
    expect(refusalOf(refused.body)).toContain('re-approval needed from');
    const gate = await env.client.call(DEMO.pm, 'panel', 'getGate', {}, { issueKey: key });
    expect(gate.verdicts.find((v) => v.stage === 'promote-to-prod')?.reasons).toContain('The target release changed after SRE-P approved; SRE-P must approve again');

    for (const team of PROMOTE_TEAMS) await env.client.approve(key, team);
    await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
  });
});

async function notificationsOf(accountId: string): Promise<string> {
  const response = await fetch(`${env.site.url}/notifications`, { headers: { cookie: `site-user=${accountId}` } });
  expect(response.status).toBe(200);
  return response.text();
}
const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;
const jqlKeys = async (jql: string): Promise<string[]> =>
  ((await env.client.restOk(DEMO.pm, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 }, 200)) as { issues: { key: string }[] }).issues.map((i) => i.key);

describe('a ticket moved to another release, without anyone opening it', () => {
  it('turns back to its first stage in JQL, and tells the teams whose approvals went stale and the reporter once', async () => {
    const [next, later] = await twoUnreleasedVersions();
    const key = await filledInTicket('Moving add-on');
    await targetRelease(key, next.id);
    for (const team of PROMOTE_TEAMS) await env.client.approve(key, team);
    await env.site.drainEvents();
    expect(await jqlKeys(`key = ${key} AND goLiveGateStage = "go-live"`)).toEqual([key]);

    // Only the fix version changes, through Jira's REST API: the app hears of it through its issue-updated trigger.
    await targetRelease(key, later.id);
    await env.site.drainEvents();
    expect(await jqlKeys(`key = ${key} AND goLiveGateStage = "promote-to-prod" AND goLiveGatePending = "sre-p"`)).toEqual([key]);
    const renew = `${key}: SRE-P&#39;s approval needs renewing`;
    expect(occurrences(await notificationsOf('acc-sre-p'), renew)).toBe(1);
    const reporterNote = `${key} now targets ${later.name}: approvals needed again`;
    expect(occurrences(await notificationsOf('acc-pm'), reporterNote)).toBe(1);

    // An unrelated edit costs nothing and tells nobody again.
    await env.client.restOk(DEMO.pm, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Moving add-on (renamed)' } }, 204);
    await env.site.drainEvents();
    expect(occurrences(await notificationsOf('acc-sre-p'), renew)).toBe(1);
    expect(occurrences(await notificationsOf('acc-pm'), reporterNote)).toBe(1);
  });
});

describe('a ticket whose teams approved only the stage that requires the release, moved to another release', () => {
  it('tells the reporter which teams must approve that stage again, though none of them has approved go live yet', async () => {
    const [next, later] = await twoUnreleasedVersions();
    const key = await filledInTicket('Stage-approved add-on');
    await targetRelease(key, next.id);
    for (const team of PROMOTE_TEAMS) await env.client.approveAt(key, team, ['promote-to-prod']);
    await env.site.drainEvents();

    await targetRelease(key, later.id);
    await env.site.drainEvents();

    expect(occurrences(await notificationsOf('acc-sre-p'), `${key}: SRE-P&#39;s approval needs renewing`)).toBe(1);
    const pm = await notificationsOf('acc-pm');
    expect(occurrences(pm, `${key} now targets ${later.name}: approvals needed again`)).toBe(1);
    expect(pm).toContain('no longer count: SRE-P, OSD e2e, Managed Tenants SRE, Dev team must approve again.');
  });
});

describe('a stage freeze before the release', () => {
  it('blocks the transition until an exception group grants an exception, which the panel shows', async () => {
    const config = await env.client.configV2();
    const freeze = { daysBeforeRelease: 60, exceptionGroups: ['golive-overriders'] };
    await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, stages: config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, freeze } : stage)) } }, project);
    const versions = (await env.client.restOk(DEMO.pm, 'GET', '/rest/api/3/project/SKU/versions', undefined, 200)) as { id: string; released: boolean; releaseDate?: string }[];
    const next = versions.find((v) => !v.released && v.releaseDate !== undefined);
    if (next === undefined) throw new Error('The demo project has no dated unreleased version');

    const key = await filledInTicket('Frozen add-on');
    await targetRelease(key, next.id);
    for (const team of PROMOTE_TEAMS) await env.client.approve(key, team);
    const refused = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: DEMO.transitions.promoteToProd } });
    expect(refusalOf(refused.body)).toMatch(/^Promote to prod blocked: frozen since \d{4}-\d{2}-\d{2}$/);

    const why = 'Security fix agreed with the release team on the call';
    const stranger = await env.client.invoke(DEMO.pm, 'panel', 'grantException', { stage: 'promote-to-prod', justification: why }, { issueKey: key });
    expect(stranger.ok ? 'granted' : stranger.error.code).toBe('forbidden');
    const granted = await env.client.call(DEMO.admin, 'panel', 'grantException', { stage: 'promote-to-prod', justification: why }, { issueKey: key });
    expect(granted.verdicts.find((v) => v.stage === 'promote-to-prod')).toMatchObject({ allowed: true, freeze: { frozen: true }, exception: { by: 'acc-admin', justification: why } });
    await env.client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204);
  });
});
