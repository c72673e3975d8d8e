import type { GateGlance } from '../contract';
import { evaluateAll } from '../gate/evaluate';
import { stageProgress, stageStatus } from '../gate/glance';
import { currentVerdict } from '../gate/stages';
import type { PanelPorts } from '../ports';
import { verifyIssue, withLegacyDigests } from './verified-issue';
import { withLinkedTickets } from './linked-tickets';
import { storedRules } from './stored-rules';

/**
 * `getGlance`: the current stage's line and the validator's message for the issue's sidebar. It reads the issue as the
 * caller (Jira answers not-found to someone who cannot see it), the configuration and the heads: no groups, no audit.
 *
 * @example
 * await loadGlance(ports, 'SKU-1') // { configured: true, progress: 'Promote to prod: 2 of 4', status: 'blocked', message: '...' }
 */
export async function loadGlance(ports: Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'clock'>, issueIdOrKey: string): Promise<GateGlance> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, heads] = await Promise.all([ports.configs.get(issue.projectId).then(storedRules), ports.records.heads(issue.id).then((found) => withLegacyDigests(ports, issue, found))]);
  if (stored === undefined) return { configured: false };
  const { records, snapshot } = verifyIssue(stored.config, await withLinkedTickets(ports, stored.config, issue), heads);
  const verdicts = evaluateAll(stored.config, snapshot, ports.clock.now(), { records });
  const current = currentVerdict(verdicts);
  if (current === undefined) return { configured: false };
  return { configured: true, progress: stageProgress(current), status: stageStatus(current), message: current.message };
}
