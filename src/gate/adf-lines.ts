import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

/**
 * A Jira comment body (Atlassian Document Format) read as lines of text, the way a person sees them: each paragraph,
 * heading and hard break starts a line. Comment commands are read from these lines, so what matters here is where
 * each piece of text sits: in ordinary text, in a code block, in a quote, or marked as inline code.
 */

/** Where a line sits in the document. Text in code blocks and quotes is never a command. */
export type LinePlace = 'text' | 'code-block' | 'quote';

export interface AdfLine {
  readonly text: string;
  /** One flag per UTF-16 unit of `text`: true where the text is marked as inline code. */
  readonly inlineCode: readonly boolean[];
  readonly place: LinePlace;
}

export interface AdfLines {
  readonly lines: readonly AdfLine[];
  /** The document was larger than what is read (nodes or characters); the rest was not read. */
  readonly truncated: boolean;
}

/** Jira limits a comment to 32,767 characters; a body beyond these bounds is not a comment Jira wrote. */
export const ADF_LIMITS = { nodes: 20_000, characters: 65_536, depth: 64 } as const;

/** The part of an ADF node that is read. Everything else (unknown node types, attributes) is tolerated and skipped. */
const NodeSchema = lazySchema(() => z.object({
  type: z.string().check(z.maxLength(64)),
  text: z.catch(z.optional(z.string()), undefined),
  content: z.catch(z.optional(z.array(z.unknown())), undefined),
  marks: z.catch(z.optional(z.array(z.catch(z.object({ type: z.string() }), { type: '' }))), undefined),
  attrs: z.catch(z.optional(z.record(z.string(), z.unknown())), undefined),
}));
type Node = z.infer<typeof NodeSchema>;

/** Block nodes that end the line before them and after them. */
const LINE_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'rule', 'mediaSingle', 'mediaGroup', 'blockCard', 'embedCard', 'decisionItem', 'taskItem']);

/** What an inline node without text shows in the editor, so that "/lgtm @Dana" is not read as "/lgtm". */
function inlineText(node: Node): string {
  const attrs = node.attrs ?? {};
  const pick = (...names: string[]): string => {
    for (const name of names) {
      const value = attrs[name];
      if (typeof value === 'string' && value !== '') return value;
    }
    return '';
  };
  switch (node.type) {
    case 'mention':
      return pick('text') || '@';
    case 'emoji':
      return pick('text', 'shortName');
    case 'inlineCard':
      return pick('url') || '\uFFFC';
    case 'status':
      return pick('text');
    case 'date':
      return pick('timestamp');
    default:
      return '';
  }
}

interface Frame {
  readonly nodes: readonly unknown[];
  index: number;
  readonly place: LinePlace;
  readonly depth: number;
  /** Set for the frame of a line block, so the line ends when the frame is done. */
  readonly endsLine: boolean;
}

/**
 * Reads an ADF document (or any value: a body that is not ADF gives no lines) into lines with their place. The walk is
 * iterative and bounded, so a deep or huge body cannot exhaust the stack or the invocation's time.
 *
 * @example
 * adfLines({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] }).lines
 * // [{ text: '/lgtm', inlineCode: [false, false, false, false, false], place: 'text' }]
 */
export function adfLines(document: unknown): AdfLines {
  const lines: AdfLine[] = [];
  let text = '';
  let mask: boolean[] = [];
  let place: LinePlace = 'text';
  let open = false;
  let characters = 0;
  let nodes = 0;
  let truncated = false;

  const endLine = (): void => {
    if (open) lines.push({ text, inlineCode: mask, place });
    text = '';
    mask = [];
    open = false;
  };
  const append = (piece: string, where: LinePlace, code: boolean): void => {
    const room = ADF_LIMITS.characters - characters;
    const kept = piece.length > room ? piece.slice(0, room) : piece;
    if (kept.length < piece.length) truncated = true;
    characters += kept.length;
    // A code block's text keeps its own line breaks; other text may carry stray ones.
    kept.split(/\r\n|\r|\n/).forEach((part, i) => {
      if (i > 0) endLine();
      if (!open || place !== where) {
        endLine();
        place = where;
        open = true;
      }
      text += part;
      for (let c = 0; c < part.length; c++) mask.push(code);
    });
  };

  const stack: Frame[] = [{ nodes: [document], index: 0, place: 'text', depth: 0, endsLine: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      if (frame.endsLine) endLine();
      continue;
    }
    const raw = frame.nodes[frame.index++];
    if (++nodes > ADF_LIMITS.nodes || characters >= ADF_LIMITS.characters) {
      truncated = true;
      break;
    }
    const parsed = NodeSchema.safeParse(raw);
    if (!parsed.success) continue;
    const node = parsed.data;
    const nodePlace: LinePlace = frame.place !== 'text' ? frame.place : node.type === 'codeBlock' ? 'code-block' : node.type === 'blockquote' ? 'quote' : 'text';
    if (node.type === 'hardBreak') {
      endLine();
      continue;
    }
    if (node.type === 'text') {
      const code = node.marks?.some((mark) => mark.type === 'code') ?? false;
      append(node.text ?? '', nodePlace, code);
      continue;
    }
    const shown = node.content === undefined ? inlineText(node) : '';
    if (shown !== '') append(shown, nodePlace, false);
    const blockBoundary = LINE_BLOCKS.has(node.type) || node.type === 'blockquote' || node.type === 'listItem' || node.type === 'tableCell' || node.type === 'tableHeader';
    if (blockBoundary) endLine();
    if (node.content !== undefined && node.content.length > 0) {
      if (frame.depth + 1 > ADF_LIMITS.depth) {
        truncated = true;
        continue;
      }
      stack.push({ nodes: node.content, index: 0, place: nodePlace, depth: frame.depth + 1, endsLine: blockBoundary });
    }
  }
  endLine();
  return { lines, truncated };
}
