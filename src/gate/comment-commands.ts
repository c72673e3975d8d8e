import type { AdfLine, LinePlace } from './adf-lines';
import { adfLines } from './adf-lines';
import { LIMITS } from './constants';

/**
 * Commands in Jira comments, read as prow reads them on pull requests: one command per line, at the start of the line,
 * case-insensitive; text in code blocks, inline code and quotes is never a command.
 *
 * | line | command |
 * | --- | --- |
 * | `/lgtm`, `+1`, `LGTM` | approve, for the author's team on the ticket's current stage |
 * | `/approve [team] [stage]`, `/lgtm [team] [stage]` | approve, naming the team and/or the stage |
 * | `/decline [team] [stage]: <reason>`, `/decline <reason>` | decline with a reason |
 * | `/revoke [team] [stage]`, `/lgtm cancel`, `/approve cancel` | withdraw one's approval or decline |
 * | `/na <team, number or item> <reason>` | it does not apply to this ticket (a waiver) |
 */

/** A team or stage as comment commands name it: by key or by name. */
export interface NamedThing {
  readonly key: string;
  readonly name: string;
}

/** What commands can name: the configuration's teams and stages, and the numbers and items `/na` can waive. */
export interface CommandVocabulary {
  readonly teams: readonly NamedThing[];
  readonly stages: readonly NamedThing[];
  readonly numbers?: readonly NamedThing[] | undefined;
  readonly items?: readonly NamedThing[] | undefined;
}

/** What `/na` marks not applicable: a team, a number or an item, by key (the waiver's target). */
export interface WaivedThing {
  readonly kind: 'team' | 'number' | 'item';
  readonly key: string;
}

export type CommandKind = 'approve' | 'decline' | 'revoke' | 'waive';

export interface CommentCommand {
  readonly kind: CommandKind;
  /** Team key, when the command names one (for `waive`, when it waives a team). */
  readonly team?: string;
  /** What `waive` marks not applicable (a team, a number or an item). */
  readonly target?: WaivedThing;
  /** Stage key, when the command names one. */
  readonly stage?: string;
  /** Why (decline, waive). */
  readonly reason?: string;
  /** The line as written (trimmed, shortened), for the reply. */
  readonly text: string;
  /**
   * Identifies the command within its comment regardless of wording, so that a command is applied once even when the
   * comment is delivered twice or edited: `approve:cee:go-live`, `revoke:*:*`.
   */
  readonly id: string;
}

export interface NotUnderstood {
  readonly text: string;
  readonly reason: string;
}

export interface IgnoredCommand {
  readonly text: string;
  readonly place: Exclude<LinePlace, 'text'> | 'inline-code';
}

export interface CommentCommands {
  readonly commands: readonly CommentCommand[];
  /** Lines that start with a command word but cannot be applied as written; the reply says why. */
  readonly notUnderstood: readonly NotUnderstood[];
  /** Commands in code blocks, inline code or quotes: never applied, and the app stays silent about them. */
  readonly ignored: readonly IgnoredCommand[];
}

/** A comment is read for at most this many commands. */
export const MAX_COMMANDS_PER_COMMENT = 10;
const SHOWN_TEXT_LENGTH = 200;
/** Spaces of every kind, including the no-break spaces the Jira editor inserts. */
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

type Reading = { readonly command: Omit<CommentCommand, 'text' | 'id'> } | { readonly problem: string } | undefined;

const normalise = (text: string): string => text.replace(SPACES, ' ').trim();
const lower = (text: string): string => normalise(text).toLowerCase();
const unquote = (text: string): string => text.replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '');
const shown = (text: string): string => (text.length > SHOWN_TEXT_LENGTH ? `${text.slice(0, SHOWN_TEXT_LENGTH - 1)}…` : text);

function resolve(things: readonly NamedThing[], words: string): NamedThing | undefined {
  const wanted = lower(unquote(words));
  if (wanted === '') return undefined;
  return things.find((t) => t.key.toLowerCase() === wanted) ?? things.find((t) => lower(t.name) === wanted);
}

interface Target {
  readonly team?: string;
  readonly stage?: string;
}

function listOf(things: readonly NamedThing[]): string {
  return things.map((t) => t.key).join(', ');
}

/**
 * Reads `[team] [stage]` (either order; names may have spaces). Answers the one reading that fits, or why none does.
 */
