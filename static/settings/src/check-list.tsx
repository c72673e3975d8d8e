import type { FieldError } from '../../../src/gate/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { toggled } from './draft';

/**
 * A fieldset of checkboxes choosing keys for a list at `path` (a stage's numbers, a question's stages), with the field
 * errors of each chosen entry. An option without a key yet cannot be chosen.
 */
export function CheckList({ path, legend, options, checked, errors, onChange }: {
  readonly path: string;
  readonly legend: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly checked: readonly string[];
  readonly errors: readonly FieldError[];
  readonly onChange: (checked: string[]) => void;
}) {
  return (
    <fieldset id={fieldId(path)} tabIndex={-1}>
      <legend>{legend}</legend>
      {options.map((option, i) => {
        const id = `${fieldId(path)}-option-${i}`;
        return (
          <div key={i} className="check">
            <input
              id={id}
              type="checkbox"
              checked={option.value !== '' && checked.includes(option.value)}
              disabled={option.value === ''}
              onChange={(e) => onChange(toggled(checked, option.value, e.target.checked))}
            />
            <label htmlFor={id} className="label-inline">{option.label}</label>
          </div>
        );
      })}
      {checked.map((_, i) => <FieldMessage key={i} errors={errors} path={`${path}.${i}`} />)}
    </fieldset>
  );
}
