import type { GateConfig } from './config';
import { evaluateAll, evaluateStage } from '../../test/support/v1-evaluate';
import { readRecords } from './integrity';
import { playbookMarkdown } from './playbook';
import { answersDigest } from './playbook-rules';
import { serviceAssurance } from './service-assurance';
import { templateConfig } from '../../test/support/v1-templates';
import { migrateConfig } from './v2/migrate';
import { readRecordsV2 } from './v2/read-records';
import { IssueFixtureV2 } from '../../test/support/v2-issue-fixture';
import { evaluateAllV2 } from './v2/evaluate';
import { templateConfigV2 } from './v2/templates';
import { v1RulesConfig } from './v2/v1-rules';
import { verdictInV1Shape } from './v2/verdict-v1-shape';
import { IssueFixture } from '../../test/support/issue-fixture';

const prr = templateConfig('kubernetes-prr') as GateConfig;
const addon = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-11-01T10:00:00.000Z';
const NOW = new Date('2026-11-03T10:00:00.000Z');

function markdownOf(config: GateConfig, issue: IssueFixture): string {
  const snapshot = issue.snapshot();
  const records = readRecords(config, snapshot);
  const configV2 = migrateConfig(config);
  const v2 = readRecordsV2(configV2, { ...snapshot, issueId: snapshot.issue.id });
  return playbookMarkdown({
    config,
    issue: { key: 'KEP-2', title: 'Parallel pulls', status: 'Alpha' },
    records,
    items: configV2.items,
    answers: v2.answers,
    decisions: v2.decisions,
    untrusted: v2.unverified.map((u) => u.propertyKey),
    verdicts: evaluateAll(config, snapshot, NOW, { records }),
    assurance: serviceAssurance(config, 'Alpha'),
    heads: {},
    events: [{ at: T0, actor: 'acc-prr', action: 'decide', detail: 'Approved for PRR team' }],
    generatedBy: 'acc-prr',
    now: NOW,
  });
}

describe('the playbook', () => {
  it('shows every question with its answer, or says it is not answered', () => {
    const issue = new IssueFixture(prr).answer({ 'enable-disable': 'A feature gate', slis: 'pull latency p99' }, T0).approve('prr', T0);
    const markdown = markdownOf(prr, issue);
    for (const question of prr.questions) expect(markdown).toContain(`**${question.text}**`);
    expect(markdown).toContain('A feature gate');
    expect(markdown).toContain('pull latency p99');
    expect(markdown.split('_Not answered._').length - 1).toBe(prr.questions.length - 2);
    expect(markdown).toContain('Service assurance: **experimental** (since Alpha)');
    expect(markdown).toMatch(/\| PRR team \| approved \| acc-prr \|/);
  });

  it('writes user text as text: no HTML, headings or table breaks', () => {
    const issue = new IssueFixture(prr).answer({ 'enable-disable': '<script>x</script>\n# not a heading | pipe' }, T0);
    const markdown = markdownOf(prr, issue);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\<script\\>x\\</script\\>  \n\\# not a heading \\| pipe');
  });

  it('shows each number with its basis and who signs it off', () => {
    const issue = new IssueFixture(addon).recordNumbers({ capacity: 100 }, T0, 'acc-sre-p', { capacity: { humanToil: 'One on-call rotation', figures: [{ label: 'cost per customer', value: 8, unit: 'USD' }] } });
    const markdown = markdownOf(addon, issue);
    expect(markdown).toContain('- **Capacity**: 100 customers (signed off by SRE-P)\n  - Human toil: One on-call rotation\n  - Figure: cost per customer = 8 USD');
    expect(markdown).toContain('- **Velocity**: _not recorded_');
  });
});

describe('a stage that requires a current playbook', () => {
  const config: GateConfig = { ...prr, stages: prr.stages.map((s) => (s.key === 'beta' ? { ...s, requirePlaybook: true } : s)) };
  const playbook = (issue: IssueFixture) => {
    const records = readRecords(config, issue.snapshot());
    const { id } = issue.snapshot().issue;
    return { kind: 'playbook' as const, issueId: id, attachmentId: '10', fileName: 'KEP-2-playbook.md', sha256: 'a'.repeat(64), answersDigest: answersDigest(records.answers), by: 'acc-prr', at: T0 };
  };

  it('blocks until a playbook is generated, and again when the answers change after it', () => {
    const issue = new IssueFixture(config).answer({ 'enable-disable': 'gate' }, T0);
    expect(evaluateStage(config, 'beta', issue.snapshot(), NOW).missing).toContain('playbook not generated');
    expect(evaluateStage(config, 'alpha', issue.snapshot(), NOW).missing).not.toContain('playbook not generated');
    issue.write(playbook(issue));
    expect(evaluateStage(config, 'beta', issue.snapshot(), NOW).missing).not.toContain('playbook not generated');
    issue.answer({ 'enable-disable': 'gate, off by default' }, T0);
    const verdict = evaluateStage(config, 'beta', issue.snapshot(), NOW);
    expect(verdict.missing).toContain('playbook out of date');
    expect(verdict.message).toContain('playbook out of date');
  });

  it('shows typed answers (a ticked box, a link) and the decisions given for each stage, from gate model v2 records', () => {
    const configV2 = templateConfigV2('managed-addon');
    if (configV2 === undefined) throw new Error('the managed add-on template');
    const issue = new IssueFixtureV2(configV2)
      .answer({ 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/actions/runs/1' }, T0)
      .approve('promote-to-prod', 'sre-p', T0)
      .decline('go-live', 'sre-p', T0, 'Capacity not agreed yet');
    const config = v1RulesConfig(configV2);
    const snapshot = issue.snapshot();
    const v2 = issue.records();
    const markdown = playbookMarkdown({
      config,
      issue: { key: 'SKU-7', title: 'Add-on X', status: 'In Review' },
      records: readRecords(config, { issue: { id: snapshot.issueId, key: 'SKU-7' }, properties: snapshot.properties, digests: snapshot.digests }),
      items: configV2.items,
      answers: v2.answers,
      decisions: v2.decisions,
      untrusted: v2.unverified.map((u) => u.propertyKey),
      verdicts: evaluateAllV2(issue.facts(), NOW).map(verdictInV1Shape),
      assurance: serviceAssurance(config, 'In Review'),
      heads: {},
      events: [],
      generatedBy: 'acc-pm',
      now: NOW,
    });
    expect(markdown).not.toContain('Records changed outside the app');
    expect(markdown).toContain('**The platform is not being compromised, and no forward-looking feature work is exposed or exploitable in Production OCM**\n\nTicked');
    expect(markdown).toContain('https://github.com/openshift/osde2e/actions/runs/1');
    expect(markdown).toMatch(/\*\*Demonstrated viability and support cover\*\*\n\n_Not answered\._/);
    expect(markdown).toMatch(/\| SRE-P \(Promote to prod\) \| approved \| acc-sre-p \|/);
    expect(markdown).toMatch(/\| SRE-P \(Go live\) \| declined \| acc-sre-p \| .* \| Capacity not agreed yet \|/);
  });
});