function readTarget(args: string, vocabulary: CommandVocabulary): { readonly target: Target } | { readonly problem: string } {
  const words = args === '' ? [] : args.split(' ');
  if (words.length === 0) return { target: {} };
  const readings = new Map<string, Target>();
  const add = (target: Target): void => {
    readings.set(`${target.team ?? ''}|${target.stage ?? ''}`, target);
  };
  const whole = words.join(' ');
  const wholeTeam = resolve(vocabulary.teams, whole);
  const wholeStage = resolve(vocabulary.stages, whole);
  if (wholeTeam) add({ team: wholeTeam.key });
  if (wholeStage) add({ stage: wholeStage.key });
  for (let split = 1; split < words.length; split++) {
    const left = words.slice(0, split).join(' ');
    const right = words.slice(split).join(' ');
    const teamFirst = [resolve(vocabulary.teams, left), resolve(vocabulary.stages, right)] as const;
    if (teamFirst[0] && teamFirst[1]) add({ team: teamFirst[0].key, stage: teamFirst[1].key });
    const stageFirst = [resolve(vocabulary.stages, left), resolve(vocabulary.teams, right)] as const;
    if (stageFirst[0] && stageFirst[1]) add({ team: stageFirst[1].key, stage: stageFirst[0].key });
  }
  const found = [...readings.values()];
  if (found.length === 1 && found[0]) return { target: found[0] };
  if (found.length > 1) {
    return { problem: `“${whole}” can be read in more than one way; name the team and the stage by their keys (teams: ${listOf(vocabulary.teams)}; stages: ${listOf(vocabulary.stages)})` };
  }
  // Say which part is unknown: the longest start that names something, and what follows it.
  for (let split = words.length - 1; split >= 1; split--) {
    const left = words.slice(0, split).join(' ');
    const right = words.slice(split).join(' ');
    if (resolve(vocabulary.teams, left)) return { problem: `no stage is called “${right}” (stages: ${listOf(vocabulary.stages)})` };
    if (resolve(vocabulary.stages, left)) return { problem: `no team is called “${right}” (teams: ${listOf(vocabulary.teams)})` };
  }
  return { problem: `no team or stage is called “${whole}” (teams: ${listOf(vocabulary.teams)}; stages: ${listOf(vocabulary.stages)})` };
}

function checkReason(reason: string, command: string): string | undefined {
  if (reason === '') return `write a reason after ${command}`;
  if (reason.length > LIMITS.commentLength) return `the reason is ${reason.length} characters long; at most ${LIMITS.commentLength} are kept`;
  return undefined;
}

/** `/decline [team] [stage]: reason`: the part before the first colon names the target when it can be read as one. */
function readDecline(args: string, vocabulary: CommandVocabulary): Reading {
  const colon = args.indexOf(':');
  let target: Target = {};
  let reason = args;
  if (colon >= 0) {
    const before = args.slice(0, colon).trim();
    const read = readTarget(before, vocabulary);
    if ('target' in read) {
      target = read.target;
      reason = args.slice(colon + 1).trim();
    }
  }
  const problem = checkReason(reason, '/decline');
  if (problem) return { problem };
  return { command: { kind: 'decline', ...target, reason } };
}

/** The team, number or item words name, teams first: `/na` waives any of them. */
function resolveWaivable(vocabulary: CommandVocabulary, words: string): WaivedThing | undefined {
  const kinds = [
    ['team', vocabulary.teams],
    ['number', vocabulary.numbers ?? []],
    ['item', vocabulary.items ?? []],
  ] as const;
  for (const [kind, things] of kinds) {
    const found = resolve(things, words);
    if (found !== undefined) return { kind, key: found.key };
  }
  return undefined;
}

/** `/na <team, number or item> <reason>`: the longest start of the arguments that names one, then the reason. */
function readWaiver(args: string, vocabulary: CommandVocabulary): Reading {
  const words = args === '' ? [] : args.split(' ');
  for (let split = words.length; split >= 1; split--) {
    const named = words.slice(0, split).join(' ');
    const target = resolveWaivable(vocabulary, named.replace(/[:,—–-]+$/, '')) ?? resolveWaivable(vocabulary, named);
    if (target === undefined) continue;
    const reason = words
      .slice(split)
      .join(' ')
      .replace(/^[:,—–-]+\s*/, '')
      .trim();
    const problem = checkReason(reason, `/na ${target.key}`);
    if (problem) return { problem };
    return { command: { kind: 'waive', ...(target.kind === 'team' && { team: target.key }), target, reason } };
  }
  if (words.length === 0) return { problem: `name the team that does not apply and why, e.g. /na ${vocabulary.teams[0]?.key ?? 'team'} <reason>` };
  const others = [...(vocabulary.numbers ?? []), ...(vocabulary.items ?? [])];
  const known = others.length === 0 ? `teams: ${listOf(vocabulary.teams)}` : `teams: ${listOf(vocabulary.teams)}; numbers and items: ${listOf(others)}`;
  return { problem: `no ${others.length === 0 ? 'team' : 'team, number or item'} is called “${words[0] ?? ''}” (${known})` };
}

