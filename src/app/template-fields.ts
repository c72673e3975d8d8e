import type { FieldError } from '../gate/config';
import { approverFieldKind } from '../gate/v2/site-fields';
import type { TemplateInfoV2 } from '../gate/v2/templates';
import type { SettingsPorts } from '../ports';

/** The site's field for each field a template reads (template id -> site id), or what stands in the way, per field. */
export type SiteFieldMapping = { readonly mapping: Readonly<Record<string, string>> } | { readonly problems: readonly FieldError[] };

/**
 * The site's field for each Jira field a template reads (the Owning SIG select of the PRR template): the one the admin
 * chose, else the site's select of that name. A choice of a field the template does not read, a field the site does not
 * have or one that is not a select list, or no field of that name, is a problem that names the field. Without a field
 * catalogue (tests) the admin's choices stand and the template's own ids for the rest.
 *
 * @example
 * await siteFieldsFor(ports, prrTemplate) // { mapping: { customfield_10070: 'customfield_10070' } }
 * await siteFieldsFor(ports, prrTemplate, { customfield_1: 'customfield_10074' }) // { problems: [...] }
 */
export async function siteFieldsFor(ports: Pick<SettingsPorts, 'fields'>, template: TemplateInfoV2, chosen: Readonly<Record<string, string>> = {}): Promise<SiteFieldMapping> {
  const problems: FieldError[] = Object.keys(chosen)
    .filter((id) => !template.fields.some((field) => field.id === id))
    .map((id) => ({ path: `fields.${id}`, message: `the template ${template.name} reads no field ${id}` }));
  if (ports.fields === undefined) return problems.length > 0 ? { problems } : { mapping: chosen };
  const selects = (await ports.fields.list()).filter((field) => field.custom && field.schema !== undefined && approverFieldKind(field.schema) === 'select');
  const mapping: Record<string, string> = {};
  for (const needed of template.fields) {
    const path = `fields.${needed.id}`;
    const choice = Object.hasOwn(chosen, needed.id) ? chosen[needed.id] : undefined;
    if (choice !== undefined) {
      if (selects.some((field) => field.id === choice)) mapping[needed.id] = choice;
      else problems.push({ path, message: `${choice} is not a select list of this site, so it cannot stand for ${needed.name}; choose a select list` });
      continue;
    }
    const named = selects.filter((field) => field.name.trim().toLowerCase() === needed.name.toLowerCase());
    const only = named.length === 1 ? named[0] : undefined;
    if (only !== undefined) mapping[needed.id] = only.id;
    else if (named.length === 0) problems.push({ path, message: `This site has no select list named “${needed.name}”: a Jira admin can create one with the options ${needed.options.slice(0, 3).join(', ')}… (or choose another select list for it)` });
    else problems.push({ path, message: `This site has ${named.length} select lists named “${needed.name}” (${named.map((f) => f.id).join(', ')}): choose the one the template should read` });
  }
  return problems.length > 0 ? { problems } : { mapping };
}
