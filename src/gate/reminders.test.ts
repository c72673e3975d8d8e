import type { GateConfig } from './config';
import { parseGateConfig } from './config';
import { evaluateAll } from '../../test/support/v1-evaluate';
import { IssueFixture } from '../../test/support/issue-fixture';
import { DEFAULT_STAGE_REMINDERS, remindsAnyone } from './reminder-defaults';
import type { RemindedIssue } from './reminders';
import { digestLines, dueNotices, reporterNotices, waitsOf } from './reminders';
import { templateConfig } from '../../test/support/v1-templates';

const HOUR = 3_600_000;
const template = templateConfig('managed-addon') as GateConfig;
const reminders = { remindAfterHours: 24, repeatEveryDays: 2, escalateAfterHours: 72, escalationGroups: ['golive-leads'], tellReporter: true };
const config: GateConfig = { ...template, stages: template.stages.map((stage) => (stage.key === 'promote-to-prod' ? { ...stage, reminders } : stage)) };
const issue: RemindedIssue = { id: '10001', key: 'SKU-1', title: 'Add-on X', created: '2026-03-01T00:00:00.000Z' };
const at = (hours: number): Date => new Date(Date.parse(issue.created) + hours * HOUR);

describe('waitsOf', () => {
  it('names each team keeping the ticket waiting at its current stage, since the ticket entered it', () => {
    const fixture = new IssueFixture(config).approve('sre-p', at(1).toISOString());
    const waits = waitsOf(config, evaluateAll(config, fixture.snapshot(), at(30)), issue);
    expect(waits.map((w) => [w.stage.key, w.team.key, w.since.toISOString()]).sort()).toEqual(['dev-team', 'mt-sre', 'osd-e2e'].map((team) => ['promote-to-prod', team, issue.created]));
  });

  it('counts a wait at the next stage from the moment the previous one passed', () => {
    const fixture = new IssueFixture(config);
    ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'].forEach((team, n) => fixture.approve(team, at(n + 1).toISOString()));
    const waits = waitsOf(config, evaluateAll(config, fixture.snapshot(), at(50)), issue);
    expect(waits[0]?.stage.key).toBe('go-live');
    expect(new Set(waits.map((w) => w.since.toISOString()))).toEqual(new Set([at(4).toISOString()]));
  });
});

describe('dueNotices', () => {
  const waits = waitsOf(config, evaluateAll(config, new IssueFixture(config).snapshot(), at(1)), issue).filter((w) => w.team.key === 'mt-sre');

  it('reminds once past the threshold, again only after the repeat interval, and escalates once past the longer wait', () => {
    expect(dueNotices(waits, at(23))).toEqual([]);
    const first = dueNotices(waits, at(24)).map((n) => n.key);
    expect(first).toHaveLength(1);
    expect(dueNotices(waits, at(71)).map((n) => n.key)).toEqual(first);
    const later = dueNotices(waits, at(72));
    expect(later.map((n) => n.kind)).toEqual(['reminder', 'escalation']);
    expect(later[0]?.key).not.toBe(first[0]);
    expect(dueNotices(waits, at(200)).filter((n) => n.kind === 'escalation').map((n) => n.key)).toEqual([later[1]?.key]);
  });

  it('tells nobody when reminders and escalation are turned off', () => {
    const off = waits.map((w) => ({ ...w, stage: { ...w.stage, reminders: { ...reminders, remindAfterHours: 0, escalateAfterHours: 0 } } }));
    expect(dueNotices(off, at(500))).toEqual([]);
    const noGroup = waits.map((w) => ({ ...w, stage: { ...w.stage, reminders: { ...reminders, escalationGroups: [] } } }));
    expect(dueNotices(noGroup, at(500)).map((n) => n.kind)).toEqual(['reminder']);
    expect(remindsAnyone({ reminders: { ...reminders, remindAfterHours: 0, escalateAfterHours: 0, tellReporter: false } })).toBe(false);
    expect(remindsAnyone({})).toBe(true);
  });

  it('uses the defaults for a stage saved without reminders', () => {
    const plain = waits.map((w) => ({ ...w, stage: { key: w.stage.key, name: w.stage.name } }));
    expect(dueNotices(plain, at(DEFAULT_STAGE_REMINDERS.remindAfterHours - 1))).toEqual([]);
    expect(dueNotices(plain, at(DEFAULT_STAGE_REMINDERS.remindAfterHours)).map((n) => n.kind)).toEqual(['reminder']);
  });

  it('lists the longest wait first in a digest', () => {
    expect(digestLines(dueNotices(waits, at(50)), at(50))).toEqual(['SKU-1 (Add-on X), Promote to prod: waiting on Managed Tenants SRE for 2 days']);
  });
});

describe('reporterNotices', () => {
  it('tells the reporter of a recent decline and of a stage that became ready, and not of old news', () => {
    const declined = new IssueFixture(config).decline('osd-e2e', at(2).toISOString(), 'e2e suite is red');
    expect(reporterNotices(config, evaluateAll(config, declined.snapshot(), at(3)), issue, at(3)).map((n) => n.subject)).toEqual(['SKU-1: OSD e2e declined Promote to prod']);
    expect(reporterNotices(config, evaluateAll(config, declined.snapshot(), at(400)), issue, at(400))).toEqual([]);

    const ready = new IssueFixture(config);
    ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'].forEach((team) => ready.approve(team, at(5).toISOString()));
    expect(reporterNotices(config, evaluateAll(config, ready.snapshot(), at(6)), issue, at(6)).map((n) => n.subject)).toEqual(['SKU-1: Promote to prod is ready']);
  });
});

describe('a stage’s reminder settings', () => {
  it('are optional, and refuse an escalation that would come before the reminder', () => {
    expect(parseGateConfig(template).ok).toBe(true);
    const early = { ...template, stages: template.stages.map((stage) => ({ ...stage, reminders: { remindAfterHours: 48, escalateAfterHours: 24 } })) };
    const parsed = parseGateConfig(early);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['stages.0.reminders.escalateAfterHours', 'stages.1.reminders.escalateAfterHours']);
    const off = { ...template, stages: template.stages.map((stage) => ({ ...stage, reminders: { remindAfterHours: 0, escalateAfterHours: 0 } })) };
    const saved = parseGateConfig(off);
    expect(saved.ok && saved.value.stages[0]?.reminders).toEqual({ remindAfterHours: 0, repeatEveryDays: 3, escalateAfterHours: 0, escalationGroups: [], tellReporter: true });
  });
});
