import type { DecidePayload, GateView } from '../contract';
import type { GateConfig, Team } from '../gate/config';
import { missingReason } from '../gate/decisions';
import type { DecisionSource } from '../gate/decision-source';
import { describeProblem } from '../gate/integrity-words';
import { mayDecide } from '../gate/permissions';
import { decisionRecord } from '../gate/record-builders';
import { teamProperty } from '../gate/records';
import { ForbiddenError, ValidationError } from '../errors';
import type { Caller, PanelPorts } from '../ports';
import { loadIssueContext, requireConfigured } from './issue-context';
import type { VerifiedIssue } from './verified-issue';
import type { Draft } from './write-record';
import { writeRecord } from './write-record';
import { releaseKeyOf } from '../gate/target-release';

/**
 * Why a decision cannot be recorded for exactly the stages named. Until decisions are stored per stage (gate model v2,
 * step 3 of issue 13), a team's decision counts at every stage that requires the team, so the stages named must be
 * exactly those.
 */
function ticketWideStagesProblem(config: GateConfig, team: Team, named: readonly string[]): string | undefined {
  const unknown = named.find((key) => !config.stages.some((s) => s.key === key));
  if (unknown !== undefined) return `This gate has no stage "${unknown}".`;
  const signs = config.stages.filter((s) => s.requiredTeams.includes(team.key));
  const other = config.stages.find((s) => named.includes(s.key) && !signs.includes(s));
  if (other !== undefined) return `${team.name} does not sign off ${other.name}.`;
  if (named.length === signs.length) return undefined;
  return `A decision of ${team.name} counts at every stage it signs off (${signs.map((s) => s.name).join(', ')}) until decisions are kept per stage: name them all, or none.`;
}

/**
 * `decide`: a team approves, declines (with a reason) or revokes its decision on an issue. Approving again re-affirms:
 * that is how a stale or unverified approval is repaired. `source` says where the decision was given when not in the
 * panel (a comment command): the same rules apply, and the record keeps where it came from. Who may do what is judged
 * on what the app last wrote, so an approver can always decline, and revoke whatever the property holds.
 *
 * @example
 * const view = await decide(ports, { accountId: 'acc-cee' }, 'SKU-1', { team: 'cee', decision: 'approve' });
 */
export async function decide(ports: PanelPorts, caller: Caller, issueIdOrKey: string, payload: DecidePayload, source?: DecisionSource): Promise<GateView> {
  const context = requireConfigured(await loadIssueContext(ports, caller, issueIdOrKey));
  const { issue, groups, stored } = context;
  const { config } = stored;
  const team = config.teams.find((t) => t.key === payload.team);
  if (team === undefined) throw new ValidationError(`This gate has no team "${payload.team}".`, [{ path: 'team', message: `no team has the key "${payload.team}"` }]);
  const stagesProblem = payload.stages === undefined ? undefined : ticketWideStagesProblem(config, team, payload.stages);
  if (stagesProblem !== undefined) throw new ValidationError(stagesProblem, [{ path: 'stages', message: stagesProblem }]);
  const comment = payload.comment?.trim() ?? '';
  const noReason = missingReason(payload.decision, comment, team.name);
  if (noReason !== undefined) throw new ValidationError(noReason, [{ path: 'comment', message: 'a decline needs a reason' }]);

  const now = ports.clock.now();
  const propertyKey = teamProperty(team.key);
  const draft = ({ records, snapshot }: VerifiedIssue): Draft => {
    const permission = mayDecide({ config, records, accountId: caller.accountId, groups, reporterAccountId: issue.reporterAccountId, team: team.key, decision: payload.decision });
    if (!permission.ok) throw new ForbiddenError(`${permission.reason}.`);
    // An approval covers the numbers and answers the app wrote last, never values someone put on the issue.
    const decision = decisionRecord({
      config, issueId: issue.id, team: team.key, decision: payload.decision, by: caller.accountId, via: permission.via, at: now.toISOString(), comment, written: records.written, source,
      targetRelease: releaseKeyOf(snapshot.issue.targetRelease),
    });
    const repaired = records.unverified.find((u) => u.propertyKey === propertyKey);
    const detail = [`${team.name} ${decision.decision}`, comment !== '' ? `: ${comment}` : '', repaired ? ` (replacing a record that ${describeProblem(repaired.problem)})` : '', source?.kind === 'comment' ? ` (in comment ${source.commentId})` : ''].join('');
    return { record: decision, entry: { action: repaired ? 'repair' : 'decide', team: team.key, detail } };
  };
  return writeRecord(ports, caller, context, propertyKey, draft, now);
}
