import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig, Scope } from '../../../src/gate/v2/config';
import { TextField } from './text-field';

/** "Story, Epic" → ['Story', 'Epic']: names separated by commas, blanks dropped. */
const namesIn = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

/**
 * Which tickets the gate applies to: issue types by name (none: every type) and labels (any of; none: no condition).
 * Other tickets go through every gated transition, and their panel says why in one line.
 */
export function ScopeEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const update = (patch: Partial<Scope>): void => onChange({ ...config, scope: { ...config.scope, ...patch } });
  return (
    <section aria-labelledby="scope-heading">
      <h2 id="scope-heading">Which tickets are gated</h2>
      <p className="subtle">Tickets outside the scope go through every gated transition; their panel says the gate does not apply, and why.</p>
      <div className="row">
        <TextField
          path="scope.issueTypes"
          label="Issue types (comma-separated)"
          value={config.scope.issueTypes.join(', ')}
          errors={errors}
          hint="Empty: every issue type of the project."
          onChange={(text) => update({ issueTypes: text.split(',').map((t) => t.trimStart()) })}
          onBlur={() => update({ issueTypes: namesIn(config.scope.issueTypes.join(',')) })}
        />
        <TextField
          path="scope.labels"
          label="Only tickets with one of these labels (comma-separated)"
          value={config.scope.labels.join(', ')}
          errors={errors}
          hint="Empty: no label needed."
          onChange={(text) => update({ labels: text.split(',').map((t) => t.trimStart()) })}
          onBlur={() => update({ labels: namesIn(config.scope.labels.join(',')) })}
        />
      </div>
    </section>
  );
}
