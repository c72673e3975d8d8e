import type { GateConfig } from './config';
import type { RecordSet } from './integrity';
import { BASIS_PARTS } from './number-basis';
import { withUnit } from './number-rules';
import type { NumberBasis } from './records';
import type { ServiceAssurance } from './service-assurance';
import type { Verdict } from './verdict';
import type { Item } from './v2/config';
import type { AnswersView, AnswerValue, StageDecision } from './v2/records';

/** What the playbook is made of: the ticket, its verified records and verdicts, and the evidence the app keeps. */
export interface PlaybookInput {
  readonly config: GateConfig;
  readonly issue: { readonly key: string; readonly title: string; readonly status: string };
  /** The ticket's verified records as v1's reader reads them: numbers, usage, ticket-wide decisions, overrides. */
  readonly records: RecordSet;
  /** The questionnaire and checklist items (gate model v2), in the order configured. */
  readonly items: readonly Item[];
  /** The verified answers to the items, typed by each item's kind (gate model v2's reader). */
  readonly answers: AnswersView | undefined;
  /** The verified decisions per stage, team and approver (gate model v2). */
  readonly decisions: readonly StageDecision[];
  /** Property keys of the records the gate does not trust. */
  readonly untrusted: readonly string[];
  readonly verdicts: readonly Verdict[];
  readonly assurance: ServiceAssurance;
  /** The digest and sequence of each record the app wrote (its KVS head), by property key. */
  readonly heads: Readonly<Record<string, { readonly seq: number; readonly digest: string }>>;
  /** The latest audit events, newest first. */
  readonly events: readonly { readonly at: string; readonly actor: string; readonly action: string; readonly detail: string }[];
  readonly generatedBy: string;
  readonly now: Date;
}

