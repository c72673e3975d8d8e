import type { GateView } from '../contract';
import { ConflictError, NotFoundError } from '../errors';
import type { CommandKind, CommandVocabulary, CommentCommand, NotUnderstood } from '../gate/comment-commands';
import { parseCommentCommands } from '../gate/comment-commands';
import type { CommandResult, Reply } from '../gate/comment-reply';
import { commentReply } from '../gate/comment-reply';
import { sha256Hex } from '../gate/digest';
import type { GateConfigV2 } from '../gate/v2/config';
import { stagesNeeding, targetName } from '../gate/v2/waiver-target';
import type { CommentPorts } from '../ports';
import { decide } from './decide';
import { decisionTarget, refusalOf } from './decision-target';
import { loadIssueContext, requireConfigured } from './issue-context';
import { waive } from './waive';

/** What a comment came to: nothing to do (and why), or the commands applied and the reply posted. */
export type CommentOutcome =
  | { readonly handled: false; readonly why: 'no-commands' | 'app-author' | 'not-configured' | 'comment-gone' }
  | { readonly handled: true; readonly results: readonly CommandResult[]; readonly reply?: Reply | undefined };

/** A comment whose event body shows no line that starts like a command is not read again: most comments are not commands. */
const NO_VOCABULARY: CommandVocabulary = { teams: [], stages: [] };

function mayHoldCommands(eventBody: unknown): boolean {
  if (typeof eventBody !== 'object' || eventBody === null || (eventBody as { type?: unknown }).type !== 'doc') return true;
  const { commands, notUnderstood } = parseCommentCommands(eventBody, NO_VOCABULARY);
  return commands.length > 0 || notUnderstood.length > 0;
}

const vocabularyOf = (config: GateConfigV2): CommandVocabulary => ({
  teams: config.teams.map((t) => ({ key: t.key, name: t.name })),
  stages: config.stages.map((s) => ({ key: s.key, name: s.name })),
  numbers: config.numbers.map((n) => ({ key: n.key, name: n.label })),
  items: config.items.map((i) => ({ key: i.key, name: i.text })),
});

/** KVS keys allow letters, digits and `:._-#`: a command id's `*` (no team or stage named) becomes `any`. */
const claimKey = (issueId: string, commentId: string, what: string): string => `comment-command:${issueId}:${commentId}:${what.replace(/\*/g, 'any')}`;
/** A line that was not understood is claimed by its text, so an edit that leaves it alone does not repeat the answer. */
const notUnderstoodId = (item: NotUnderstood): string => `unread-${sha256Hex(item.text).slice(0, 16)}`;

/**
 * Applies the commands of one Jira comment as its author, through the panel's `decide` and `waive` and so under the
 * panel's rules (team groups, the reporter, one person one team; `/na` by the team concerned or an override-group
 * member, with a reason in words), then answers in a reply comment as the app: what was recorded and
 * the stage's verdict in the validator's words, or why nothing was. The comment is re-read from Jira: its author is
 * who Jira says wrote it, never what the body or the event claims. Each command (and each line not understood) is
 * claimed in KVS per comment before it is applied, so a second delivery or an edit applies it once; a command added
 * by an edit is applied. Comments by apps, and commands in code or quotes, record nothing and get no reply.
 *
 * @example
 * await applyCommentCommands(ports, '10002', '10010', eventBody); // { handled: true, results: [{ recorded: true, ... }], reply }
 */
