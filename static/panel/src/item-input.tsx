import type { Item } from '../../../src/gate/v2/config';
import { LIMITS } from '../../../src/gate/constants';

/** What the form holds for an item while the user edits it: text for every kind but a checkbox. */
export type ItemDraft = string | boolean;

/**
 * The draft of an item from its saved answer.
 *
 * @example
 * draftOf({ kind: 'number', ... }, 3) // '3'
 */
export function draftOf(item: Item, saved: string | boolean | number | undefined): ItemDraft {
  if (item.kind === 'checkbox') return saved === true;
  return saved === undefined || typeof saved === 'boolean' ? '' : String(saved);
}

/**
 * The answer to send for a draft: a tick as a boolean, a number as a number (text that is no number goes as text, so
 * the app says what is wrong), everything else as trimmed text; `null` clears an answer.
 *
 * @example
 * answerOf({ kind: 'number', ... }, ' 12 ') // 12
 * answerOf({ kind: 'text', ... }, '  ') // null
 */
export function answerOf(item: Item, draft: ItemDraft): string | boolean | number | null {
  if (typeof draft === 'boolean') return draft;
  const text = draft.trim();
  if (text === '') return null;
  if (item.kind === 'number') {
    const value = Number(text);
    return Number.isFinite(value) ? value : text;
  }
  return text;
}

/**
 * One item as the input its kind calls for: a text area, a checkbox that must be ticked, one of some options, a
 * number with its unit and limits, or an http(s) link. `labelId` names the item's text, shown by the caller.
 */
export function ItemInput({ item, id, labelId, draft, error, disabled, onChange }: {
  readonly item: Item;
  readonly id: string;
  readonly labelId: string;
  readonly draft: ItemDraft;
  readonly error?: string | undefined;
  readonly disabled: boolean;
  readonly onChange: (draft: ItemDraft) => void;
}) {
  const described = error === undefined ? {} : { 'aria-describedby': `${id}-error` };
  const common = { id, disabled, 'aria-invalid': error !== undefined, ...described };
  switch (item.kind) {
    case 'checkbox':
      return (
        <label className="item-check">
          <input type="checkbox" {...common} aria-labelledby={labelId} checked={draft === true} onChange={(e) => onChange(e.target.checked)} />
          <span>Done</span>
        </label>
      );
    case 'choice':
      return (
        <div role="radiogroup" className="item-choice" aria-labelledby={labelId} {...described}>
          {(item.options ?? []).map((option) => (
            <label key={option} className="item-option">
              <input type="radio" name={id} value={option} disabled={disabled} checked={draft === option} onChange={() => onChange(option)} />
              {option}
            </label>
          ))}
          {draft !== '' ? (
            <button type="button" className="button button-subtle" disabled={disabled} onClick={() => onChange('')}>Clear</button>
          ) : null}
        </div>
      );
    case 'number':
      return (
        <span className="item-number">
          <input
            type="text"
            inputMode="decimal"
            {...common}
            aria-labelledby={labelId}
            value={typeof draft === 'string' ? draft : ''}
            onChange={(e) => onChange(e.target.value)}
          />
          {item.unit === undefined || item.unit === '' ? null : <span className="subtle"> {item.unit}</span>}
        </span>
      );
    case 'link':
      return (
        <input type="url" className="item-link" placeholder="https://…" {...common} aria-labelledby={labelId} value={typeof draft === 'string' ? draft : ''} onChange={(e) => onChange(e.target.value)} />
      );
    case 'text':
      return (
        <textarea rows={2} maxLength={LIMITS.answerLength} {...common} aria-labelledby={labelId} value={typeof draft === 'string' ? draft : ''} onChange={(e) => onChange(e.target.value)} />
      );
  }
}
