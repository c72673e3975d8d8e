import type { ReactNode } from 'react';

type Appearance = 'error' | 'warning' | 'success' | 'info' | 'discovery';

/** A message box in the Atlassian section-message style; errors and warnings are announced at once. */
export function Notice({ appearance, title, children, action }: {
  readonly appearance: Appearance;
  readonly title: string;
  readonly children?: ReactNode;
  readonly action?: ReactNode;
}) {
  const role = appearance === 'error' || appearance === 'warning' ? 'alert' : 'status';
  return (
    <section className={`notice notice-${appearance}`} role={role} aria-label={title}>
      <h3 className="notice-title">{title}</h3>
      {children === undefined ? null : <div className="notice-body">{children}</div>}
      {action === undefined ? null : <div className="notice-actions">{action}</div>}
    </section>
  );
}

/** A failed load: says what went wrong and offers to try again. */
export function LoadError({ message, onRetry }: { readonly message: string; readonly onRetry: () => void }) {
  return (
    <Notice appearance="error" title="Something went wrong" action={<button type="button" className="button" onClick={onRetry}>Try again</button>}>
      <p>{message}</p>
    </Notice>
  );
}

/** Shown while the first answer is on its way. */
export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}
