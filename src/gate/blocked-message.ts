// The sentence a blocked stage is refused with, shared by every evaluation of a stage: the validator shows it in Jira's
// small flag, and the panel, glance and summary show the same words.

/** The validator shows the message in a small flag: keep it short. */
export const MAX_MESSAGE_LENGTH = 300;

/**
 * A label as it reads inside a sentence: "Capacity" -> "capacity", "OSD e2e" stays.
 *
 * @example
 * lowerFirst('Capacity') // 'capacity'
 */
export const lowerFirst = (label: string): string => (/^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label);

/** A message part: a label followed by names ("waiting on CEE, OCM PM"), or a phrase on its own ("capacity not recorded"). */
export interface MessagePart {
  readonly label?: string;
  readonly items: readonly string[];
}

function renderParts(parts: readonly MessagePart[], keep: number): string {
  const rendered: string[] = [];
  let left = keep;
  for (const part of parts) {
    const items = part.items.slice(0, Math.max(0, left));
    left -= items.length;
    if (items.length === 0) continue;
    rendered.push(part.label === undefined ? items.join('; ') : `${part.label} ${items.join(', ')}`);
  }
  return rendered.join('; ');
}

/**
 * "<Stage> blocked: …", naming as much as fits in MAX_MESSAGE_LENGTH and counting the rest.
 *
 * @example
 * blockedMessage('Go live', [{ label: 'waiting on', items: ['CEE'] }, { items: ['capacity not recorded'] }])
 * // 'Go live blocked: waiting on CEE; capacity not recorded'
 */
export function blockedMessage(stageName: string, parts: readonly MessagePart[]): string {
  const total = parts.reduce((sum, part) => sum + part.items.length, 0);
  const prefix = `${stageName} blocked: `;
  for (let keep = total; keep > 0; keep--) {
    const message = prefix + renderParts(parts, keep) + (keep < total ? ` … and ${total - keep} more` : '');
    if (message.length <= MAX_MESSAGE_LENGTH) return message;
  }
  return `${prefix}${total} requirements not met`;
}
