import { remindersJql, runReminders } from '../src/app/send-reminders';
import { STOP_MARGIN_MS } from '../src/app/scheduled-refresh';
import type { GateConfigV2 } from '../src/gate/v2/config';
import type { ReminderPorts } from '../src/ports';
import { DEMO, useForgeOnSite } from './support/site-client';

// Reminders, escalation and the reporter's news on the local site: the clock moves on, the hourly trigger runs on its
// own, and each team, escalation group and reporter is told each thing exactly once.
const env = useForgeOnSite(() => import('../src/entry/composition-root'));
const HOUR_MS = 3_600_000;
const project = { projectKey: DEMO.projectKey };

async function advance(hours: number): Promise<void> {
  await env.client.restOk('app', 'POST', '/__site/clock/advance', { ms: hours * HOUR_MS }, 200);
}

async function notificationsOf(accountId: string): Promise<string> {
  const response = await fetch(`${env.site.url}/notifications`, { headers: { cookie: `site-user=${accountId}` } });
  expect(response.status).toBe(200);
  return response.text();
}
const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

beforeAll(async () => {
  const config = await env.client.configV2();
  const reminders = { remindAfterHours: 24, repeatEveryDays: 7, escalateAfterHours: 72, escalationGroups: ['golive-overriders'], tellReporter: true };
  const timed: GateConfigV2 = { ...config, stages: config.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, reminders } : stage)) };
  await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: timed }, project);
});

describe('reminders and escalation', () => {
  it('remind a team waiting past its threshold exactly once, then escalate to the stage group exactly once', async () => {
    const { key } = await env.client.createTicket('Waiting ticket R');
    await env.site.drainEvents();
    const line = `${key} (Waiting ticket R), Promote to prod: waiting on Managed Tenants SRE`;

    await advance(20);
    expect(occurrences(await notificationsOf('acc-mt-sre'), line)).toBe(0);
    await advance(10);
    expect(occurrences(await notificationsOf('acc-mt-sre'), line)).toBe(1);
    await advance(26);
    expect(occurrences(await notificationsOf('acc-mt-sre'), line)).toBe(1);
    expect(occurrences(await notificationsOf('acc-admin'), line)).toBe(0);

    await advance(24);
    const admin = await notificationsOf('acc-admin');
    expect(occurrences(admin, line)).toBe(1);
    expect(admin).toContain('Escalation:');
    await advance(48);
    expect(occurrences(await notificationsOf('acc-admin'), line)).toBe(1);
    expect(occurrences(await notificationsOf('acc-mt-sre'), line)).toBe(1);
  });

  it('tells the reporter once when a team declines and once when the stage becomes ready', async () => {
    const { key } = await env.client.createTicket('Reporter news ticket');
    await env.client.call(DEMO.approverOf('osd-e2e'), 'panel', 'decide', { team: 'osd-e2e', decision: 'decline', comment: 'e2e suite is red' }, { issueKey: key });
    await advance(2);
    const declined = `${key}: OSD e2e declined Promote to prod`;
    expect(occurrences(await notificationsOf('acc-pm'), declined)).toBe(1);

    // The PM answers the stage's checklist and every team agrees at the stage: it is ready.
    await env.client.fillIn(key, 'promote-to-prod');
    for (const team of ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']) await env.client.approveAt(key, team, ['promote-to-prod']);
    await advance(3);
    const pm = await notificationsOf('acc-pm');
    expect(occurrences(pm, declined)).toBe(1);
    expect(occurrences(pm, `${key}: Promote to prod is ready`)).toBe(1);
  });
});

/** The reminders' ports as the app builds them, with a time budget that runs out after `allowed` checks. */
function portsWithBudget(allowed: number): ReminderPorts {
  let checks = 0;
  return { ...env.forge.reminderPorts(), budget: { remainingMs: () => (++checks <= allowed ? Number.POSITIVE_INFINITY : STOP_MARGIN_MS - 1) } };
}

describe('a reminders run that stops for time', () => {
  it('leaves a cursor and the next run carries on after it, planning every candidate once', async () => {
    for (let i = 0; i < 9; i++) await env.client.createTicket(`Resumed reminders ${i}`);
    await env.site.drainEvents();
    const { id: projectId } = (await env.client.restOk(DEMO.admin, 'GET', `/rest/api/3/project/${DEMO.projectKey}`, undefined, 200)) as { id: string };
    const found = (await env.client.restOk('app', 'POST', '/rest/api/3/search/jql', { jql: remindersJql(projectId), fields: ['status'], maxResults: 100 }, 200)) as {
      issues: { key: string; fields: { status: { statusCategory: { key: string } } } }[];
    };
    const isOpen = (issue: (typeof found.issues)[number]): boolean => issue.fields.status.statusCategory.key !== 'done';
    const candidates = found.issues.filter(isOpen);
    expect(candidates.length).toBeGreaterThan(8);

    // Two budget checks pass (two batches of four tickets; done ones are not planned), then time is short: the run
    // stops and leaves a cursor after the eighth.
    const first = await runReminders(portsWithBudget(2));
    expect(first).toMatchObject({ finished: false, checked: found.issues.slice(0, 8).filter(isOpen).length, failed: [] });
    const progress = await env.forge.reminderPorts().progress.read();
    expect(progress.cursor).toEqual({ projectId, afterKey: found.issues[7]?.key });

    const second = await runReminders(portsWithBudget(Number.POSITIVE_INFINITY));
    expect(second).toMatchObject({ finished: true, failed: [] });
    expect(first.checked + second.checked).toBe(candidates.length);
    expect((await env.forge.reminderPorts().progress.read()).cursor).toBeUndefined();
  });
});

describe('reminders to approvers a ticket field names', () => {
  it('remind the owning SIG the KEP names, once, and not another SIG', async () => {
    const kep = { projectKey: 'KEP' };
    const config = await env.client.configV2('KEP');
    const reminders = { remindAfterHours: 24, repeatEveryDays: 7, escalateAfterHours: 0, escalationGroups: [], tellReporter: false };
    const timed: GateConfigV2 = { ...config, stages: config.stages.map((stage) => (stage.key === 'alpha' ? { ...stage, reminders } : stage)) };
    await env.client.call(DEMO.admin, 'settings', 'saveConfig', { config: timed }, kep);
    const fields = { project: { key: 'KEP' }, summary: 'Reminded sidecar', issuetype: { name: 'Task' }, customfield_10070: { value: 'sig-apps' } };
    const { key } = (await env.client.restOk(DEMO.pm, 'POST', '/rest/api/3/issue', { fields }, 201)) as { key: string };
    await env.site.drainEvents();

    await advance(30);
    const line = `${key} (Reminded sidecar), Alpha: waiting on Owning SIG`;
    expect(occurrences(await notificationsOf('acc-sig-apps'), line)).toBe(1);
    expect(occurrences(await notificationsOf('acc-sig-node'), line)).toBe(0);
    expect(occurrences(await notificationsOf('acc-prr'), `${key} (Reminded sidecar), Alpha: waiting on PRR team`)).toBe(1);
    await advance(24);
    expect(occurrences(await notificationsOf('acc-sig-apps'), line)).toBe(1);
  });
});