function targeted(kind: 'approve' | 'revoke', args: string, vocabulary: CommandVocabulary): Reading {
  const read = readTarget(args, vocabulary);
  return 'target' in read ? { command: { kind, ...read.target } } : read;
}

/** Reads one line (spaces normalised). Undefined when the line is not a command at all. */
function readLine(line: string, vocabulary: CommandVocabulary): Reading {
  if (/^(\+1|lgtm)[.!]*$/i.test(line)) return { command: { kind: 'approve' } };
  const match = /^\/(lgtm|approve|decline|revoke|na)(?=$| |:)(.*)$/i.exec(line);
  if (match === null) return undefined;
  const word = (match[1] ?? '').toLowerCase();
  // "/decline: reason" reads as "/decline reason".
  const args = (match[2] ?? '').replace(/^ ?:/, '').trim();
  switch (word) {
    case 'lgtm':
    case 'approve':
      return args.toLowerCase() === 'cancel' ? { command: { kind: 'revoke' } } : targeted('approve', args, vocabulary);
    case 'revoke':
      return targeted('revoke', args, vocabulary);
    case 'decline':
      return readDecline(args, vocabulary);
    default:
      return readWaiver(args, vocabulary);
  }
}

/** The command word's first and last positions in the raw line, to tell whether it was typed as inline code. */
function commandWordInCode(line: AdfLine): boolean {
  const start = line.text.search(/\S/);
  if (start < 0) return false;
  const word = /^\S+/.exec(line.text.slice(start))?.[0] ?? '';
  return line.inlineCode.slice(start, start + word.length).some(Boolean);
}

/**
 * Every command in a Jira comment (ADF), in the order written, with the lines that start like a command but cannot be
 * applied (and why), and the commands that were ignored because they sit in a code block, inline code or a quote.
 * Teams and stages are named by key or by name, in any case. The same command twice in one comment counts once.
 *
 * @example
 * parseCommentCommands(adf('Looks good.\n/approve cee go-live'), { teams: [{ key: 'cee', name: 'CEE' }], stages: [{ key: 'go-live', name: 'Go live' }] })
 * // { commands: [{ kind: 'approve', team: 'cee', stage: 'go-live', text: '/approve cee go-live', id: 'approve:cee:go-live' }], notUnderstood: [], ignored: [] }
 */
export function parseCommentCommands(body: unknown, vocabulary: CommandVocabulary): CommentCommands {
  const commands: CommentCommand[] = [];
  const notUnderstood: NotUnderstood[] = [];
  const ignored: IgnoredCommand[] = [];
  const seen = new Set<string>();
  let overflow = 0;
  for (const line of adfLines(body).lines) {
    const text = normalise(line.text);
    const reading = readLine(text, vocabulary);
    if (reading === undefined) continue;
    if (line.place !== 'text') {
      ignored.push({ text: shown(text), place: line.place });
      continue;
    }
    if (commandWordInCode(line)) {
      ignored.push({ text: shown(text), place: 'inline-code' });
      continue;
    }
    if ('problem' in reading) {
      notUnderstood.push({ text: shown(text), reason: reading.problem });
      continue;
    }
    const { command } = reading;
    // A waived number or item is named by its kind, so it never claims the id of a team of the same key.
    const subject = command.target !== undefined && command.target.kind !== 'team' ? `${command.target.kind}.${command.target.key}` : (command.team ?? '*');
    const id = `${command.kind}:${subject}:${command.stage ?? '*'}`;
    if (seen.has(id)) continue;
    if (commands.length >= MAX_COMMANDS_PER_COMMENT) {
      overflow++;
      continue;
    }
    seen.add(id);
    commands.push({ ...command, text: shown(text), id });
  }
  if (overflow > 0) {
    notUnderstood.push({ text: `${overflow} more`, reason: `a comment is read for at most ${MAX_COMMANDS_PER_COMMENT} commands; write the others in another comment` });
  }
  return { commands, notUnderstood, ignored };
}
