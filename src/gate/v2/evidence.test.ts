import type { GateConfigV2 } from './config';
import { evaluateStageV2 } from './evaluate';
import { evidenceMarkdown, evidenceOf, passRecordOf, reopenedPass } from './evidence';
import { IssueFixtureV2 } from '../../../test/support/v2-issue-fixture';
import { readRecordsV2 } from './read-records';
import { decisionProperty, passProperty } from './records';
import { templateConfigV2 } from './templates';

const addon = templateConfigV2('managed-addon') as GateConfigV2;
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const NOW = new Date('2026-03-03T09:00:00.000Z');
const TRANSITION = { id: '21', from: '10001', to: '10002' };
const PROMOTE = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

const promoted = (): IssueFixtureV2 => {
  const issue = new IssueFixtureV2(addon).answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://ci.example.com/osde2e/1' }, T0);
  for (const team of PROMOTE) issue.approve('promote-to-prod', team, T0);
  return issue;
};

describe('passRecordOf', () => {
  it('records the verdict, the configuration version and the digest of every record it relied on', () => {
    const issue = promoted();
    const facts = issue.facts();
    const verdict = evaluateStageV2(facts, 'promote-to-prod', new Date(T1));
    const { digests } = issue.snapshot();
    const outcome = passRecordOf(facts, verdict, TRANSITION, 'acc-pm', T1, digests);
    expect(outcome).toEqual({
      ok: true,
      record: {
        kind: 'pass',
        schemaVersion: 2,
        issueId: '10001',
        stage: 'promote-to-prod',
        at: T1,
        by: 'acc-pm',
        transition: TRANSITION,
        configVersion: 0,
        overridden: false,
        message: 'Promote to prod: ready',
        relied: Object.fromEntries(verdict.relied.map((k) => [k, digests[k]])),
      },
    });
    expect(Object.keys(outcome.ok ? outcome.record.relied : {})).toEqual([
      'golive-gate.answers',
      ...PROMOTE.map((t) => decisionProperty('promote-to-prod', t, `acc-${t}`)).sort(),
    ]);
  });

  it('stores nothing for a blocked verdict, a stage that already passed, or a record without a digest', () => {
    const blocked = new IssueFixtureV2(addon);
    expect(passRecordOf(blocked.facts(), evaluateStageV2(blocked.facts(), 'promote-to-prod', NOW), TRANSITION, 'acc-pm', T1, {})).toEqual({
      ok: false,
      reason: 'The ticket moved while Promote to prod blocked: waiting on SRE-P, OSD e2e, Managed Tenants SRE, Dev team; 1 question unanswered; 1 checklist item not ticked',
    });
    const passed = promoted().pass('promote-to-prod', T0);
    expect(passRecordOf(passed.facts(), evaluateStageV2(passed.facts(), 'promote-to-prod', NOW), TRANSITION, 'acc-pm', T1, passed.snapshot().digests)).toEqual({
      ok: false,
      reason: 'Promote to prod already passed on 2026-03-01',
    });
    const ready = promoted();
    expect(passRecordOf(ready.facts(), evaluateStageV2(ready.facts(), 'promote-to-prod', NOW), TRANSITION, 'acc-pm', T1, {})).toEqual({
      ok: false,
      reason: 'The record golive-gate.answers that Promote to prod relies on has no digest the app wrote',
    });
  });

  it('marks a pass reopened when the ticket goes back, keeping its evidence', () => {
    const issue = promoted();
    const outcome = passRecordOf(issue.facts(), evaluateStageV2(issue.facts(), 'promote-to-prod', NOW), TRANSITION, 'acc-pm', T1, issue.snapshot().digests);
    if (!outcome.ok) throw new Error(outcome.reason);
    const reopened = reopenedPass(outcome.record, { at: NOW.toISOString(), by: 'acc-pm', to: '10001' });
    issue.write(reopened);
    expect(readRecordsV2(addon, issue.snapshot()).passes['promote-to-prod']).toEqual(reopened);
    expect(evaluateStageV2(issue.facts(), 'promote-to-prod', NOW).passed).toBeUndefined();
  });
});

describe('evidence export', () => {
  it('lists each stage with its pass, the records it relied on and whether they changed since, as JSON and Markdown', () => {
    const issue = promoted();
    const outcome = passRecordOf(issue.facts(), evaluateStageV2(issue.facts(), 'promote-to-prod', NOW), TRANSITION, 'acc-pm', T1, issue.snapshot().digests);
    if (!outcome.ok) throw new Error(outcome.reason);
    issue.write(outcome.record).withTicket({ statusId: TRANSITION.to });
    const digests = issue.snapshot().digests;
    const evidence = evidenceOf(issue.facts(), digests, NOW);
    expect(evidence.ticket).toEqual({ id: '10001', key: 'SKU-1', projectKey: 'SKU' });
    expect(evidence.stages.map((s) => [s.stage, s.pass?.at, s.verdict.message])).toEqual([
      ['promote-to-prod', T1, 'Promote to prod: passed on 2026-03-02'],
      ['go-live', undefined, expect.stringContaining('Go live blocked') as unknown],
    ]);
    expect(evidence.digests[passProperty('promote-to-prod')]).toBe(digests[passProperty('promote-to-prod')]);
    const markdown = evidenceMarkdown(evidence);
    expect(markdown.split('\n').slice(0, 9)).toEqual([
      '# Go-Live Gate evidence for SKU-1',
      '',
      "Exported 2026-03-03T09:00:00.000Z, configuration version 0. Digests are SHA-256 of each record's canonical JSON, as the app stored them.",
      '',
      '## Promote to prod',
      '',
      'Passed on 2026-03-02T09:00:00.000Z when acc-pm moved the ticket from 10001 to 10002 (change 21), configuration version 0.',
      '',
      'Verdict then: Promote to prod: ready',
    ]);
    expect(markdown).toContain(`| golive-gate.answers | \`${digests['golive-gate.answers'] ?? ''}\` | unchanged |`);
    expect(markdown).toContain('| SRE-P | approved (1 of 1) | acc-sre-p at 2026-03-01T09:00:00.000Z via golive-sre-p: counts | SRE-P approved 1 day ago |');
    expect(markdown).toContain('## Go live\n\nNot passed. Verdict now: Go live blocked');
  });
});
