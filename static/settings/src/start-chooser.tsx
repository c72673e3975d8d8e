import { useState } from 'react';
import type { ConfigView } from '../../../src/contract';

/** The first step for a project without a gate: a seed template or a blank configuration. */
export function StartChooser({ templates, replacing, busy, onTemplate, onScratch }: {
  readonly templates: ConfigView['templates'];
  /** A configuration exists: a template replaces it (and is saved at once). */
  readonly replacing: boolean;
  readonly busy: string | undefined;
  readonly onTemplate: (key: string) => void;
  readonly onScratch: () => void;
}) {
  // Replacing a saved configuration takes a second, explicit click.
  const [confirming, setConfirming] = useState<string | undefined>();
  const choose = (key: string): void => {
    if (replacing && confirming !== key) setConfirming(key);
    else onTemplate(key);
  };
  const label = (template: ConfigView['templates'][number]): string => {
    if (busy === template.key) return 'Applying…';
    if (!replacing) return `Use ${template.name}`;
    return confirming === template.key ? `Yes, replace the saved configuration with ${template.name}` : `Replace with ${template.name}`;
  };
  return (
    <section aria-labelledby="start-heading">
      <h2 id="start-heading">{replacing ? 'Replace the configuration' : 'Start from a template or from scratch'}</h2>
      {replacing ? <p className="subtle">A template replaces the saved configuration at once; decisions already recorded on issues stay.</p> : null}
      <ul className="templates">
        {templates.map((template) => (
          <li key={template.key} className="card template">
            <h3>{template.name}</h3>
            <p className="subtle">{template.description}</p>
            <button type="button" className={confirming === template.key ? 'button button-danger' : 'button button-primary'} disabled={busy !== undefined} onClick={() => choose(template.key)}>
              {label(template)}
            </button>
          </li>
        ))}
        <li className="card template">
          <h3>Blank configuration</h3>
          <p className="subtle">One empty team and stage to fill in; nothing is saved until you save.</p>
          <button type="button" className="button" disabled={busy !== undefined} onClick={onScratch}>Start from scratch</button>
        </li>
      </ul>
    </section>
  );
}
