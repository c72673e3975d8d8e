import type { FieldError } from '../../../src/gate/config';
import { errorProps, fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { keyFromName } from './draft';

/** A labelled text input for the value at `path`, with its field errors. */
export function TextField({ path, label, value, errors, onChange, hint, readOnly = false, multiline = false, onBlur }: {
  readonly path: string;
  readonly label: string;
  readonly value: string;
  readonly errors: readonly FieldError[];
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  readonly readOnly?: boolean;
  readonly multiline?: boolean;
  readonly onBlur?: () => void;
}) {
  const id = fieldId(path);
  const described = errorProps(errors, path);
  const hintId = `${id}-hint`;
  const describedBy = [hint === undefined ? undefined : hintId, described['aria-describedby']].filter((v) => v !== undefined).join(' ');
  const common = {
    id,
    value,
    readOnly,
    'aria-invalid': described['aria-invalid'],
    ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
    ...(onBlur === undefined ? {} : { onBlur }),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type="text" {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint === undefined ? null : <p className="hint" id={hintId}>{hint}</p>}
      <FieldMessage errors={errors} path={path} />
    </div>
  );
}

/** A labelled number input; empty means "not set". */
export function NumberField({ path, label, value, errors, onChange, hint }: {
  readonly path: string;
  readonly label: string;
  readonly value: number | undefined;
  readonly errors: readonly FieldError[];
  readonly onChange: (value: number | undefined) => void;
  readonly hint?: string;
}) {
  const id = fieldId(path);
  const described = errorProps(errors, path);
  const describedBy = [hint === undefined ? undefined : `${id}-hint`, described['aria-describedby']].filter((v) => v !== undefined).join(' ');
  return (
    <div className="field field-narrow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={value ?? ''}
        aria-invalid={described['aria-invalid']}
        {...(describedBy === '' ? {} : { 'aria-describedby': describedBy })}
        onChange={(e) => {
          if (e.target.value === '') onChange(undefined);
          else if (Number.isFinite(e.target.valueAsNumber)) onChange(e.target.valueAsNumber);
        }}
      />
      {hint === undefined ? null : <p className="hint" id={`${id}-hint`}>{hint}</p>}
      <FieldMessage errors={errors} path={path} />
    </div>
  );
}

/** A labelled select for the value at `path`. */
export function SelectField({ path, label, value, options, errors, onChange }: {
  readonly path: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly errors: readonly FieldError[];
  readonly onChange: (value: string) => void;
}) {
  const id = fieldId(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...errorProps(errors, path)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldMessage errors={errors} path={path} />
    </div>
  );
}

/**
 * The name of an item and its key: leaving the name fills an empty key from it; a saved item's key cannot change.
 *
 * @example
 * <NameAndKey path="stages.0" nameLabel="Name" name={stage.name} itemKey={stage.key} saved errors={errors} savedHint="..." onName={...} onKey={...} />
 */
export function NameAndKey({ path, nameField = 'name', nameLabel = 'Name', name, itemKey, saved = false, savedHint, errors, onName, onKey }: {
  readonly path: string;
  /** The name's property in the item (its field-error path): `name`, or `label` for a number. */
  readonly nameField?: string;
  readonly nameLabel?: string;
  readonly name: string;
  readonly itemKey: string;
  readonly saved?: boolean;
  /** Why a saved key is read-only. */
  readonly savedHint?: string;
  readonly errors: readonly FieldError[];
  readonly onName: (name: string) => void;
  readonly onKey: (key: string) => void;
}) {
  return (
    <>
      <TextField
        path={`${path}.${nameField}`}
        label={nameLabel}
        value={name}
        errors={errors}
        onChange={onName}
        onBlur={() => {
          if (itemKey === '' && name.trim() !== '') onKey(keyFromName(name));
        }}
      />
      <TextField
        path={`${path}.key`}
        label="Key"
        value={itemKey}
        errors={errors}
        readOnly={saved}
        hint={saved && savedHint !== undefined ? savedHint : 'Lowercase letters, digits and dashes.'}
        onChange={onKey}
      />
    </>
  );
}
