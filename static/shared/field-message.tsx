import type { FieldError } from '../../src/gate/config';
import { fieldId, messagesAt } from './field-errors';

/** The error text under an input, referenced by the input's aria-describedby. */
export function FieldMessage({ errors, path }: { readonly errors: readonly FieldError[]; readonly path: string }) {
  const messages = messagesAt(errors, path);
  if (messages.length === 0) return null;
  return (
    <p className="field-error" id={`${fieldId(path)}-error`}>
      {messages.join('; ')}
    </p>
  );
}
