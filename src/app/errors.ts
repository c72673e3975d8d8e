/** The project has no gate configuration yet: a project admin must choose a template or import one. */
export class NotConfiguredError extends Error {
  override readonly name = 'NotConfiguredError';
}
