import { SUMMARY_PROPERTY } from '../gate/records';
import type { NotifyOutcome } from './notify-teams';
import { notifyTeams } from './notify-teams';
import type { IssueEventPorts } from '../ports';
import { refreshSummary } from './summary-refresh';
import { verifyIssue, withLegacyDigests } from './verified-issue';
import { storedRules } from './stored-rules';
import { gateFactsOf } from './gate-facts';

export type TrackOutcome =
  | { readonly tracked: false; readonly reason: string }
  | { readonly tracked: true; readonly summary: unknown; readonly notifications: readonly NotifyOutcome[] };

/**
 * Puts a newly created ticket under the gate without waiting for a first panel action: writes its
 * `golive-gate.summary` (so the reviews queue and JQL see it) and notifies the teams of its first stage that it waits
 * on them. Reads the issue, then the configuration and record heads at once, as the app; a ticket of a project without a
 * gate is left alone. Safe to run again: the summary is only rewritten when it differs and each team is notified once.
 *
 * @example
 * await trackNewIssue(ports, '10042');
 * // { tracked: true, summary: { status: 'blocked', stage: 'promote-to-prod', ... }, notifications: [{ team: 'sre-p', result: 'sent', ... }, ...] }
 */
export async function trackNewIssue(ports: IssueEventPorts, issueIdOrKey: string): Promise<TrackOutcome> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const [stored, heads] = await Promise.all([ports.configs.get(issue.projectId).then(storedRules), ports.records.heads(issue.id).then((found) => withLegacyDigests(ports, issue, found))]);
  if (stored === undefined) return { tracked: false, reason: `project ${issue.projectKey} has no Go-Live Gate configuration` };

  const now = ports.clock.now();
  const fresh = await refreshSummary(ports, stored, verifyIssue(stored.config, issue, heads), now);
  const summary = fresh.issue.properties[SUMMARY_PROPERTY];
  const named = { id: issue.id, key: issue.key, title: issue.summary };
  const notifications = ports.notify ? await notifyTeams(ports.notify, gateFactsOf(stored.configV2, fresh), now, named, issue.properties[SUMMARY_PROPERTY], summary) : [];
  return { tracked: true, summary, notifications };
}
