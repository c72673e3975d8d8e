import type { EvidenceFile, EvidenceFormat } from '../contract';
import { evidenceMarkdown, evidenceOf } from '../gate/v2/evidence';
import type { Caller, PanelPorts } from '../ports';
import { gateFactsOf } from './gate-facts';
import { loadIssueContext, requireConfigured } from './issue-context';

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
  const untrusted = new Set(facts.records.unverified.map((u) => u.propertyKey));
  const digests = Object.fromEntries(Object.entries(verified.snapshot.digests).filter(([key]) => Object.hasOwn(verified.issue.properties, key) && !untrusted.has(key)));
  const evidence = evidenceOf(facts, digests, ports.clock.now());
  const name = `${verified.issue.key}-go-live-evidence`;
  return format === 'json'
    ? { fileName: `${name}.json`, mediaType: 'application/json', content: `${JSON.stringify(evidence, null, 2)}\n` }
    : { fileName: `${name}.md`, mediaType: 'text/markdown', content: evidenceMarkdown(evidence) };
}
