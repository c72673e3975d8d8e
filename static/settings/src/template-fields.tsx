import type { SiteField, TemplateInfo } from '../../../src/contract';

const BY_NAME = '';

/**
 * The Jira fields a template reads (the owning SIG of a KEP), each mapped to a field of this site: by default the app
 * finds the select list of that name; an admin may pick another select list instead (the preview then says again what
 * applying the template would do).
 */
export function TemplateFields({ template, siteFields, chosen, onChange }: {
  readonly template: TemplateInfo | undefined;
  readonly siteFields: readonly SiteField[];
  readonly chosen: Readonly<Record<string, string>>;
  readonly onChange: (chosen: Record<string, string>) => void;
}) {
  const needed = template?.fields ?? [];
  if (needed.length === 0) return null;
  return (
    <section className="card template-fields" aria-labelledby="template-fields-heading">
      <h3 id="template-fields-heading">Ticket fields the template reads</h3>
      {needed.map((field) => {
        const id = `template-field-${field.id}`;
        return (
          <div key={field.id} className="field">
            <label htmlFor={id}>{field.name} ({field.type === 'select' ? 'a select list' : field.type}: {field.options.slice(0, 3).join(', ')}{field.options.length > 3 ? '…' : ''})</label>
            <select
              id={id}
              value={chosen[field.id] ?? BY_NAME}
              onChange={(e) => {
                const others = Object.fromEntries(Object.entries(chosen).filter(([key]) => key !== field.id));
                onChange(e.target.value === BY_NAME ? others : { ...others, [field.id]: e.target.value });
              }}
            >
              <option value={BY_NAME}>The select list named “{field.name}”</option>
              {siteFields.filter((f) => f.kind === 'select').map((f) => <option key={f.id} value={f.id}>{f.name} ({f.id})</option>)}
            </select>
          </div>
        );
      })}
    </section>
  );
}
