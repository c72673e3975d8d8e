import { ASSURANCE_PROPERTY } from '../gate/records';
import type { ServiceAssurance } from '../gate/service-assurance';
import { serviceAssurance } from '../gate/service-assurance';
import type { IssueEventPorts } from '../ports';
import { storedRules } from './stored-rules';

/**
 * After a ticket's status changed: writes its service assurance to `golive-gate.assurance` (indexed for JQL as
 * `goLiveGateAssurance`) when it differs from what is there. Only this property: the summary's verdict fields are
 * derived by record writes alone, so a transition never rewrites them. One Jira read, one KVS read, at most one write.
 *
 * @example
 * await refreshAssurance(ports, '10003') // { level: 'reduced', stage: 'promote-to-prod', ... }, or undefined for an ungated project
 */
export async function refreshAssurance(ports: Pick<IssueEventPorts, 'issues' | 'configs'>, issueIdOrKey: string): Promise<ServiceAssurance | undefined> {
  const issue = await ports.issues.getIssue(issueIdOrKey);
  const stored = await ports.configs.get(issue.projectId).then(storedRules);
  if (stored === undefined) return undefined;
  const assurance = serviceAssurance(stored.config, issue.status);
  const current = issue.properties[ASSURANCE_PROPERTY] as { level?: unknown; status?: unknown } | undefined;
  if (current?.level !== assurance.level || current.status !== assurance.status) await ports.issues.putProperty(issue.id, ASSURANCE_PROPERTY, assurance);
  return assurance;
}
