import type { CommentCommand, NotUnderstood } from './comment-commands';

/** The reply the app posts under a comment with commands: what it recorded and the stage's verdict, or why nothing. */

export type CommandResult =
  | {
      readonly command: CommentCommand;
      readonly recorded: true;
      /** Display names of the team and stage the record is for. */
      readonly team: string;
      readonly stage: string;
    }
  | { readonly command: CommentCommand; readonly recorded: false; readonly reason: string };

export interface ReplyInput {
  /** The comment's author, mentioned at the start of the reply. */
  readonly authorAccountId?: string | undefined;
  /** One per command of the comment that has not been applied before (an edit or a second delivery adds none). */
  readonly results: readonly CommandResult[];
  readonly notUnderstood: readonly NotUnderstood[];
  /** The verdict sentence of each stage a recorded command touched, as evaluated after recording. */
  readonly verdicts: readonly string[];
}

interface AdfText {
  readonly type: 'text';
  readonly text: string;
  readonly marks?: readonly { readonly type: 'code' }[];
}
interface AdfMention {
  readonly type: 'mention';
  readonly attrs: { readonly id: string };
}
interface AdfParagraph {
  readonly type: 'paragraph';
  readonly content: readonly (AdfText | AdfMention)[];
}
export interface AdfDocument {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly AdfParagraph[];
}

export interface Reply {
  /** Plain text, commands in backticks: for logs and tests. */
  readonly text: string;
  /** The body to post (Jira REST v3 takes ADF). Commands are inline code, so the reply never reads as a command. */
  readonly adf: AdfDocument;
}

type Piece = { readonly text: string; readonly code?: boolean };

/** Names, reasons and verdicts stay on their line, so no part of them can start a line of its own. */
const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

const sentence = (text: string): string => (/[.!?…)]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function resultLine(result: CommandResult): Piece[] {
  const { command } = result;
  const source: Piece[] = [{ text: ' (' }, { text: command.text, code: true }, { text: ').' }];
  if (!result.recorded) return [{ text: 'Recorded nothing for ' }, { text: command.text, code: true }, { text: `: ${sentence(result.reason)}` }];
  const reason = command.reason === undefined ? '' : `: “${command.reason}”`;
  switch (command.kind) {
    case 'approve':
      return [{ text: `Recorded: ${result.team} approves ${result.stage}` }, ...source];
    case 'decline':
      return [{ text: `Recorded: ${result.team} declines ${result.stage}${reason}` }, ...source];
    case 'revoke':
      return [{ text: `Recorded: ${result.team} withdraws its decision on ${result.stage}` }, ...source];
    default:
      return [{ text: `Recorded: ${result.team} does not apply to this ticket${reason}` }, ...source];
  }
}

const notUnderstoodLine = (item: NotUnderstood): Piece[] => [{ text: 'Did not understand ' }, { text: item.text, code: true }, { text: `: ${sentence(item.reason)}` }];

/**
 * The reply to a comment with commands, or undefined when there is nothing to say (no commands, only commands in
 * code or quotes, or only commands applied before): then the app stays silent, as prow does.
 *
 * @example
 * commentReply({ results: [{ command, recorded: true, team: 'CEE', stage: 'Go live' }], notUnderstood: [], verdicts: ['Go live: blocked, waiting on SRE-P'] })?.text
 * // 'Recorded: CEE approves Go live (`/lgtm`).\nGo live: blocked, waiting on SRE-P.'
 */
export function commentReply(input: ReplyInput): Reply | undefined {
  const written: Piece[][] = [...input.results.map(resultLine), ...input.notUnderstood.map(notUnderstoodLine)];
  if (written.length === 0) return undefined;
  if (input.results.some((r) => r.recorded)) written.push(...input.verdicts.map((verdict) => [{ text: sentence(verdict) }]));
  const lines = written.map((line) => line.map((piece) => ({ ...piece, text: oneLine(piece.text) })));
  const text = lines.map((line) => line.map((piece) => (piece.code ? `\`${piece.text}\`` : piece.text)).join('')).join('\n');
  const paragraphs: AdfParagraph[] = lines.map((line, index) => {
    const content: (AdfText | AdfMention)[] = line.filter((piece) => piece.text !== '').map((piece) => (piece.code ? { type: 'text', text: piece.text, marks: [{ type: 'code' }] } : { type: 'text', text: piece.text }));
    if (index === 0 && input.authorAccountId !== undefined) content.unshift({ type: 'mention', attrs: { id: input.authorAccountId } }, { type: 'text', text: ' ' });
    return { type: 'paragraph', content };
  });
  return { text, adf: { type: 'doc', version: 1, content: paragraphs } };
}
