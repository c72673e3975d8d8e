import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { z } from 'zod';
import { getJira } from '../../shared/bridge';

const GroupPickerAnswer = z.object({ groups: z.array(z.object({ name: z.string() })) });

/**
 * Jira groups, chosen with Jira's groups picker (GET /rest/api/3/groups/picker?query=).
 * A combobox: type to search, arrows to move, Enter to add; a name that the picker cannot find can still be added.
 */
export function GroupPicker({ id, label, groups, invalid, describedBy, onChange }: {
  readonly id: string;
  readonly label: string;
  readonly groups: readonly string[];
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
  readonly onChange: (groups: string[]) => void;
}) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [lookupError, setLookupError] = useState<string | undefined>();
  const latest = useRef('');

  useEffect(() => {
    const text = query.trim();
    latest.current = text;
    if (text === '') return undefined;
    // Wait for a pause in typing so each keystroke does not hit Jira.
    const timer = setTimeout(() => {
      getJira(`/rest/api/3/groups/picker?query=${encodeURIComponent(text)}&maxResults=10`)
        .then((answer) => {
          if (latest.current !== text) return;
          const parsed = GroupPickerAnswer.safeParse(answer);
          setOptions(parsed.success ? parsed.data.groups.map((g) => g.name).filter((name) => !groups.includes(name)) : []);
          setLookupError(parsed.success ? undefined : 'Jira answered the group search with something unexpected.');
          setActive(-1);
          setOpen(true);
        })
        .catch((error: unknown) => {
          setLookupError(`Could not search Jira's groups (${error instanceof Error ? error.message : String(error)}); you can still type a group name and press Enter.`);
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [query, groups]);

  const add = (name: string): void => {
    const trimmed = name.trim();
    if (trimmed !== '' && !groups.includes(trimmed)) onChange([...groups, trimmed]);
    setQuery('');
    setOptions([]);
    setOpen(false);
  };

  // Nothing typed, nothing offered (an answer for an earlier text is not shown).
  const shown = query.trim() === '' ? [] : options;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && shown.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((active + 1) % shown.length);
    } else if (event.key === 'ArrowUp' && shown.length > 0) {
      event.preventDefault();
      setActive(active <= 0 ? shown.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      add(open && active >= 0 ? (shown[active] ?? query) : query);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const expanded = open && shown.length > 0;
  return (
    <div className="group-picker">
      <span className="label" id={`${id}-label`}>{label}</span>
      <ul className="chips" aria-labelledby={`${id}-label`}>
        {groups.map((group) => (
          <li key={group} className="chip">
            <span>{group}</span>
            <button type="button" className="chip-remove" aria-label={`Remove group ${group}`} onClick={() => onChange(groups.filter((g) => g !== group))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={id} className="visually-hidden">Add a group to {label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder="Search Jira groups and press Enter"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-invalid={invalid}
        {...(describedBy === undefined ? {} : { 'aria-describedby': describedBy })}
        {...(expanded && active >= 0 ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={`Jira groups matching “${query}”`} className={expanded ? 'options' : 'options options-hidden'}>
        {expanded
          ? shown.map((option, index) => (
              <li
                key={option}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'option option-active' : 'option'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(option);
                }}
              >
                {option}
              </li>
            ))
          : null}
      </ul>
      {lookupError === undefined ? null : <p className="hint">{lookupError}</p>}
    </div>
  );
}
