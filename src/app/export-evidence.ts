import type { EvidenceFile, EvidenceFormat } from '../contract';
import { evidenceMarkdown, evidenceOf } from '../gate/v2/evidence';
import type { Caller, PanelPorts } from '../ports';
import type { GateFacts } from '../gate/v2/evaluate';
import { gateFactsOf } from './gate-facts';
import type { VerifiedIssue } from './verified-issue';
import { loadIssueContext, requireConfigured } from './issue-context';

/**
 * The digest of every record the app trusts on the ticket, by property key: its head's digest, for a property that is
 * on the issue and verifies. What a pass record stores for the records it relied on, and what the export compares with.
 *
 * @example
 * trustedDigests(verified, gateFactsOf(config, verified))['golive-gate.answers'] // '3f1c…'
 */
export function trustedDigests(verified: Pick<VerifiedIssue, 'issue' | 'snapshot'>, facts: GateFacts): Record<string, string> {
  const untrusted = new Set(facts.records.unverified.map((u) => u.propertyKey));
  return Object.fromEntries(Object.entries(verified.snapshot.digests).filter(([key]) => Object.hasOwn(verified.issue.properties, key) && !untrusted.has(key)));
}

/**
 * `exportEvidence`: what an auditor asks for on one ticket, as JSON or Markdown: every stage's pass record (if any) and
 * verdict now, and the digest of every record the app trusts, so each pass's relied-on digests can be checked. Anyone
 * who can see the ticket can export it; nothing is written.
 *
 * @example
 * (await exportEvidence(ports, caller, 'SKU-1', 'markdown')).fileName // 'SKU-1-go-live-evidence.md'
 */
export async function exportEvidence(ports: PanelPorts, caller: Caller, issueIdOrKey: string, format: EvidenceFormat): Promise<EvidenceFile> {
  const { stored, verified } = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const facts = gateFactsOf(stored.configV2, verified);
  const evidence = evidenceOf(facts, trustedDigests(verified, facts), ports.clock.now());
  const name = `${verified.issue.key}-go-live-evidence`;
  return format === 'json'
    ? { fileName: `${name}.json`, mediaType: 'application/json', content: `${JSON.stringify(evidence, null, 2)}\n` }
    : { fileName: `${name}.md`, mediaType: 'text/markdown', content: evidenceMarkdown(evidence) };
}
