import type { GateGlance } from '../contract';
import { stageProgress, stageStatus } from '../gate/glance';
import { currentVerdict } from '../gate/stages';
import { evaluateAllV2 } from '../gate/v2/evaluate';
import type { PanelPorts } from '../ports';
import { gateFactsOfIssue, withTicketFields } from './gate-facts';
import { withLegacyDigests } from './verified-issue';
import { withLinkedTickets } from './linked-tickets';

/**
 * `getGlance`: the current stage's line and the validator's message for the issue's sidebar. It reads the issue as the
 * caller (Jira answers not-found to someone who cannot see it), the configuration and the heads: no groups, no audit.
 *
 * @example
 * await loadGlance(ports, 'SKU-1') // { configured: true, progress: 'Promote to prod: 2 of 4', status: 'blocked', message: '...' }
 */
export async function loadGlance(ports: Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'clock'>, issueIdOrKey: string): Promise<GateGlance> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, heads] = await Promise.all([ports.configs.get(issue.projectId), ports.records.heads(issue.id).then((found) => withLegacyDigests(ports, issue, found))]);
  if (stored === undefined) return { configured: false };
  const withLinks = await withLinkedTickets(ports, stored.config, await withTicketFields(ports, stored.config, issue));
  // The validator's verdict (gate model v2), so the sidebar says what the transition will say.
  const verdicts = evaluateAllV2(gateFactsOfIssue(stored.config, withLinks, heads), ports.clock.now());
  const current = currentVerdict(verdicts);
  if (current === undefined) return { configured: false };
  return { configured: true, progress: stageProgress(current), status: stageStatus(current), message: current.message };
}
