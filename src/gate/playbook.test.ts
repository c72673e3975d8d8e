import type { GateConfig } from './config';
import { evaluateAll, evaluateStage } from './evaluate';
import { readRecords } from './integrity';
import { playbookMarkdown } from './playbook';
import { answersDigest } from './playbook-rules';
import { serviceAssurance } from './service-assurance';
import { templateConfig } from './templates';
import { IssueFixture } from '../../test/support/issue-fixture';

const prr = templateConfig('kubernetes-prr') as GateConfig;
const addon = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-11-01T10:00:00.000Z';
const NOW = new Date('2026-11-03T10:00:00.000Z');

function markdownOf(config: GateConfig, issue: IssueFixture): string {
  const snapshot = issue.snapshot();
  const records = readRecords(config, snapshot);
  return playbookMarkdown({
    config,
    issue: { key: 'KEP-2', title: 'Parallel pulls', status: 'Alpha' },
    records,
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
});
