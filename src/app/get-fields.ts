import type { SiteField } from '../contract';
import { approverFieldKind } from '../gate/v2/site-fields';
import type { ProjectRef, SettingsPorts } from '../ports';
import { requireAdmin } from './require-admin';

/**
 * `getFields`: the site's custom fields a team's approvers or a condition can come from (single and multiple selects,
 * group pickers), by name, for a project admin. Jira's own fields (labels, components, issue type) are not listed: the
 * settings page offers them always. Without a field catalogue (tests) the list is empty.
 *
 * @example
 * await getFields(ports, { id: '10001', key: 'KEP' }) // [{ id: 'customfield_10070', name: 'Owning SIG', type: 'option', kind: 'select', multiple: false }, ...]
 */
export async function getFields(ports: Pick<SettingsPorts, 'directory' | 'fields'>, project: ProjectRef): Promise<readonly SiteField[]> {
  await requireAdmin(ports, project);
  const fields = (await ports.fields?.list()) ?? [];
  return fields
    .flatMap((field) => {
      const kind = field.custom && field.schema !== undefined ? approverFieldKind(field.schema) : undefined;
      return kind === undefined || field.schema === undefined ? [] : [{ id: field.id, name: field.name, type: field.schema.type, kind, multiple: field.schema.type === 'array' }];
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