export async function applyCommentCommands(ports: CommentPorts, issueIdOrKey: string, commentId: string, eventBody?: unknown): Promise<CommentOutcome> {
  if (eventBody !== undefined && !mayHoldCommands(eventBody)) return { handled: false, why: 'no-commands' };
  let comment;
  try {
    comment = await ports.comments.getComment(issueIdOrKey, commentId);
  } catch (error) {
    if (error instanceof NotFoundError) return { handled: false, why: 'comment-gone' };
    throw error;
  }
  if (comment.authorAccountType === 'app') return { handled: false, why: 'app-author' };
  const author = { accountId: comment.authorAccountId };
  const first = await loadIssueContext(ports, author, issueIdOrKey);
  if (first.stored === undefined) return { handled: false, why: 'not-configured' };
  const { issue } = first;
  const config = first.stored.configV2;
  const vocabulary = vocabularyOf(config);
  const parsed = parseCommentCommands(comment.body, vocabulary);
  if (parsed.commands.length === 0 && parsed.notUnderstood.length === 0) return { handled: false, why: 'no-commands' };

  const claim = (what: string): Promise<boolean> => ports.commandLog.claim(claimKey(issue.id, comment.id, what));
  const results: CommandResult[] = [];
  const verdicts = new Map<string, string>();
  const stageName = (key: string): string => config.stages.find((s) => s.key === key)?.name ?? key;
  const teamName = (key: string): string => config.teams.find((t) => t.key === key)?.name ?? key;
  const applyOne = (command: CommentCommand): Promise<Applied> => {
    const { kind } = command;
    return kind === 'waive' ? applyWaiver(ports, author.accountId, issue.id, comment.id, command, config) : applyDecision(ports, author.accountId, issue.id, comment.id, command, kind, teamName);
  };

  for (const command of parsed.commands) {
    if (!(await claim(command.id))) continue;
    try {
      const outcome = await applyOne(command);
      if ('reason' in outcome) {
        results.push({ command, recorded: false, reason: outcome.reason });
        continue;
      }
      for (const stage of outcome.stages) {
        const verdict = outcome.view.verdicts.find((v) => v.stage === stage);
        if (verdict !== undefined) verdicts.set(stage, verdict.message);
      }
      results.push({ command, recorded: true, team: outcome.name, stage: outcome.stages.map(stageName).join(', ') });
    } catch (error) {
      // Not the author's doing (Jira or storage did not answer, others kept writing): forget the claim, so that the
      // event's retry or an edit of the comment applies the command.
      await ports.commandLog.release(claimKey(issue.id, comment.id, command.id));
      const why = error instanceof ConflictError ? error.message : 'Jira or the app storage did not answer; edit the comment (or write the command again) to retry';
      results.push({ command, recorded: false, reason: why });
    }
  }
  const notUnderstood: NotUnderstood[] = [];
  for (const item of parsed.notUnderstood) if (await claim(notUnderstoodId(item))) notUnderstood.push(item);

  const reply = commentReply({ authorAccountId: author.accountId, results, notUnderstood, verdicts: [...verdicts.values()] });
  if (reply !== undefined) await ports.comments.addComment(issue.key, reply.adf);
  return { handled: true, results, reply };
}

/** A command applied: the view after it, the name of what it was for, the stages whose verdict it touched; or why not. */
type Applied = { readonly view: GateView; readonly name: string; readonly stages: readonly string[] } | { readonly reason: string };

/** One decision: the stage and team it is for (named, or inferred from where the ticket waits and whom the author acts for), then `decide`. */
async function applyDecision(
  ports: CommentPorts,
  accountId: string,
  issueId: string,
  commentId: string,
  command: CommentCommand,
  decision: Exclude<CommandKind, 'waive'>,
  teamName: (key: string) => string,
): Promise<Applied> {
  const context = requireConfigured(await loadIssueContext(ports, { accountId }, issueId));
  const target = decisionTarget(context, accountId, command, ports.clock.now());
  if (!target.ok) return { reason: target.reason };
  const { team, stage } = target.value;
  try {
    const payload = { team, decision, ...(command.reason !== undefined && { comment: command.reason }) };
    const view = await decide(ports, { accountId }, issueId, payload, { kind: 'comment', commentId });
    return { view, name: teamName(team), stages: [stage] };
  } catch (error) {
    const reason = refusalOf(error);
    if (reason === undefined) throw error;
    return { reason };
  }
}

/** `/na`: the team, number or item marked not applicable on the ticket through the panel's `waive`, with its reason. */
async function applyWaiver(ports: CommentPorts, accountId: string, issueId: string, commentId: string, command: CommentCommand, config: GateConfigV2): Promise<Applied> {
  const target = command.target ?? { kind: 'team' as const, key: command.team ?? '' };
  try {
    const view = await waive(ports, { accountId }, issueId, { target, reason: command.reason ?? '' }, { kind: 'comment', commentId });
    return { view, name: targetName(config, target), stages: stagesNeeding(config, target).map((s) => s.key) };
  } catch (error) {
    const reason = refusalOf(error);
    if (reason === undefined) throw error;
    return { reason };
  }
}
