import type { GateFacts } from './evaluate';
import { evaluateAllV2 } from './evaluate';
import type { PassRecord } from './records';
import type { VerdictV2 } from './verdict';

/** The gated transition Jira reports in the issue's changelog: its id, the status ids and, for people, their names. */
export type GatedTransition = PassRecord['transition'];

export type PassOutcome = { readonly ok: true; readonly record: PassRecord } | { readonly ok: false; readonly reason: string };

const grantOf = (grant: { readonly by: string; readonly at: string; readonly justification: string }): NonNullable<PassRecord['override']> => ({
  by: grant.by,
  at: grant.at,
  justification: grant.justification,
});

/**
 * The pass record to store once a gated transition has moved the ticket: the verdict re-evaluated from verified
 * records, the configuration version, and the digest of every record the verdict relied on (from the app's own heads).
 * Nothing is stored for a verdict that does not allow the stage, or a stage that already stays passed.
 *
 * @example
 * passRecordOf(facts, verdict, { id: '21', from: '10001', to: '10002' }, 'acc-pm', at, digests)
 * // { ok: true, record: { kind: 'pass', stage: 'go-live', relied: { 'golive-gate.decision.go-live.cee.acc-cee': '3f1c…', ... }, ... } }
 */
export function passRecordOf(
  facts: GateFacts,
  verdict: VerdictV2,
  transition: GatedTransition,
  by: string,
  at: string,
  digests: Readonly<Record<string, string>>,
): PassOutcome {
  if (!verdict.gated) return { ok: false, reason: verdict.message };
  if (verdict.passed !== undefined) return { ok: false, reason: `${verdict.stageName} already passed on ${verdict.passed.at.slice(0, 10)}` };
  if (!verdict.allowed) return { ok: false, reason: `The ticket moved while ${verdict.message}` };
  const relied: Record<string, string> = {};
  for (const key of verdict.relied) {
    const digest = Object.hasOwn(digests, key) ? digests[key] : undefined;
    if (digest === undefined) return { ok: false, reason: `The record ${key} that ${verdict.stageName} relies on has no digest the app wrote` };
    relied[key] = digest;
  }
  return {
    ok: true,
    record: {
      kind: 'pass',
      schemaVersion: 2,
      issueId: facts.ticket.id,
      stage: verdict.stage,
      at,
      by,
      transition: { ...transition },
      configVersion: facts.config.version,
      overridden: verdict.overridden,
      ...(verdict.overridden && verdict.override !== undefined && { override: grantOf(verdict.override) }),
      ...(verdict.exception !== undefined && { exception: grantOf(verdict.exception) }),
      message: verdict.message,
      relied,
    },
  };
}

/**
 * The pass record once the ticket went back to the status the gated transition left: the stage's decisions become
 * writable again, and the evidence of the earlier pass is kept in the record.
 *
 * @example
 * reopenedPass(pass, { at, by: 'acc-pm', to: '10001' }).reopened // { at, by: 'acc-pm', to: '10001' }
 */
export function reopenedPass(pass: PassRecord, reopened: NonNullable<PassRecord['reopened']>): PassRecord {
  return { ...pass, reopened };
}

/** What an auditor asks for, per stage: the pass (if any), the verdict now, and the decisions behind it. */
export interface Evidence {
  readonly ticket: { readonly id: string; readonly key: string; readonly projectKey: string };
  readonly exportedAt: string;
  readonly configVersion: number;
  readonly stages: readonly {
    readonly stage: string;
    readonly name: string;
    readonly pass?: PassRecord | undefined;
    readonly verdict: VerdictV2;
  }[];
  /** The digest of every record the app trusts on the ticket, by property key: what a pass's `relied` is checked against. */
  readonly digests: Readonly<Record<string, string>>;
}

/**
 * The evidence of one ticket for export: every stage's pass record and verdict, and the digests of the records.
 *
 * @example
 * JSON.stringify(evidenceOf(facts, digests, now)) // the "Export evidence" JSON
 */
