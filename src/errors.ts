/**
 * Every error a use case or an adapter throws on purpose. Each one's message is written for the user;
 * src/entry/resolver-result.ts maps each class to the error code the UI reads.
 */

/** A caller lacks a permission; the message says which. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}
/** The issue or project does not exist or the caller cannot see it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
/** Someone else changed the same thing first. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}
/** Untrusted input is invalid; `fieldErrors` says where. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly fieldErrors: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
  }
}
/** A property value would exceed Jira's 32,768-character limit. */
export class PropertyTooLargeError extends Error {
  override readonly name = 'PropertyTooLargeError';
}
/** Jira or KVS failed after bounded retries. */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}

/** The project has no gate configuration yet: a project admin must choose a template or import one. */
export class NotConfiguredError extends Error {
  override readonly name = 'NotConfiguredError';
}
