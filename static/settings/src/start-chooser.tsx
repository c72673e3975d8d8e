import type { ConfigView } from '../../../src/contract';

/** The first step for a project without a gate: a seed template or a blank configuration. */
export function StartChooser({ templates, replacing, busy, onTemplate, onScratch }: {
  readonly templates: ConfigView['templates'];
  /** A configuration exists: a template replaces it (after a preview of what changes). */
  readonly replacing: boolean;
  readonly busy: string | undefined;
  readonly onTemplate: (key: string) => void;
  readonly onScratch: () => void;
}) {
  const label = (template: ConfigView['templates'][number]): string => {
    if (busy === template.key) return 'Checking…';
    return replacing ? `Replace with ${template.name}` : `Use ${template.name}`;
  };
  return (
    <section aria-labelledby="start-heading">
      <h2 id="start-heading">{replacing ? 'Replace the configuration' : 'Start from a template or from scratch'}</h2>
      <p className="subtle">You see what a template changes before anything is saved; decisions already recorded on issues stay.</p>
      <ul className="templates">
        {templates.map((template) => (
          <li key={template.key} className="card template">
            <h3>{template.name}</h3>
            <p className="subtle">{template.description}</p>
            <button type="button" className="button button-primary" disabled={busy !== undefined} onClick={() => onTemplate(template.key)}>
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