export function evidenceOf(facts: GateFacts, digests: Readonly<Record<string, string>>, now: Date): Evidence {
  const verdicts = evaluateAllV2(facts, now);
  return {
    ticket: { id: facts.ticket.id, key: facts.ticket.key, projectKey: facts.ticket.projectKey },
    exportedAt: now.toISOString(),
    configVersion: facts.config.version,
    stages: verdicts.map((verdict) => {
      const pass = Object.hasOwn(facts.records.passes, verdict.stage) ? facts.records.passes[verdict.stage] : undefined;
      return { stage: verdict.stage, name: verdict.stageName, ...(pass !== undefined && { pass }), verdict };
    }),
    digests: Object.fromEntries(Object.entries(digests).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** A Markdown table cell: no line breaks, pipes escaped. */
const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function stageMarkdown(stage: Evidence['stages'][number], digests: Readonly<Record<string, string>>): string[] {
  const { verdict, pass } = stage;
  const lines = [`## ${stage.name}`, ''];
  if (pass !== undefined) {
    const reopened = pass.reopened === undefined ? '' : `; reopened on ${pass.reopened.at} by ${pass.reopened.by}`;
    const { transition } = pass;
    const status = (name: string | undefined, id: string): string => (name === undefined ? id : `${name} (${id})`);
    const grants = [
      pass.override === undefined ? undefined : `Overridden by ${pass.override.by} on ${pass.override.at}: ${cell(pass.override.justification)}`,
      pass.exception === undefined ? undefined : `Freeze exception by ${pass.exception.by} on ${pass.exception.at}: ${cell(pass.exception.justification)}`,
    ].flatMap((line) => (line === undefined ? [] : [line, '']));
    lines.push(
      `Passed on ${pass.at} when ${pass.by} moved the ticket from ${status(transition.fromName, transition.from)} to ${status(transition.toName, transition.to)} (change ${transition.id}), configuration version ${pass.configVersion}${pass.overridden ? ', by override' : ''}${reopened}.`,
      '',
      `Verdict then: ${pass.message}`,
      '',
      ...grants,
      '| Record relied on | Digest at the pass | Digest now |',
      '|---|---|---|',
      ...Object.entries(pass.relied).map(([key, digest]) => `| ${cell(key)} | \`${digest}\` | ${digests[key] === digest ? 'unchanged' : `\`${digests[key] ?? 'gone'}\``} |`),
      '',
    );
  } else {
    lines.push(`Not passed. Verdict now: ${verdict.message}`, '');
  }
  if (verdict.teams.length > 0) {
    lines.push('| Team | State | Approvals | Why |', '|---|---|---|---|');
    for (const team of verdict.teams) {
      const approvals = team.approvals.map((a) => `${a.by} at ${a.at} via ${a.via}${a.legacy ? ' (before approvals were per stage)' : ''}${a.carriedFrom ? ` (from ${a.carriedFrom})` : ''}: ${a.state}`).join('; ');
      lines.push(`| ${cell(team.name)} | ${team.state} (${team.have} of ${team.needed}) | ${cell(approvals || 'none')} | ${cell(team.reason)} |`);
    }
    lines.push('');
  }
  const facts = [...verdict.numbers.map((n) => `${n.label}: ${n.state}${n.value === undefined ? '' : ` (${n.value}${n.unit ? ` ${n.unit}` : ''})`}`), ...verdict.questions.map((i) => `${i.text}: ${i.state}`)];
  if (facts.length > 0) lines.push(...facts.map((f) => `- ${cell(f)}`), '');
  return lines;
}

/**
 * The evidence as Markdown, for an audit ticket or a wiki page.
 *
 * @example
 * evidenceMarkdown(evidenceOf(facts, digests, now)).split('\n')[0] // '# Go-Live Gate evidence for SKU-1'
 */
export function evidenceMarkdown(evidence: Evidence): string {
  const lines = [
    `# Go-Live Gate evidence for ${evidence.ticket.key}`,
    '',
    `Exported ${evidence.exportedAt}, configuration version ${evidence.configVersion}. Digests are SHA-256 of each record's canonical JSON, as the app stored them.`,
    '',
    ...evidence.stages.flatMap((stage) => stageMarkdown(stage, evidence.digests)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
