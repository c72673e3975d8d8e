import type { FieldError } from '../../src/gate/config';

/** The id of the input that edits the value at a field-error path such as `stages.1.name`. */
export const fieldId = (path: string): string => `field-${path.replace(/[^a-zA-Z0-9-]/g, '-')}`;

/** The messages for exactly this path. */
export function messagesAt(errors: readonly FieldError[], path: string): string[] {
  return errors.filter((e) => e.path === path).map((e) => e.message);
}

/** Props that tie an input to its error text: aria-invalid and aria-describedby. */
export function errorProps(errors: readonly FieldError[], path: string): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  return messagesAt(errors, path).length > 0 ? { 'aria-invalid': true, 'aria-describedby': `${fieldId(path)}-error` } : { 'aria-invalid': false };
}
