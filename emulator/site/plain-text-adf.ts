import type { AdfDocument } from './adf';

/**
 * A one-paragraph-per-line ADF document for plain text (what the site's comment box and Create dialog post).
 * No dependencies: the pages' script bundles it.
 *
 * @example textToAdf('LGTM\nShip it') // doc with two paragraphs
 */
export function textToAdf(text: string): AdfDocument {
  return {
    type: 'doc',
    version: 1,
    content: text.split(/\r?\n/).map((line) => ({ type: 'paragraph', ...(line === '' ? {} : { content: [{ type: 'text', text: line }] }) })),
  };
}
