import { z } from 'zod';

/** Atlassian Document Format (developer.atlassian.com/cloud/jira/platform/apis/document/structure): the v3 API's rich text. */
export interface AdfNode {
  readonly type: string;
  readonly text?: string | undefined;
  readonly attrs?: Readonly<Record<string, unknown>> | undefined;
  readonly marks?: readonly { readonly type: string; readonly attrs?: Readonly<Record<string, unknown>> | undefined }[] | undefined;
  readonly content?: readonly AdfNode[] | undefined;
}

export interface AdfDocument extends AdfNode {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly AdfNode[];
}

/** Deeper documents are refused: no editor produces them and they would only cost the renderer. */
const MAX_DEPTH = 32;

const MarkSchema = z.object({ type: z.string().min(1), attrs: z.record(z.string(), z.unknown()).optional() });
const NodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    marks: z.array(MarkSchema).optional(),
    content: z.array(NodeSchema).optional(),
  }),
);
const DocumentSchema = z.object({ type: z.literal('doc'), version: z.literal(1), content: z.array(NodeSchema) });

function depthOf(node: AdfNode): number {
  return 1 + Math.max(0, ...(node.content ?? []).map(depthOf));
}

/**
 * The ADF document in `value`, or a sentence saying why it is none.
 *
 * @example
 * parseAdf({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'LGTM' }] }] }) // the document
 * parseAdf('LGTM') // 'must be an Atlassian Document Format document: {"type": "doc", "version": 1, "content": [...]}'
 */
export function parseAdf(value: unknown): AdfDocument | string {
  const parsed = DocumentSchema.safeParse(value);
  if (!parsed.success) return 'must be an Atlassian Document Format document: {"type": "doc", "version": 1, "content": [...]}';
  const document = parsed.data as AdfDocument;
  if (depthOf(document) > MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;
  return document;
}

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'status', 'date', 'inlineCard']);

const textAttr = (node: AdfNode, name: string): string => {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : '';
};

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'inlineCard':
      return textAttr(node, 'url');
    default:
      return textAttr(node, 'text') || textAttr(node, 'shortName');
  }
}

/**
 * The document as plain text, as a reader sees it: each block on its own line, list items with "- ", mentions and
 * emoji by their shown text, code blocks verbatim.
 *
 * @example
 * adfToText({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] }) // '/lgtm'
 */
export function adfToText(document: AdfNode): string {
  const walk = (node: AdfNode, indent: string): string => {
    if (INLINE.has(node.type)) return inlineText(node);
    if (node.type === 'rule') return '---';
    const children = node.content ?? [];
    if (node.type === 'listItem') return `${indent}- ${children.map((child) => walk(child, `${indent}  `)).join('\n').trimStart()}`;
    const inline = children.every((child) => INLINE.has(child.type));
    return children.map((child) => walk(child, indent)).join(inline ? '' : '\n');
  };
  return walk(document, '').replace(/\n{3,}/g, '\n\n').trim();
}
