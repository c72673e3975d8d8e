import type { GeneratedPlaybook } from '../contract';
import { sha256Hex } from '../gate/digest';
import { playbookMarkdown } from '../gate/playbook';
import { answersDigest } from '../gate/playbook-rules';
import { PLAYBOOK_PROPERTY } from '../gate/records';
import { serviceAssurance } from '../gate/service-assurance';
import { evaluateAllV2 } from '../gate/v2/evaluate';
import { refusalToRecordV2 } from '../gate/v2/permissions';
import { verdictInV1Shape } from '../gate/v2/verdict-v1-shape';
import { ForbiddenError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import { gateFactsOf } from './gate-facts';
import { loadIssueContext, requireConfigured } from './issue-context';
import { writeRecord } from './write-record';

/** The playbook's file name: the ticket and the moment, so each generation is its own attachment. */
const fileNameOf = (issueKey: string, now: Date): string => `${issueKey}-playbook-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '')}.md`;

/**
 * `generatePlaybook`: turns the ticket's verified questionnaire answers, numbers with their basis, checklist, approvals
 * and evidence into Markdown, attaches it to the ticket through Jira's attachments API (as the caller), and records the
 * playbook (tamper-evident like every record) with the digest of the answers it shows, so a stage that requires a
 * current playbook passes until the answers change. Answers the updated view and the Markdown, for download.
 *
 * @example
 * const { markdown, fileName } = await generatePlaybook(ports, { accountId: 'acc-prr' }, 'KEP-2');
 */
export async function generatePlaybook(ports: PanelPorts, caller: Caller, issueIdOrKey: string): Promise<GeneratedPlaybook> {
  if (ports.attachments === undefined) throw new Error('generatePlaybook needs the attachments port');
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, stored, verified, groups } = context;
  const { config } = stored;
  const facts = gateFactsOf(stored.configV2, verified);
  const refusal = refusalToRecordV2({ facts, accountId: caller.accountId, groups }, 'generate the playbook');
  if (refusal !== undefined) throw new ForbiddenError(`${refusal}.`);
  const now = ports.clock.now();
  const { records } = verified;
  const v2 = facts.records;
  const markdown = playbookMarkdown({
    config,
    issue: { key: issue.key, title: issue.summary, status: issue.status },
    records,
    // The items, their typed answers and the per-stage decisions as gate model v2 reads them, as the validator does.
    items: facts.config.items,
    answers: v2.answers,
    decisions: v2.decisions,
    untrusted: [...v2.unverified, ...records.unverified.filter((u) => u.what === 'usage')].map((u) => u.propertyKey),
    // The validator's judgement of every stage (gate model v2), in the shape the playbook lists.
    verdicts: evaluateAllV2(facts, now).map(verdictInV1Shape),
    assurance: serviceAssurance(config, issue.status),
    heads: Object.fromEntries(Object.entries(verified.heads).map(([key, head]) => [key, { seq: head.seq, digest: head.digest }])),
    events: context.audit.events,
    generatedBy: caller.accountId,
    now,
  });
  const fileName = fileNameOf(issue.key, now);
  const attached = await ports.attachments.attach(issue.id, fileName, markdown, 'text/markdown');
  // The answers the Markdown shows, whatever others save meanwhile: a playbook is current only for those.
  const shownAnswers = answersDigest(v2.answers);
  const draft = () => ({
    record: { kind: 'playbook' as const, issueId: issue.id, attachmentId: attached.id, fileName: attached.fileName, sha256: sha256Hex(markdown), answersDigest: shownAnswers, by: caller.accountId, at: now.toISOString() },
    entry: { action: 'generate-playbook', detail: `Generated the playbook ${attached.fileName} (attachment ${attached.id})` },
  });
  const gate = await writeRecord(ports, caller, context, PLAYBOOK_PROPERTY, draft, now);
  return { gate, markdown, fileName: attached.fileName, attachmentId: attached.id };
}
