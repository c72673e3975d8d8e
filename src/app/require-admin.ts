import { ForbiddenError } from '../errors';
import type { ProjectRef, SettingsPorts } from '../ports';

/**
 * Settings are for project admins. Jira shows the settings page only to them, but a resolver can be invoked directly,
 * so every settings use case asks Jira (as the caller) again.
 *
 * @example
 * await requireAdmin(ports, { id: '10000', key: 'SKU' }); // throws ForbiddenError for anyone else
 */
export async function requireAdmin(ports: Pick<SettingsPorts, 'directory'>, project: ProjectRef): Promise<void> {
  if (!(await ports.directory.canAdministerProject(project.id))) {
    throw new ForbiddenError(`Only administrators of project ${project.key} can see or change its Go-Live Gate configuration.`);
  }
}
