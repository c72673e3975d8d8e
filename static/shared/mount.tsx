import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as configureZod } from 'zod/v4/core';
import { setUpTheme } from './theme';

// Forge's Custom UI CSP allows no eval: zod must not probe for `new Function` (its JIT), or each resource that parses
// with it reports a CSP violation.
configureZod({ jitless: true });

/** Renders a resource's root into #root; the theme is switched on alongside, never in the way of the first paint. */
export function mount(app: ReactNode): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element');
  void setUpTheme();
  createRoot(container).render(<StrictMode>{app}</StrictMode>);
}
