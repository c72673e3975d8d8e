import { useState } from 'react';
import type { PanelProps, PanelSection } from './panel-section';

/**
 * One on-demand part of the panel: closed, a line with its title and summary; its body is built the first time it
 * opens (the panel's first paint stays small) and kept afterwards, so what was typed survives closing it.
 */
export function SectionDisclosure({ section, props }: { readonly section: PanelSection; readonly props: PanelProps }) {
  const [opened, setOpened] = useState(false);
  const summary = section.summary(props);
  if (summary === undefined) return null;
  const { Body } = section;
  return (
    <details className="panel-section" data-section={section.key} onToggle={(e) => { if (e.currentTarget.open) setOpened(true); }}>
      <summary>
        <h2 className="section-title">{section.title}</h2> <span className="subtle section-summary">{summary}</span>
      </summary>
      <div className="section-body">{opened ? <Body {...props} /> : null}</div>
    </details>
  );
}
