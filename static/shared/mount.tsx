import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUpTheme } from './theme';

/** Renders a resource's root into #root; the theme is switched on alongside, never in the way of the first paint. */
export function mount(app: ReactNode): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element');
  void setUpTheme();
  createRoot(container).render(<StrictMode>{app}</StrictMode>);
}