/** User text inside Markdown: no HTML, no accidental emphasis, links or headings; line breaks kept. */
function text(value: string): string {
  return value
    .replace(/[\\`*_{}[\]<>#|!]/g, (c) => `\\${c}`)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('  \n');
}

/** User text inside a table cell: one line. */
const cell = (value: string): string => text(value).replace(/ {2}\n/g, ' ');

const day = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

function basisLines(basis: NumberBasis | undefined): string[] {
  if (basis === undefined) return ['  - Basis: _none recorded_'];
  const lines = BASIS_PARTS.flatMap(({ key, label }) => (basis[key] === undefined ? [] : [`  - ${label}: ${text(basis[key] ?? '')}`]));
  for (const figure of basis.figures ?? []) lines.push(`  - Figure: ${text(figure.label)} = ${text(withUnit(figure.value, figure.unit))}`);
  return lines;
}

/** An item's answer as the playbook prints it, or undefined when it is not answered (an unticked box is not). */
function answerOf(item: Item, value: AnswerValue | undefined): string | undefined {
  if (typeof value === 'boolean') return value ? 'Ticked' : undefined;
  if (typeof value === 'number') return withUnit(value, item.unit ?? '');
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * The production readiness playbook of a ticket as Markdown (seed 003: the questionnaire's results "will be included in
 * the playbook for the feature"): every questionnaire answer by section, the numbers with their basis, the checklist of
 * every stage, the approvals, and the evidence (each record's digest and the audit trail). Only records the gate trusts
 * are shown; untrusted ones are named as such.
 *
 * @example
 * playbookMarkdown({ config, issue: { key: 'KEP-2', title: 'Sidecar containers', status: 'Alpha' }, records, verdicts, ... })
 * // '# Production readiness playbook: KEP-2 Sidecar containers\n\n...'
 */
export function playbookMarkdown(input: PlaybookInput): string {
  const { config, issue, records, verdicts, assurance } = input;
  const teamName = (key: string): string => config.teams.find((t) => t.key === key)?.name ?? key;
  const out: string[] = [];
  out.push(`# Production readiness playbook: ${issue.key} ${cell(issue.title)}`, '');
  out.push(`Generated ${day(input.now.toISOString())} by ${cell(input.generatedBy)} from the Go-Live Gate records of ${issue.key} (status ${cell(issue.status)}).`, '');
  out.push(`Service assurance: **${assurance.level}**${assurance.stageName === undefined ? '' : ` (since ${cell(assurance.stageName)})`}.`, '');
  if (input.untrusted.length > 0) {
    out.push(`> Records changed outside the app are left out: ${input.untrusted.join(', ')}.`, '');
  }

  const { items, answers } = input;
  out.push('## Readiness questionnaire', '');
  if (items.length === 0) out.push('_The gate asks no questions._', '');
  const sections = [...new Set(items.map((item) => item.section))];
  for (const section of sections) {
    out.push(`### ${cell(section)}`, '');
    for (const item of items.filter((i) => i.section === section)) {
      const answer = answerOf(item, Object.hasOwn(answers?.answers ?? {}, item.key) ? answers?.answers[item.key] : undefined);
      out.push(`**${cell(item.text)}**`, '', answer === undefined ? '_Not answered._' : text(answer), '');
    }
  }
  if (answers !== undefined) out.push(`_Answers last saved ${day(answers.at)} by ${cell(answers.by)}._`, '');

  out.push('## Numbers and their basis', '');
  if (config.numbers.length === 0) out.push('_The gate records no numbers._', '');
  for (const spec of config.numbers) {
    const value = records.numbers?.values[spec.key];
    out.push(`- **${cell(spec.label)}**: ${value === undefined ? '_not recorded_' : text(withUnit(value, spec.unit))} (signed off by ${cell(teamName(spec.signedOffBy))})`);
    out.push(...basisLines(records.numbers?.basis?.[spec.key]));
    const measured = records.usage?.values[spec.key];
    if (measured !== undefined) out.push(`  - Measured usage: ${text(withUnit(measured, spec.unit))} (${day(records.usage?.measuredAt ?? '')})`);
  }
  out.push('');

  out.push('## Checklist', '');
  for (const verdict of verdicts) {
    out.push(`### ${cell(verdict.stageName)}: ${verdict.allowed ? (verdict.overridden ? 'overridden' : 'ready') : 'blocked'}`, '');
    for (const team of verdict.teams) out.push(`- [${team.state === 'approved' ? 'x' : ' '}] ${cell(team.name)}: ${team.state}`);
    for (const number of verdict.numbers) out.push(`- [${number.state === 'recorded' ? 'x' : ' '}] ${cell(number.label)}: ${cell(number.reason)}`);
    for (const question of verdict.questions) out.push(`- [${question.state === 'answered' ? 'x' : ' '}] ${cell(items.find((i) => i.key === question.key)?.text ?? question.key)}`);
    if (verdict.teams.length + verdict.numbers.length + verdict.questions.length === 0) out.push('- Nothing required.');
    out.push('');
  }

  const stageName = (key: string): string => config.stages.find((s) => s.key === key)?.name ?? key;
  out.push('## Approvals', '', '| Team | Decision | By | At | Comment |', '| --- | --- | --- | --- | --- |');
  for (const team of config.teams) {
    const decision = records.decisions[team.key];
    if (decision === undefined) continue;
    out.push(`| ${cell(team.name)} | ${decision.decision} | ${cell(decision.by)} | ${day(decision.at)} | ${cell(decision.comment ?? '')} |`);
  }
  // Decisions given for a stage (gate model v2), each approver's own, in the order of the stages.
  const stageOrder = (key: string): number => config.stages.findIndex((s) => s.key === key);
  for (const decision of [...input.decisions].sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage) || a.at.localeCompare(b.at))) {
    out.push(`| ${cell(teamName(decision.team))} (${cell(stageName(decision.stage))}) | ${decision.decision} | ${cell(decision.by)} | ${day(decision.at)} | ${cell(decision.comment ?? '')} |`);
  }
  for (const override of Object.values(records.overrides)) {
    out.push(`| ${cell(stageName(override.stage))} | overridden | ${cell(override.by)} | ${day(override.at)} | ${cell(override.justification)} |`);
  }
  out.push('');

  out.push('## Evidence', '', 'Each record the app wrote, with the SHA-256 digest it keeps where only the app can write (Forge KVS):', '');
  out.push('| Record | Write | Digest |', '| --- | --- | --- |');
  for (const [key, head] of Object.entries(input.heads).sort(([a], [b]) => a.localeCompare(b))) out.push(`| \`${key}\` | ${head.seq} | \`${head.digest}\` |`);
  out.push('', 'Audit trail (latest first):', '');
  for (const event of input.events) out.push(`- ${day(event.at)} ${cell(event.actor)}: ${cell(event.detail)}`);
  if (input.events.length === 0) out.push('- _No events._');
  out.push('');
  return out.join('\n');
}
